import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineText } from '../../src/normalize/unparse.ts';
import { isElement, localName, type TeiElement, type TeiNode } from '../../src/tei/node.ts';

/**
 * The real-copies set (issue #15): public-domain document pages as the `pages` corpus stores them,
 * each `name.txt` with a hand-checked `name.truth.json`.
 */
export const REAL = join(import.meta.dirname, '../fixtures/real');

export interface RealTruth {
  source: string;
  collection: string;
  licence: string;
  /** Every page mark of the copy, in order. */
  pages: string[];
  /** Every note the copy lists, in order; `ref` is the text just before its reference, or null when the copy has none. */
  notes: { text: string; ref: string | null }[];
}

export const realCopies = (): string[] =>
  readdirSync(REAL)
    .filter((f) => f.endsWith('.txt'))
    .sort();

export const readRealTruth = (file: string): RealTruth =>
  JSON.parse(readFileSync(join(REAL, file.replace(/\.txt$/, '.truth.json')), 'utf8')) as RealTruth;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const bare = (s: string): string => s.replace(/\s+/g, '');

/** A note's text as the truth writes it: without the web copies' closing arrow. */
const noteText = (n: TeiElement): string => squash(inlineText(n.children).replace(/↩\s*$/, ''));

interface Walk {
  pages: string[];
  notes: { note: TeiElement; before: string }[];
}

/** Reading order of the document's text: page numbers, and each note with the reading text before it. */
function walk(root: TeiNode): Walk {
  const out: Walk = { pages: [], notes: [] };
  let text = '';
  const visit = (node: TeiNode): void => {
    if (typeof node === 'string') {
      text += node;
      return;
    }
    const children = (nodes: TeiNode[]): void => {
      for (const c of nodes) visit(c);
    };
    switch (localName(node.name)) {
      case 'teiHeader':
      case 'fw':
      case 'gap':
        return;
      case 'note':
        if (node.attrs.place === 'foot') out.notes.push({ note: node, before: text });
        return;
      case 'pb':
        out.pages.push(node.attrs.n ?? '');
        return;
      case 'supplied':
        text += '[';
        children(node.children);
        text += node.attrs.cert === 'low' ? '?]' : ']';
        return;
      case 'choice': {
        const part = (n: string): TeiNode[] =>
          node.children.filter(isElement).find((c) => localName(c.name) === n)?.children ?? [];
        children(part('sic'));
        text += ' [';
        children(part('corr'));
        text += ']';
        return;
      }
      default:
        children(node.children);
    }
  };
  visit(root);
  return out;
}

/** What is wrong with one normalized copy (its TEI as read back) against its truth file; none if right. */
export function realCopyProblems(tei: TeiElement, truth: RealTruth): string[] {
  const problems: string[] = [];
  const { pages, notes } = walk(tei);
  if (JSON.stringify(pages) !== JSON.stringify(truth.pages))
    problems.push(`page breaks [${pages}] ≠ [${truth.pages}]`);
  if (notes.length !== truth.notes.length) problems.push(`${notes.length} notes ≠ ${truth.notes.length}`);
  truth.notes.forEach((t, k) => {
    const found = notes[k];
    if (!found) return;
    const text = noteText(found.note);
    if (text !== squash(t.text)) problems.push(`note ${k + 1} reads "${text.slice(0, 60)}"`);
    if (t.ref === null) {
      // The copy has no reference for it: pinned anywhere, it would be pinned to the wrong words.
      if (found.note.attrs.type !== 'unanchored')
        problems.push(`note ${k + 1} anchored, but the copy has no reference`);
      return;
    }
    if (found.note.attrs.type === 'unanchored' || !bare(found.before).endsWith(bare(t.ref)))
      problems.push(`note ${k + 1} not at "${t.ref}" (after "…${squash(found.before).slice(-40)}")`);
  });
  return problems;
}
