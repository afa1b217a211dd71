import { createHash } from 'node:crypto';
import { mapLimit } from '../fs/map-limit.ts';
import { isElement, type TeiElement } from '../tei/node.ts';
import { countStartTags, maxElements, parseTei } from '../tei/read.ts';

/** A corpus master in its parts: its shell up to the closing tag, each member as it stands in it (a newline after each), the closing tag. */
export interface CorpusParts {
  head: string;
  members: string[];
  tail: string;
}

export const corpusText = (parts: CorpusParts): string =>
  `${parts.head}${parts.members.map((m) => `${m}\n`).join('')}${parts.tail}`;

/** Where the members' trees are kept between builds (the build cache's `parse` bucket) and the version of the reader they were read by. */
export interface TreeStore {
  version: string;
  get(key: string): Uint8Array | undefined;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The master `recto build` just composed, read as `parseTei` reads it whole but in its parts: the
 * shell (the edition's header and register) parsed each time, each member's tree kept in `store`
 * (the build cache: `.cache/parse/<hash of the reader's code and the member's text>.bin`, as JSON:
 * read back in a fraction of the time parsing takes) and parsed alone only when its
 * text is new.
 * After a one-document edit one member is parsed instead of the whole master. Positions are moved
 * to where each member stands in the master, so what the model says names the master's lines as a
 * whole parse would (test/corpus-parse.test.ts compares the two trees). A member that does not
 * read alone as it would inside the corpus (not well-formed, TEI P4, past the element limit:
 * nothing Recto writes) sends the whole master to `parseTei`, which reports it at its line.
 */
export async function parseCorpus(parts: CorpusParts, file: string, store: TreeStore): Promise<TeiElement> {
  const whole = (): TeiElement => parseTei(corpusText(parts), file);
  const limit = maxElements();
  const shell = `${parts.head}${parts.tail}`;
  let elements = countStartTags(shell, limit);
  const root = parseTei(shell, file);
  const fresh: { key: string; tree: Uint8Array }[] = [];
  const members: (TeiElement | string)[] = [];
  // where the member about to be read starts in the master
  let line = 1 + newlines(parts.head);
  let column = parts.head.length - parts.head.lastIndexOf('\n');
  for (const text of parts.members) {
    elements += countStartTags(text, limit);
    if (elements > limit) return whole();
    const key = createHash('sha256').update(store.version).update('\u0000').update(text).digest('hex');
    const kept = store.get(key);
    let tree: TeiElement;
    if (kept) tree = JSON.parse(decoder.decode(kept)) as TeiElement;
    else {
      try {
        tree = parseTei(text, file);
      } catch {
        return whole();
      }
      if (tree.converted) return whole(); // (inside the corpus a P4 member is not converted)
      // (before its positions are moved: kept as read alone). JSON, not v8's serialize: that writes
      // a string as V8 holds it, one or two bytes a character, which depends on how the text was
      // made, so the same tree came out as different bytes (a killed build's entry differed from a
      // clean build's, reliability.test.ts); JSON's bytes are the tree's alone.
      fresh.push({ key, tree: encoder.encode(JSON.stringify(tree)) });
    }
    moveTo(tree, line, column);
    members.push(tree, '\n'); // (each member is followed by a newline in the master)
    line += newlines(text) + 1;
    column = 1;
  }
  root.children.push(...members);
  await mapLimit(fresh, 64, (f) => store.put(f.key, f.tree));
  return root;
}

function newlines(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** Positions read from a member alone, moved to the master where it starts at `line`:`column`. */
function moveTo(tree: TeiElement, line: number, column: number): void {
  const move = (at: { line?: number; column?: number }): void => {
    if (at.line === undefined) return;
    if (at.line === 1 && at.column !== undefined) at.column += column - 1;
    at.line += line - 1;
  };
  const walk = (e: TeiElement): void => {
    move(e);
    for (const c of e.comments ?? []) move(c);
    for (const c of e.children) if (isElement(c)) walk(c);
  };
  walk(tree);
}
