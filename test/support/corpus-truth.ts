import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineText } from '../../src/normalize/unparse.ts';
import { isElement, localName, type TeiElement, type TeiNode } from '../../src/tei/node.ts';
import { parseTei } from '../../src/tei/read.ts';
import { type Corpus, SHARED, sharedCorpora } from './shared.ts';

/** The shared FRUS corpora: each a folder of plain texts, a truth file per document and the official TEI. */
export const CORPORA_ROOT = join(SHARED, 'corpus');

/** The 1958–60 Berlin volume: the official TEI the render tests use. */
export const CORPUS = join(CORPORA_ROOT, 'frus1958-60v08');

/**
 * Every corpus in the shared folder (a folder with `truth/` and `volume.xml`), by name. A declared
 * corpus that is missing or not whole is an error naming the path (support/shared.ts).
 */
export const corpora = (): Corpus[] => sharedCorpora(['truth', 'volume.xml']);

export interface Truth {
  file: string;
  doc_id: string;
  page_breaks: { count: number; n: string[] };
  notes: { count: number; refs: string[]; texts: string[] };
  gaps: { count: number };
}

export const readTruth = (corpus: string, file: string): Truth =>
  JSON.parse(readFileSync(join(corpus, 'truth', file.replace(/\.txt$/, '.json')), 'utf8')) as Truth;

/**
 * Reading order as a list of events, for comparing where page breaks fall: text (notes left out,
 * editorial interventions written as the plain text writes them) and page breaks.
 */
type Event = { pb: string } | { text: string };

function flatten(node: TeiNode, out: Event[]): void {
  if (typeof node === 'string') {
    out.push({ text: node });
    return;
  }
  const name = localName(node.name);
  const inner = (nodes: TeiNode[]): void => {
    for (const c of nodes) flatten(c, out);
  };
  switch (name) {
    case 'note':
    case 'teiHeader':
    case 'fw':
      return;
    case 'pb':
      out.push({ pb: node.attrs.n ?? '' });
      return;
    case 'table': {
      // The plain texts write a table's rows as lines and put a page break that falls inside a
      // table before the first text after it (all five in frus1969-76v19p1 0026): the text has no
      // trace of the row it fell at, so that is where it is expected.
      const inside: Event[] = [];
      for (const c of node.children) flatten(c, inside);
      out.push(...inside.filter((e) => !('pb' in e)), ...inside.filter((e) => 'pb' in e));
      return;
    }
    case 'supplied':
      out.push({ text: '[' });
      inner(node.children);
      out.push({ text: node.attrs.cert === 'low' ? '?]' : ']' });
      return;
    case 'choice': {
      const part = (n: string): TeiNode[] =>
        node.children.filter(isElement).find((c) => localName(c.name) === n)?.children ?? [];
      inner(part('sic'));
      out.push({ text: ' [' });
      inner(part('corr'));
      out.push({ text: ']' });
      return;
    }
    case 'gap': {
      const desc = node.children.filter(isElement).find((c) => localName(c.name) === 'desc');
      out.push({ text: node.attrs.rend === 'dots' ? '. . .' : `[${desc ? desc.children.join('') : ''}]` });
      return;
    }
    default:
      inner(node.children);
  }
}

/** For each page break in order: its number and the next 24 non-space characters of reading text. */
export function pagePositions(root: TeiNode): { n: string; after: string }[] {
  const events: Event[] = [];
  flatten(root, events);
  const out: { n: string; after: string }[] = [];
  events.forEach((e, k) => {
    if (!('pb' in e)) return;
    let after = '';
    for (let j = k + 1; j < events.length && after.length < 24; j++) {
      const next = events[j];
      if (next && 'text' in next) after += next.text.replace(/\s+/g, '');
    }
    out.push({ n: e.pb, after: after.slice(0, 24) });
  });
  return out;
}

/** The official volume's document divs by xml:id (`d1` …). */
export function volumeDocuments(corpus: string): Map<string, TeiElement> {
  const root = parseTei(readFileSync(join(corpus, 'volume.xml'), 'utf8'), 'volume.xml');
  const docs = new Map<string, TeiElement>();
  const visit = (n: TeiElement): void => {
    if (localName(n.name) === 'div' && n.attrs.type === 'document' && n.attrs['xml:id'])
      docs.set(n.attrs['xml:id'], n);
    for (const c of n.children) if (isElement(c)) visit(c);
  };
  visit(root);
  return docs;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

export interface DocumentScore {
  file: string;
  ok: boolean;
  problems: string[];
}

function collect(root: TeiNode, test: (e: TeiElement) => boolean): TeiElement[] {
  const out: TeiElement[] = [];
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    if (test(n)) out.push(n);
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

/** Scores one normalized document (its TEI as read back) against its truth file and the official TEI. */
export function scoreDocument(
  file: string,
  tei: TeiElement,
  truth: Truth,
  official: TeiElement | undefined,
): DocumentScore {
  const problems: string[] = [];
  const text = collect(tei, (e) => localName(e.name) === 'text')[0] ?? tei;
  const pbs = collect(text, (e) => localName(e.name) === 'pb').map((e) => e.attrs.n ?? '');
  if (JSON.stringify(pbs) !== JSON.stringify(truth.page_breaks.n))
    problems.push(`page breaks ${pbs} ≠ ${truth.page_breaks.n}`);
  else if (official) {
    const mine = pagePositions(text);
    const theirs = pagePositions(official);
    mine.forEach((p, k) => {
      const t = theirs[k];
      const len = Math.min(p.after.length, t?.after.length ?? 0, 16);
      if (!t || p.after.slice(0, len) !== t.after.slice(0, len))
        problems.push(`page ${p.n} at "${p.after}" ≠ "${t?.after}"`);
    });
  }
  const notes = collect(text, (e) => localName(e.name) === 'note' && e.attrs.place === 'foot');
  const refs = notes.map((n) => n.attrs.n ?? '');
  const texts = notes.map((n) => squash(inlineText(n.children)));
  if (JSON.stringify(refs) !== JSON.stringify(truth.notes.refs))
    problems.push(`note refs ${refs} ≠ ${truth.notes.refs}`);
  truth.notes.texts.forEach((t, k) => {
    if (squash(t) !== texts[k]) problems.push(`note ${k + 1} text differs: "${texts[k]?.slice(0, 60)}"`);
  });
  // The truth counts omissions in the running text; a notice quoted inside a footnote is part of the
  // note, and so is one inside the source note (`Top Secret; [distribution indicator not
  // declassified]`), which the later volumes print as footnote 1.
  const inNotes = new Set(
    collect(text, (e) => localName(e.name) === 'note').flatMap((n) =>
      collect(n, (e) => localName(e.name) === 'gap'),
    ),
  );
  const gaps = collect(text, (e) => localName(e.name) === 'gap' && !inNotes.has(e)).length;
  if (gaps !== truth.gaps.count) problems.push(`gaps ${gaps} ≠ ${truth.gaps.count}`);
  return { file, ok: problems.length === 0, problems };
}
