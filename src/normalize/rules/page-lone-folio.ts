import type { Line } from '../lines.ts';
import { formsPageRun, type ProposedPage, runsOn } from '../page-run.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';

/**
 * A page's folio alone on a line between the text's lines or paragraphs, where the copy kept no
 * margin around it (a web copy of OCR text that closed the blank lines up: `… the camp before` /
 * `27` / `night fell …`). One such number proves nothing; read only as a run that holds as a
 * book's pages hold (page-run.ts), and stricter than furniture set apart: three folios at least,
 * nearly all rising, a prose page's text apart (600 characters a page or more: not a stanza's or
 * a list item's), a third of them at least inside a sentence. Part of rule `page-furniture`.
 */
const LONE = /^\s*(\d{1,4})\s*$/;
const MIN = { folios: 3, pageChars: 600 };

export function findLoneFolios(lines: Line[]): Cutout[] {
  const folios = lines.filter((l) => LONE.test(l.text));
  if (folios.length < MIN.folios) return [];
  const text = (k: number, step: 1 | -1): string => {
    for (let j = k + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] as Line).text.trim();
      if (t && !LONE.test(t)) return t;
    }
    return '';
  };
  const pages: ProposedPage[] = folios.map((l) => {
    const before = text(l.index, -1);
    const after = text(l.index, 1);
    return {
      n: l.text.trim(),
      offset: l.offset,
      runsOn: before && after ? runsOn(before, after) : undefined,
    };
  });
  if (!formsPageRun(pages, false, { minRising: 0.8, minPageChars: MIN.pageChars })) return [];
  return folios.map((l) => ({
    block: { kind: 'furniture', span: spanOf(l), role: 'pageNum', page: { n: l.text.trim(), rend: 'folio' } },
    firstLine: l.index,
    endLine: l.index + 1,
  }));
}
