import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdfBook } from '../src/render/pdf/index.ts';
import type { LayoutReport } from '../src/render/pdf/layout-report.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';
import { CONTINUED } from '../src/render/pdf/table-panels.ts';
import { silentReporter } from '../src/report.ts';
import { modelOf } from './support/model.ts';
import { tempDir } from './support/run.ts';

/**
 * Issue #27's wide tables: a table wider than the measure (20 and 46 columns here, as the
 * frus1961-63v08 volume has 14, 19 and 46) is set in column panels (src/render/pdf/table-panels.ts):
 * every cell's words inside the page, no word drawn over another, the stub set again beside each
 * later panel as an artifact (the structure tree holds each cell once).
 */
const cell = (t: number, r: number, c: number): string => `t${t}r${r}c${c}`;

function table(t: number, columns: number, rows: number): string {
  // a header row with a cell spanning three columns, as the volume's "Intelligence Estimates"
  const head = [
    '<cell>Forces</cell>',
    '<cell cols="3">Intelligence Estimates</cell>',
    ...Array.from({ length: columns - 4 }, (_, c) => `<cell>Mid${t}x${c + 4}</cell>`),
  ].join('');
  const body = Array.from(
    { length: rows },
    (_, r) =>
      `<row><cell>Stub${t}x${r} Launchers</cell>${Array.from(
        { length: columns - 1 },
        (_, c) => `<cell>${cell(t, r, c + 1)}</cell>`,
      ).join('')}</row>`,
  ).join('\n');
  return `<table><row role="label">${head}</row>\n${body}</table>`;
}

const TABLES = [
  { t: 7, columns: 7, rows: 4 }, // too wide at the body's 10.5 pt, not at the smaller 8.8 pt
  { t: 20, columns: 20, rows: 12 },
  { t: 46, columns: 46, rows: 8 },
];
const { margins, body, small } = loadPdfStyle();

function wideTei(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Wide tables</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="forces"><head>Strategic Forces</head><p>The tables follow.</p>
${TABLES.map(({ t, columns, rows }) => table(t, columns, rows)).join('\n<p>Between the tables.</p>\n')}
<p>The tables end here.</p></div></body></text></TEI>`;
}

interface Box {
  page: number;
  text: string;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

/** Every word poppler finds, with its box and its page's media box. */
function wordBoxes(pdf: string): { words: Box[]; pages: { width: number; height: number }[] } {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const words: Box[] = [];
  const pages: { width: number; height: number }[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(m[1]), height: Number(m[2]) });
    for (const w of (m[3] ?? '').matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ))
      words.push({
        page: pages.length,
        text: w[5] ?? '',
        x: Number(w[1]),
        y: Number(w[2]),
        x2: Number(w[3]),
        y2: Number(w[4]),
      });
  }
  return { words, pages };
}

describe('tables wider than the measure in the PDF', () => {
  let pdf: string;
  let report: LayoutReport;
  let boxes: ReturnType<typeof wordBoxes>;
  beforeAll(async () => {
    const dir = tempDir();
    const tei = join(dir, 'edition.xml');
    writeFileSync(tei, wideTei());
    const book = await renderPdfBook(await modelOf(tei), dir, { masterFile: tei, reporter: silentReporter });
    pdf = book.path;
    report = book.report;
    boxes = wordBoxes(pdf);
  }, 120_000);

  it("prints every cell's words, each inside its page's media box and the text block's width", () => {
    const seen = new Set(boxes.words.map((w) => w.text));
    const missing: string[] = [];
    for (const { t, columns, rows } of TABLES) {
      for (let r = 0; r < rows; r++) {
        if (!seen.has(`Stub${t}x${r}`)) missing.push(`Stub${t}x${r}`);
        for (let c = 1; c < columns; c++) if (!seen.has(cell(t, r, c))) missing.push(cell(t, r, c));
      }
      for (let c = 4; c < columns; c++) if (!seen.has(`Mid${t}x${c}`)) missing.push(`Mid${t}x${c}`);
    }
    expect(missing).toEqual([]);
    const outside = boxes.words.filter((w) => {
      const page = boxes.pages[w.page - 1] as { width: number; height: number };
      return w.x < 0 || w.y < 0 || w.x2 > page.width || w.y2 > page.height;
    });
    expect(outside).toEqual([]);
    // (and within the measure: no cell runs into the margin where the source's page numbers stand)
    const cells = boxes.words.filter((w) => /^(t\d+r\d+c\d+|Mid\d+x\d+|Stub\d+x\d+)$/.test(w.text));
    const beyond = cells.filter((w) => {
      const page = boxes.pages[w.page - 1] as { width: number };
      // (odd pages are rectos: the inner margin on the left)
      const [left, right] =
        w.page % 2 === 1 ? [margins.inner, margins.outer] : [margins.outer, margins.inner];
      return w.x < left - 0.5 || w.x2 > page.width - right + 0.5;
    });
    expect(beyond).toEqual([]);
    expect(report.overfull).toBe(0);
  });

  it('draws no word over another', () => {
    const overlaps: string[] = [];
    for (const [k, a] of boxes.words.entries())
      for (const b of boxes.words.slice(k + 1)) {
        if (a.page !== b.page) continue;
        const wide = Math.min(a.x2, b.x2) - Math.max(a.x, b.x);
        const high = Math.min(a.y2, b.y2) - Math.max(a.y, b.y);
        // (poppler's boxes are the font's height, a little more than the leading: lines one under
        // another touch by a tenth of a point; a word drawn over another overlaps by far more)
        if (wide > 0.1 && high > 1) overlaps.push(`p. ${a.page}: ${a.text} × ${b.text}`);
      }
    expect(overlaps).toEqual([]);
  });

  it('sets the tables in panels: the stub again beside each later panel, under "(continued)"', () => {
    const count = (text: string): number => boxes.words.filter((w) => w.text === text).length;
    // the 46 columns need more panels than the 20
    const panels = (t: number): number => count(`Stub${t}x0`); // (the first row's stub, once a panel)
    expect(panels(20)).toBeGreaterThanOrEqual(2);
    expect(panels(46)).toBeGreaterThan(panels(20));
    // over each later panel, and again at the top of each page it runs on to
    expect(count(CONTINUED)).toBeGreaterThanOrEqual(panels(20) - 1 + panels(46) - 1);
    // each cell once
    expect(count(cell(46, 7, 45))).toBe(1);
    // a panel's cells stand in its rows: a row's cell on its stub's line, right of it
    const stub = boxes.words.filter((w) => w.text === 'Stub46x7');
    const last = boxes.words.find((w) => w.text === cell(46, 7, 45)) as Box;
    expect(stub.some((s) => s.page === last.page && Math.abs(s.y - last.y) < 1 && s.x2 < last.x)).toBe(true);
  });

  it('sets a table a little too wide for the body type whole in the smaller type, wide ones in it too', () => {
    const count = (text: string): number => boxes.words.filter((w) => w.text === text).length;
    expect(count('Stub7x0')).toBe(1);
    // poppler's box is as high as the type is large
    const height = (text: string): number => {
      const w = boxes.words.find((b) => b.text === text) as Box;
      return w.y2 - w.y;
    };
    expect(height(cell(7, 3, 6)) / height('Between')).toBeCloseTo(small.size / body.size, 2);
    expect(height(cell(46, 7, 45)) / height('Between')).toBeCloseTo(small.size / body.size, 2);
  });

  it('tags each cell once: the stub set again and the captions are artifacts, a row one TR', () => {
    const run = spawnSync('pdfinfo', ['-struct-text', pdf], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const tree = run.stdout;
    expect(run.stderr).not.toMatch(/Warning|Error/);
    expect(tree.match(/Stub46x7/g)).toHaveLength(1);
    expect(tree).not.toContain(CONTINUED);
    const rows = TABLES.reduce((n, t) => n + t.rows + 1, 0);
    expect(tree.split('\n').filter((l) => /^\s*TR\b/.test(l))).toHaveLength(rows);
    // a row's cells, whatever panel they are printed in, in its TR in order
    const rowOf = tree.slice(tree.indexOf('Stub46x7'));
    expect(rowOf.indexOf(cell(46, 7, 1))).toBeLessThan(rowOf.indexOf(cell(46, 7, 45)));
    expect(rowOf.slice(0, rowOf.indexOf(cell(46, 7, 45)))).not.toMatch(/^\s*TR\b/m);
  });
});
