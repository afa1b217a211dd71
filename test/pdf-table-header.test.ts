import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdfBook } from '../src/render/pdf/index.ts';
import type { LayoutReport } from '../src/render/pdf/layout-report.ts';
import { silentReporter } from '../src/report.ts';
import { modelOf } from './support/model.ts';
import { type PdfPage, pdfPages } from './support/pdf-words.ts';
import { tempDir } from './support/run.ts';

/**
 * Issue #17's tables: a table that runs over several pages has its header row set again at the
 * top of each page it runs on to — drawn as a pagination artifact, so a screen reader and the
 * structure tree meet the header once (Table › TR › TH), and the rows are all there, in order.
 */
const ROWS = 120;

function tableTei(): string {
  const rows = Array.from(
    { length: ROWS },
    (_, k) =>
      `<row><cell>Item${k + 1}</cell><cell>Allocated${k + 1} to the program of the year in question</cell><cell>${1000 + k}</cell></row>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Tables</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="budget"><head>A Budget</head><p>The table follows.</p>
<table><row role="label"><cell>Category</cell><cell>Purpose</cell><cell>Dollars</cell></row>
${rows}
</table><p>The table ends here.</p></div></body></text></TEI>`;
}

describe('a table over several pages in the PDF', () => {
  let pages: PdfPage[];
  let report: LayoutReport;
  let pdf: string;
  beforeAll(async () => {
    const dir = tempDir();
    const tei = join(dir, 'edition.xml');
    writeFileSync(tei, tableTei());
    const book = await renderPdfBook(await modelOf(tei), dir, { masterFile: tei, reporter: silentReporter });
    pdf = book.path;
    report = book.report;
    pages = pdfPages(pdf);
  }, 120_000);

  it('sets its header row again at the top of every page it runs on to, and every row once, in order', () => {
    const withRows = pages.filter((p) => p.text.some((w) => /^Item\d+$/.test(w.text)));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    expect(report.repeatedHeaders).toEqual(withRows.slice(1).map((p) => p.number));
    for (const page of withRows) {
      const header = page.text.filter((w) => ['Category', 'Purpose', 'Dollars'].includes(w.text));
      expect(
        header.map((w) => w.text),
        `page ${page.number}`,
      ).toEqual(['Category', 'Purpose', 'Dollars']);
      // above the page's first row
      const firstRow = page.text.find((w) => /^Item\d+$/.test(w.text));
      expect(Math.max(...header.map((w) => w.y)), `page ${page.number}`).toBeLessThan(firstRow?.y ?? 0);
    }
    const items = withRows.flatMap((p) => p.text.filter((w) => /^Item\d+$/.test(w.text)).map((w) => w.text));
    expect(items).toEqual(Array.from({ length: ROWS }, (_, k) => `Item${k + 1}`));
    expect([report.overfull, report.widows, report.orphans]).toEqual([0, 0, 0]);
  });

  it('tags the header once: one TH row in the structure tree under one Document root, the repeats are artifacts', () => {
    const run = spawnSync('pdfinfo', ['-struct-text', pdf], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const tree = run.stdout;
    // one root, a Document, as poppler expects (it warns of a StructTreeRoot with several)
    expect(tree.split('\n')[0]).toBe('Document');
    expect(run.stderr).not.toMatch(/Warning|Error/);
    const th = tree.split('\n').filter((l) => /^\s*TH\b/.test(l));
    expect(th).toHaveLength(3);
    expect(tree.match(/"Category"/g)).toHaveLength(1);
    expect(tree.split('\n').filter((l) => /^\s*TR\b/.test(l))).toHaveLength(ROWS + 1);
  });
});
