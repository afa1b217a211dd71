import type { Line } from './lines.ts';
import type { FamilyId } from './rule.ts';
import { findFigures } from './rules/figure.ts';
import { findKeyedFootNotes } from './rules/keyed-foot-notes.ts';
import { findKeyedNotes } from './rules/keyed-notes.ts';
import { findBracketBlocks, findNoteBlocks } from './rules/note-blocks.ts';
import { findOcrTables } from './rules/ocr-tables.ts';
import { findPageFootNotes } from './rules/page-foot-notes.ts';
import { isPageFormLine } from './rules/page-forms.ts';
import { findPageFurniture, footFolio } from './rules/page-furniture.ts';
import { findTableNotes } from './rules/table-notes.ts';
import type { Cutout } from './segment.ts';

/** Who prints notes as blocks in the text. */
const NOTE_BLOCK_FAMILY: Record<string, FamilyId | undefined> = {
  'footnote-block': 'gutenberg',
  'note-block': 'library-of-congress',
};

/**
 * The blocks a document's families print on lines of their own among the text (notes, figures),
 * in source order: the segmenter reads the text around them.
 */
export function cutouts(lines: Line[], source: string, families: ReadonlySet<FamilyId>): Cutout[] {
  const out: Cutout[] = [];
  for (const list of findNoteBlocks(lines, source)) {
    const family = NOTE_BLOCK_FAMILY[list.style];
    if (family && families.has(family))
      out.push({ block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine });
  }
  if (families.has('gutenberg')) {
    out.push(...findFigures(lines));
    for (const list of findBracketBlocks(lines, source))
      out.push({ block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine });
  }
  // (an OCR'd book shows itself by its furniture: its running heads and folios recur)
  const furniture = findPageFurniture(lines);
  out.push(...furniture);
  // (a printed page's notes at its foot: where its pages show, by their furniture or form feeds,
  // or by the sentence its notes interrupt)
  const pagesShown = furniture.length > 0 || families.has('ocr-book') || source.includes('\f');
  const ends = new Set(furniture.map((c) => c.firstLine));
  for (const line of lines) if (isPageFormLine(line.text, families)) ends.add(line.index);
  for (const list of findPageFootNotes(lines, source, ends, pagesShown))
    out.push({ block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine });
  // (a book's notes section keyed by verse: its page lines are the text's page breaks)
  const pageLine = (text: string): boolean => isPageFormLine(text, families);
  for (const list of [...findKeyedNotes(lines, source, pageLine), ...findKeyedFootNotes(lines, source)])
    out.push({ block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine });
  if (families.has('wikisource') && furniture.length === 0) out.push(...footFolio(lines));
  // (a table's lettered notes under its rows, each at its letter in a row)
  for (const list of findTableNotes(lines))
    out.push({ block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine });
  // (a table Google's OCR read a cell a line, with its marks where blocks were not read)
  out.push(...findOcrTables(lines));
  // (a figure inside a note block, or the reverse, is the outer one's)
  out.sort((a, b) => a.firstLine - b.firstLine);
  return out.filter((c, k) => !out.slice(0, k).some((o) => c.firstLine < o.endLine));
}
