import { type DocumentPages, pageBreakOf, pageBreaksIn } from '../model/pages.ts';
import { el, isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';

/** What an item keeps of its document: printed pages (`696–698`, one page, `xii–xiv`) or paragraphs by xml:id. */
export type ExcerptRange = { pages: { from: string; to: string } } | { paragraphs: string[] };

export interface Excerpt {
  div: TeiElement; // the document's div with only the kept text, gaps where text was left out
  pages?: { from: string; to: string }; // the printed pages the kept text is on
  cut: boolean; // something was left out
}

/** Elements kept or left out whole: a note goes with the text it is anchored in. */
const ATOMIC = new Set(['note', 'gap', 'lb', 'milestone', 'anchor', 'figure', 'graphic', 'cb', 'fw']);

/**
 * The document's own head, kept whatever the range: its title, and its source note (`Roosevelt
 * Papers`, `761.00/260`), which says where the text comes from and so belongs to every excerpt of it.
 */
const isDocumentHead = (e: TeiElement): boolean => {
  const name = localName(e.name);
  return name === 'head' || (name === 'note' && e.attrs.type === 'source');
};

/** Whether the text that follows (a paragraph's next children) begins with a space; undefined: no text follows. */
const startsWithSpace = (nodes: TeiNode[]): boolean | undefined => {
  for (const n of nodes) {
    if (!isElement(n)) {
      if (n.length) return /^\s/.test(n);
      continue;
    }
    if (localName(n.name) === 'note') continue; // a note is not where the line goes on
    const inner = startsWithSpace(n.children);
    if (inner !== undefined) return inner;
  }
  return undefined;
};

export class ExcerptError extends Error {}

/**
 * The excerpt of a document: the text on the pages asked for (or the paragraphs asked for), with
 * the document's head (its title), the page breaks and notes of the kept text, and a
 * `gap reason="excerpt"` wherever text was left out — made by `makeGap` (the reader says who
 * left it out and which pages), distinct from the source editors' own omissions, which are kept
 * as they stand. Where the pages begin is the model's to say (`pages`: the document's pages and
 * where its first words are printed; `pageBreakOf`).
 */
export function excerpt(
  div: TeiElement,
  documentPages: DocumentPages,
  range: ExcerptRange,
  makeGap: (pages: string[]) => TeiElement,
): Excerpt {
  const { start: startPage, list: pages } = documentPages;
  let keepPage: (index: number) => boolean = () => false;
  // a paragraph's id as the TEI has it, or without its document's prefix (`p-5444ce`)
  let wanted: Map<string, string> | undefined; // element id → id as asked
  const missing = new Set<string>();
  if ('pages' in range) {
    const from = pages.indexOf(range.pages.from);
    const to = pages.indexOf(range.pages.to);
    const span = pages.length ? `${pages[0]}–${pages.at(-1)}` : 'none marked';
    if (from < 0 || to < 0)
      throw new ExcerptError(
        `pages ${range.pages.from}–${range.pages.to} are not all in the document (its pages: ${span})`,
      );
    if (to < from)
      throw new ExcerptError(`pages ${range.pages.from}–${range.pages.to}: the range runs backwards`);
    keepPage = (k) => k >= from && k <= to;
  } else {
    const prefix = div.attrs['xml:id'];
    wanted = new Map();
    for (const id of range.paragraphs) {
      wanted.set(id, id);
      if (prefix) wanted.set(`${prefix}-${id}`, id);
      missing.add(id);
    }
  }

  let page = startPage ? 0 : -1; // index into pages; -1: before the first break of a document whose start is unknown
  let dropped: string[] | undefined; // pages of text left out since the last kept text
  let pendingBreaks: TeiElement[] = []; // page breaks inside left-out text (paragraph excerpts keep them)
  let cut = false;
  const kept: string[] = [];
  let inside = 0; // depth inside a wanted paragraph
  let drops = 0; // how many times text was left out, so far: where each gap's cut began
  const gapAfterDrops = new Map<TeiElement, number>(); // each excerpt gap → drops counted when it was made

  const keeping = (): boolean => (wanted ? inside > 0 : keepPage(page));
  const label = (): string => pages[page] ?? '?';
  const drop = (): void => {
    dropped ??= [];
    if (dropped.at(-1) !== label()) dropped.push(label());
    cut = true;
    drops++;
  };
  const resume = (out: TeiNode[]): void => {
    if (dropped) {
      const gap = makeGap(dropped);
      gapAfterDrops.set(gap, drops);
      out.push(gap);
    }
    dropped = undefined;
    out.push(...pendingBreaks);
    pendingBreaks = [];
  };
  const pageIndexOf = (n: string | undefined): number => {
    const k = n === undefined ? -1 : pages.indexOf(n, Math.max(page, 0));
    return k < 0 ? page : k;
  };

  const walk = (children: TeiNode[], top: boolean): TeiNode[] => {
    const out: TeiNode[] = [];
    for (const c of children) {
      if (!isElement(c)) {
        if (keeping()) {
          if (c.trim()) {
            resume(out);
            if (kept.at(-1) !== label()) kept.push(label());
          }
          out.push(c);
        } else if (c.trim()) drop();
        continue;
      }
      const name = localName(c.name);
      if (top && isDocumentHead(c)) {
        out.push(c); // the document's title and source note stay (their page breaks still count)
        for (const n of pageBreaksIn(c)) page = pageIndexOf(n);
        continue;
      }
      const pb = pageBreakOf(c);
      if (pb) {
        page = pageIndexOf(pb.n);
        if (keeping()) {
          resume(out);
          out.push(c);
        } else if (wanted && kept.length) pendingBreaks.push(c);
        continue;
      }
      const asked = wanted?.get(c.attrs['xml:id'] ?? '');
      const isWanted = asked !== undefined;
      if (isWanted) {
        missing.delete(asked);
        inside++;
      }
      if (ATOMIC.has(name) || c.children.length === 0) {
        if (keeping()) {
          resume(out);
          out.push(c);
        } else if (c.children.length) drop();
      } else {
        const dropsBefore = drops;
        const inner = walk(c.children, false);
        // A gap that opens the element for text left out before it (none of the element's own
        // text was left out) stands before the element, not glued to its first word.
        const first = inner.find((n) => isElement(n) || n.trim());
        if (first && isElement(first) && gapAfterDrops.get(first) === dropsBefore) {
          inner.splice(inner.indexOf(first), 1);
          const before = out.at(-1);
          if (before !== undefined && (isElement(before) || !/\n$/.test(before))) out.push('\n');
          out.push(first, '\n');
        }
        if (inner.some((n) => isElement(n) || n.trim())) out.push({ ...c, children: spaceGaps(inner) });
      }
      if (isWanted) inside--;
    }
    return out;
  };
  // A gap inside a paragraph is a word of its own: the word space on both sides is kept.
  const spaceGaps = (nodes: TeiNode[]): TeiNode[] => {
    const out: TeiNode[] = [];
    nodes.forEach((n, k) => {
      if (!isElement(n) || !gapAfterDrops.has(n)) {
        out.push(n);
        return;
      }
      const before = out.at(-1);
      if (typeof before === 'string' && before.length && !/\s$/.test(before)) out.push(' ');
      out.push(n);
      if (startsWithSpace(nodes.slice(k + 1)) === false) out.push(' ');
    });
    return out;
  };
  const children = walk(div.children, true);
  if (dropped) children.push('\n', makeGap(dropped), '\n');
  if (missing.size)
    throw new ExcerptError(
      `no paragraph with xml:id ${[...missing].map((id) => `"${id}"`).join(', ')} in the document`,
    );
  if (!kept.length) throw new ExcerptError('the range holds no text of the document');
  const from = kept[0];
  const to = kept.at(-1);
  return {
    div: { ...div, children },
    pages: from && from !== '?' && to && to !== '?' ? { from, to } : undefined,
    cut,
  };
}

/** "Not in this excerpt: p. 224" / "pp. 224–225" of the source. */
export function gapWords(pages: string[]): string {
  const known = pages.filter((p) => p !== '?');
  if (!known.length) return 'Text of the source left out of this excerpt.';
  const span = known.length === 1 ? `p. ${known[0]}` : `pp. ${known[0]}–${known.at(-1)}`;
  return `Text of the source (${span}) left out of this excerpt.`;
}

/** The gap element an excerpt leaves, credited to the reader's editor. */
export const excerptGap =
  (resp: string) =>
  (pages: string[]): TeiElement =>
    el('gap', { reason: 'excerpt', resp }, [el('desc', {}, [gapWords(pages)])]);
