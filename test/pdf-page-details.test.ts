import { describe, expect, it } from 'vitest';
import { block, type Item, type PdfBlock, type TableRow } from '../src/render/pdf/blocks.ts';
import { FontSet } from '../src/render/pdf/fonts.ts';
import { endsWithHyphen } from '../src/render/pdf/layout-report.ts';
import type { Page } from '../src/render/pdf/page.ts';
import { Paginator } from '../src/render/pdf/paginate.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';

/**
 * The page details of issue #32 on small inputs, the page's fill swept so that every kind of page
 * break is met: no page ends with a hyphenated word; a document's headings (title, source note,
 * dateline) stand with two lines of its text; a table leaves two rows at least on each side of a
 * page break.
 */
const style = loadPdfStyle();
const fonts = await FontSet.load(style);
const text = (t: string): Item[] => [{ kind: 'text', text: t, style: 'regular' }];
const filler = (n: number): PdfBlock =>
  block(text(Array.from({ length: n }, (_, k) => `word${k % 7 ? '' : 's'}`).join(' ')), { indent: 1 });
// long lower-case words, which the layout hyphenates at line ends
const LONG = [
  'extraordinarily',
  'internationalization',
  'constitutional',
  'responsibilities',
  'characteristically',
];
const hyphenating = (n: number, shift = 0): PdfBlock =>
  block(text(Array.from({ length: n }, (_, k) => LONG[(k * 3 + shift) % LONG.length]).join(' ')), {
    indent: 1,
  });

const lastLines = (page: Page) => {
  const y = page.body.at(-1)?.y;
  return page.body.filter((p) => p.y === y);
};

describe('page details (#32)', () => {
  it('never ends a page with a word hyphenated across the turn', () => {
    let hyphenatedLines = 0;
    let breaks = 0;
    for (let fill = 10; fill < 70; fill += 1) {
      const p = new Paginator(style, fonts);
      p.newPage();
      p.place(filler(fill * 6));
      for (let k = 0; k < 4; k++) p.place(hyphenating(60 + k * 7, k + fill));
      p.flush();
      for (const page of p.pages) {
        hyphenatedLines += page.body.filter((l) => endsWithHyphen(l)).length;
        if (page.number < p.pages.length) breaks++;
        if (page.number === p.pages.length) continue;
        expect(
          lastLines(page).some((l) => endsWithHyphen(l)),
          `page ${page.number} (fill ${fill})`,
        ).toBe(false);
      }
      expect(p.counter.report.hyphenatedPageEnds).toBe(0);
      expect(p.counter.report.widows + p.counter.report.orphans).toBe(0);
    }
    // the text is hyphenated often enough that many page breaks would have fallen after a hyphen
    expect(hyphenatedLines).toBeGreaterThan(breaks);
  });

  it('keeps a title, source note and dateline with two lines of the text that follows', () => {
    let moved = 0;
    for (let fill = 20; fill < 80; fill += 1) {
      const p = new Paginator(style, fonts);
      p.newPage();
      p.place(filler(fill * 6));
      const doc: PdfBlock[] = [
        block(text('Memorandum From the Secretary of State to President Eisenhower'), {
          tag: 'H1',
          type: 'title',
          align: 'left',
          keepWithNext: true,
        }),
        block(text('Source: Department of State, Central Files, 762.00/5-1358. Secret. Drafted by Kohler.'), {
          type: 'small',
          align: 'left',
          keepWithNext: true,
        }),
        block(text('Washington, May 13, 1958.'), { align: 'right', keepWithNext: true }),
        block(text('Dear Mr. President:')), // one line: the headings keep with it and the next line too
        filler(80),
      ];
      doc.forEach((b, k) => {
        p.place(b, doc[k + 1]);
      });
      p.flush();
      const title = p.pages.find((page) => page.body.some((l) => l.tag === 'H1'));
      const onTitlePage = title?.body ?? [];
      const lastHead = onTitlePage.findLastIndex((l) => l.head);
      const after = new Set(onTitlePage.slice(lastHead + 1).map((l) => l.y)).size;
      expect(after, `lines after the headings (fill ${fill})`).toBeGreaterThanOrEqual(2);
      // title, source note and dateline on one page
      expect(onTitlePage.filter((l) => l.head).length).toBe(4);
      if (onTitlePage[0]?.tag === 'H1') moved++;
      expect(p.counter.report.headsAlone).toBe(0);
    }
    expect(moved).toBeGreaterThan(0); // some fills sent the headings overleaf
  });

  it('leaves at least two rows of a table on each side of a page break', () => {
    const cell = (t: string, header = false) => ({ items: text(t), header, span: 1 });
    const table = (rows: number): TableRow[] => [
      [cell('Date', true), cell('Subject', true)],
      ...Array.from({ length: rows }, (_, r) => [
        cell(`May ${r + 1}`),
        cell(`Talks on Berlin, session ${r + 1}`),
      ]),
    ];
    let crossed = 0;
    for (const rows of [2, 3, 6, 12]) {
      for (let fill = 30; fill < 70; fill += 1) {
        const p = new Paginator(style, fonts);
        p.newPage();
        p.place(filler(fill * 6));
        p.place(block([], { align: 'left', table: table(rows) }));
        p.place(filler(30));
        p.flush();
        const counts = p.pages.map(
          (page) => new Set(page.body.filter((l) => l.cell && !l.repeat).map((l) => l.cell?.row)).size,
        );
        const on = counts.map((c, k) => [c, k] as const).filter(([c]) => c > 0);
        if (on.length > 1) crossed++;
        if (rows + 1 <= 4) expect(on.length, `a table of ${rows + 1} rows (fill ${fill})`).toBe(1);
        if (on.length > 1)
          for (const [c] of on) expect(c, `rows of ${rows + 1} (fill ${fill})`).toBeGreaterThanOrEqual(2);
        expect(p.counter.report.loneRows).toBe(0);
      }
    }
    expect(crossed).toBeGreaterThan(10);
  });
});
