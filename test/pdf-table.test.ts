import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelEdition } from '../src/model/edition.ts';
import { readingText } from '../src/model/reading-text.ts';
import type { Block } from '../src/model/types.ts';
import { forEachNode } from '../src/model/walk.ts';
import { renderPdfBook } from '../src/render/pdf/index.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';
import { silentReporter } from '../src/report.ts';
import { modelOf } from './support/model.ts';
import { type PdfPage, type PdfWord, pdfPages } from './support/pdf-words.ts';
import { tempDir } from './support/run.ts';
import { words } from './support/same-words.ts';
import { sharedCorpus } from './support/shared.ts';

/**
 * A table of an official FRUS volume (frus1969-76v19p1: "Preferred Courses of Action", Political
 * and Military side by side) set as a table: each row's cells side by side on the row's first
 * line, every cell of a column starting at the column's left edge, all of it within the measure.
 */
const VOLUME = sharedCorpus('frus1969-76v19p1', 'volume.xml'); // missing: an error naming it

type Table = Extract<Block, { kind: 'table' }>;
const style = loadPdfStyle();

describe('a table in the PDF', () => {
  let edition: ModelEdition;
  let pages: PdfPage[];
  let pdf: string;
  beforeAll(async () => {
    edition = await modelOf(VOLUME);
    const { path } = await renderPdfBook(edition, tempDir(), {
      masterFile: VOLUME,
      reporter: silentReporter,
    });
    pages = pdfPages(path);
    pdf = path;
  }, 600_000);

  it('sets every row of a two-column table with its cells in their columns', () => {
    const tables: Table[] = [];
    for (const doc of edition.documents)
      forEachNode(doc.blocks, (n) => {
        if (n.kind === 'table' && n.rows.filter((r) => r.length === 2).length >= 8) tables.push(n);
      });
    expect(tables.length).toBeGreaterThan(3); // the volume's Political / Military tables
    const table = tables[0] as Table;
    const first = (blocks: Block[]): string => words(readingText(blocks).text)[0] ?? '';
    // each row found in the PDF in order: its two cells' first words on one line, left to right
    const lefts: number[] = [];
    const rights: number[] = [];
    let from = 0;
    for (const row of table.rows) {
      const [a, b] = row.map((c) => first(c.blocks));
      if (!a || !b) continue;
      let found: [PdfWord, PdfWord] | undefined;
      let left = 0; // the text block's left edge on that page (rectos have the inner margin there)
      for (let p = from; p < pages.length && !found; p++) {
        const list = (pages[p] as PdfPage).text;
        for (const w of list) {
          if (w.text !== a) continue;
          const other = list.find((v) => v.text === b && Math.abs(v.y - w.y) < 1 && v.x > w.x2 + 12);
          if (other) {
            found = [w, other];
            from = p;
            left = (p + 1) % 2 === 1 ? style.margins.inner : style.margins.outer;
            break;
          }
        }
      }
      expect(found, `row ${a} | ${b}`).toBeDefined();
      if (!found) continue;
      lefts.push(found[0].x - left);
      rights.push(found[1].x - left);
    }
    expect(lefts.length).toBeGreaterThanOrEqual(8);
    // the columns: every cell of a column starts at its left edge
    for (const x of lefts) expect(x).toBeCloseTo(lefts[0] as number, 0);
    for (const x of rights) expect(x).toBeCloseTo(rights[0] as number, 0);
    expect((rights[0] as number) - (lefts[0] as number)).toBeGreaterThan(60);
  });

  it('tags it as a table in the structure tree: Table › TR › TH or TD', () => {
    const json = JSON.parse(
      execFileSync('qpdf', ['--json', '--json-key=qpdf', pdf], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 1024,
      }),
    ) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
    const objects = json.qpdf[1];
    const tag = (ref: unknown): unknown => objects[`obj:${String(ref)}`]?.value?.['/S'];
    const elements = Object.values(objects).map((o) => o.value ?? {});
    const cells = elements.filter((e) => e['/S'] === '/TD' || e['/S'] === '/TH');
    expect(cells.length).toBeGreaterThan(100);
    for (const cell of cells) expect(tag(cell['/P'])).toBe('/TR');
    const rows = elements.filter((e) => e['/S'] === '/TR');
    for (const row of rows) expect(tag(row['/P'])).toBe('/Table');
    // the volume's eleven tables but the one in a footnote (set there a row to a line)
    expect(elements.filter((e) => e['/S'] === '/Table').length).toBe(10);
  });
});
