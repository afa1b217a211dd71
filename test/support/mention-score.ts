import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { teiRegister } from '../../src/model/register.ts';
import { normalize } from '../../src/normalize/index.ts';
import type { Register } from '../../src/register/types.ts';
import { isElement, localName, type TeiElement, textContent } from '../../src/tei/node.ts';
import { parseTei } from '../../src/tei/read.ts';

/**
 * Tagged mentions against a FRUS volume's own: for each document, the multiset of person ids the
 * volume's `persName corresp` gives inside its `div type="document"` (dateline, text, notes,
 * closer: all of it in the plain text too) against the
 * multiset of `persName ref` the normalizer gives the plain text with the volume's list of persons
 * as the register. The head is left out on both sides — the title line and the source note, which
 * the volume prints inside its `head` and the plain text as its first lines: the volumes mark the
 * sender and recipient of a title as `persName type="from|to"` mostly without `corresp`, and tag no
 * file reference (`POL 15–1 US/Johnson`), so names there cannot be scored. Only persons of the list count (a `corresp` to anyone else is left out). A
 * mention counts once per document and person as often as both sides have it (min of the counts).
 */
export interface MentionScore {
  tagged: number;
  truth: number;
  correct: number;
  precision: number;
  recall: number;
  ambiguous: number;
  /** Every document and person where the two sides differ, with our mentions there. */
  worst: {
    file: string;
    id: string;
    tagged: number;
    truth: number;
    forms: string[];
    ours: TaggedMention[];
  }[];
}

function* walk(e: TeiElement): Generator<TeiElement> {
  yield e;
  for (const c of e.children) if (isElement(c)) yield* walk(c);
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** What is left out of the comparison (see above): the head, and signatures when the volume tags none. */
interface Skip {
  title?: string; // the document's title as the plain text prints it
  signatures: boolean;
  signed: Set<string>; // the volume's signatures in this document, for ours set as paragraphs
}

/** Whether an element is left out of the comparison (see above), with all it holds. */
function skipped(e: TeiElement, skip: Skip): boolean {
  const name = localName(e.name);
  if (name === 'head' || name === 'teiHeader' || (name === 'note' && e.attrs.type === 'source')) return true;
  if (name === 'signed' && skip.signatures) return true;
  if (skip.signatures && (name === 'p' || name === 'ab') && skip.signed.has(squash(textContent(e))))
    return true;
  // Our normalizer may set a long title line as a paragraph: it is the head all the same.
  return (name === 'p' || name === 'ab') && !!skip.title && squash(textContent(e)) === skip.title;
}

/** The document's elements without its head (the title and the source note) and what `skip` says. */
function* body(e: TeiElement, skip: Skip): Generator<TeiElement> {
  if (skipped(e, skip)) return;
  yield e;
  for (const c of e.children) if (isElement(c)) yield* body(c, skip);
}

/** One tagged mention: whom, the words, and the text just before it (what a reviewer saw). */
export interface TaggedMention {
  id: string;
  form: string;
  before: string;
}

/** The `persName` mentions of the document's body in order, each with up to 80 characters before it. */
function mentionsIn(
  div: TeiElement,
  attr: string,
  ids: Set<string>,
  skip: Skip,
  unscored: Map<string, number>,
): TaggedMention[] {
  const out: TaggedMention[] = [];
  let text = '';
  const visit = (e: TeiElement): void => {
    if (skipped(e, skip)) return;
    if (localName(e.name) === 'persName') {
      const form = words(e);
      const left = unscored.get(form) ?? 0;
      if (left > 0) unscored.set(form, left - 1);
      else
        for (const target of (e.attrs[attr] ?? '').split(/\s+/)) {
          const id = target.replace(/^#/, '');
          if (ids.has(id)) out.push({ id, form, before: squash(text).slice(-80) });
        }
    }
    for (const c of e.children) {
      if (isElement(c)) visit(c);
      else text = `${text.slice(-400)}${c}`;
    }
  };
  visit(div);
  return out;
}

const words = (e: TeiElement): string => squash(textContent(e));

/** The names the volume marks as persons without saying who (`persName` with no `corresp`). */
function unidentified(div: TeiElement, skip: Skip): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of body(div, skip))
    if (localName(e.name) === 'persName' && !e.attrs.corresp) out.set(words(e), (out.get(words(e)) ?? 0) + 1);
  return out;
}

function counts(
  mentions: TaggedMention[],
): Map<string, { n: number; forms: string[]; mentions: TaggedMention[] }> {
  const out = new Map<string, { n: number; forms: string[]; mentions: TaggedMention[] }>();
  for (const m of mentions) {
    const c = out.get(m.id) ?? { n: 0, forms: [], mentions: [] };
    c.n++;
    c.forms.push(m.form);
    c.mentions.push(m);
    out.set(m.id, c);
  }
  return out;
}

export function scoreCorpus(dir: string): MentionScore & { register: Register; documents: number } {
  const volume = parseTei(readFileSync(join(dir, 'volume.xml'), 'utf8'), 'volume.xml');
  const register = teiRegister(volume);
  const ids = new Set(register.entries.map((e) => e.id));
  const divs = new Map<string, TeiElement>();
  for (const e of walk(volume)) {
    if (localName(e.name) === 'div' && e.attrs.type === 'document' && e.attrs['xml:id'])
      divs.set(e.attrs['xml:id'], e);
  }
  // Each plain text and the document it was made from (its truth file names it).
  const items = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const truth = JSON.parse(readFileSync(join(dir, 'truth', file.replace(/\.txt$/, '.json')), 'utf8')) as {
        doc_id: string;
        title?: string;
      };
      return { file, doc_id: truth.doc_id, title: truth.title };
    });
  // A volume that tags no signature (the 1964–68 one: 0 of 252) is not scored on signatures.
  const signatures = ![...divs.values()].some((d) =>
    [...walk(d)].some(
      (e) => localName(e.name) === 'signed' && [...walk(e)].some((n) => localName(n.name) === 'persName'),
    ),
  );
  let tagged = 0;
  let truth = 0;
  let correct = 0;
  let ambiguous = 0;
  const worst: MentionScore['worst'] = [];
  for (const item of items) {
    const div = divs.get(item.doc_id);
    if (!div) continue;
    const result = normalize(readFileSync(join(dir, item.file)), {
      file: item.file,
      id: `d${item.file.replace(/\.txt$/, '')}`,
      edition: { id: 'score', title: 'score', language: 'en' },
      register,
    });
    ambiguous += result.diagnostics.filter((d) => d.ruleId === 'person-ambiguous').length;
    const { title } = item;
    const signed = new Set([...walk(div)].filter((e) => localName(e.name) === 'signed').map(words));
    const skip: Skip = { title: title ? squash(title) : undefined, signatures, signed };
    const ours = counts(mentionsIn(result.tei, 'ref', ids, skip, unidentified(div, skip)));
    const theirs = counts(mentionsIn(div, 'corresp', ids, skip, new Map()));
    for (const id of new Set([...ours.keys(), ...theirs.keys()])) {
      const a = ours.get(id)?.n ?? 0;
      const b = theirs.get(id)?.n ?? 0;
      tagged += a;
      truth += b;
      correct += Math.min(a, b);
      if (a !== b)
        worst.push({
          file: item.file,
          id,
          tagged: a,
          truth: b,
          forms: [...(ours.get(id)?.forms ?? []), '|', ...(theirs.get(id)?.forms ?? [])],
          ours: ours.get(id)?.mentions ?? [],
        });
    }
  }
  return {
    register,
    documents: items.length,
    tagged,
    truth,
    correct,
    precision: tagged ? correct / tagged : 1,
    recall: truth ? correct / truth : 1,
    ambiguous,
    worst,
  };
}
