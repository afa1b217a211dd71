import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { block, type Item } from '../src/render/pdf/blocks.ts';
import { FontSet } from '../src/render/pdf/fonts.ts';
import { breakLines } from '../src/render/pdf/lines.ts';
import { Paginator } from '../src/render/pdf/paginate.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';
import { TextOps } from '../src/render/pdf/text-ops.ts';

/** The line-layout step on its own: measured lines, page breaks, footnotes, widows and orphans. */
const style = loadPdfStyle();
const fonts = await FontSet.load(style);
const words = (n: number, seed = 'word'): string =>
  Array.from({ length: n }, (_, k) => `${seed}${k % 7 ? '' : 's'}`).join(' ');
const text = (t: string): Item[] => [{ kind: 'text', text: t, style: 'regular' }];

describe('shaping', () => {
  const shown = (t: string): { face: string; chars: string[]; kerned: boolean }[] =>
    fonts.faces(t, 'regular').map((r) => {
      const s = fonts.shape(r.text, r.face);
      return {
        face: r.face,
        chars: s.glyphs.map((g) => String.fromCodePoint(...g.codePoints)),
        kerned: s.glyphs.some((g, k) => s.positions[k]?.xAdvance !== g.advanceWidth),
      };
    });

  it('sets ligatures and kerning, and each glyph keeps the characters it shows (copying text out)', () => {
    expect(shown('office')).toEqual([{ face: 'regular', chars: ['o', 'ffi', 'c', 'e'], kerned: true }]);
    expect(shown('AVAT')[0]?.kerned).toBe(true);
    expect(shown('e\u0301')[0]?.chars).toEqual(['e\u0301']); // composed: one glyph, both characters
  });

  it('sets a character the Latin face lacks in the Latin Extended face of the same style', () => {
    expect(shown('Łódź').map((r) => [r.face, r.chars.join('')])).toEqual([
      ['regularExt', 'Ł'],
      ['regular', 'ód'],
      ['regularExt', 'ź'],
    ]);
  });
});

describe('content stream', () => {
  const textObject = (runs: { text: string; x: number }[]): string[] => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.addPage();
    const runsAt = runs.map((r) => ({ ...r, face: 'regular' as const, size: 10, y: 0 }));
    // (one operator to a line)
    return new TextOps(doc, fonts).textObject(runsAt, 100, {}).split('\n');
  };

  it('sets the words of a line in one TJ array, the space between them a space character and a displacement', () => {
    expect(
      textObject([
        { text: 'a', x: 10 },
        { text: 'a', x: 20 },
      ]),
    ).toEqual([
      'BT',
      expect.stringMatching(/^\/F\d+ 10 Tf$/),
      '1 0 0 1 10 100 Tm',
      // (a real space, so that text extraction finds the word boundary: `n a` is not read `na`)
      expect.stringMatching(/^\[<(\w{4})> <(?!\1)\w{4}> -\d+(\.\d+)? <\1>\] TJ$/),
      'ET',
    ]);
  });

  it('draws a word with a mark set off the pen (m + macron) where shaping puts it, and its text once, on the pen', () => {
    const ops = textObject([
      { text: 'a', x: 10 },
      { text: 'm\u0304x', x: 50 },
    ]);
    const font = ops[1] as string;
    // the ink, from a copy of the face whose glyphs show no text, in a Span read as nothing
    expect(ops.slice(4, 8)).toEqual([
      '/Span <</ActualText ()>> BDC',
      expect.stringMatching(/^\/F\d+ 10 Tf$/),
      '1 0 0 1 50 100 Tm', // the base letter starts at the word's x, not where the previous word ended
      expect.stringMatching(/^\[<\w{4}>\] TJ$/),
    ]);
    expect(ops[5]).not.toBe(font);
    expect(ops[8]).toMatch(/^1 0 0 1 5\d\.\d+ 100 Tm <\w{4}> Tj$/); // the macron, placed back over the m
    const end = ops.indexOf('EMC');
    expect(ops[end - 1]).toBe(font);
    // the text: every glyph on the pen, as a plain word is set, invisible
    expect(ops.slice(end + 1)).toEqual([
      '1 0 0 1 50 100 Tm',
      '3 Tr',
      expect.stringMatching(/^\[<\w{4}> <\w{4}> <\w{4}>\] TJ$/),
      '0 Tr',
      'ET',
    ]);
  });
});

describe('line breaking', () => {
  it('fills lines to the measure without exceeding it, and justifies all but the last', () => {
    const measure = 300;
    const lines = breakLines(text(words(200, 'extraordinary')), measure, 10.5, 12, fonts, true);
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line.width + line.indent).toBeLessThanOrEqual(measure + 0.01);
    expect(lines.slice(0, -1).every((l) => l.justify)).toBe(true);
    expect(lines.at(-1)?.justify).toBe(false);
    // every word is kept: hyphenated pieces join back to the source
    const joined = lines
      .flatMap((l) => l.words.map((w) => w.fragments.map((f) => f.text).join('')))
      .join(' ')
      .replace(/- /g, '');
    expect(joined).toBe(words(200, 'extraordinary'));
  });

  it('hyphenates a long word with the patterns instead of leaving a loose line', () => {
    const lines = breakLines(
      text('a characteristically incomprehensible internationalization'),
      120,
      10.5,
      0,
      fonts,
      true,
    );
    expect(lines.some((l) => l.words.at(-1)?.hyphenated)).toBe(true);
  });

  it('keeps note references and page breaks on the line where they fall', () => {
    const items: Item[] = [
      ...text('Before the break '),
      { kind: 'pb', n: '225' },
      ...text('after it.'),
      { kind: 'note', label: '47', items: text('The note.') },
    ];
    const [line] = breakLines(items, 400, 10.5, 0, fonts, true);
    expect(line?.pages).toEqual(['225']);
    expect(line?.notes.map((n) => n.label)).toEqual(['47']);
  });
});

describe('pagination', () => {
  const paragraph = (n: number, notes: Item[] = []): ReturnType<typeof block> =>
    block([...text(words(n)), ...notes]);

  it('puts a footnote on the page of its reference, and continues a long note on the next page', () => {
    const p = new Paginator(style, fonts);
    p.newPage();
    const longNote: Item = { kind: 'note', label: '1', items: text(words(900, 'annotation')) };
    p.place(paragraph(420));
    p.place(block([...text('The reference is here.'), longNote]));
    p.place(paragraph(200));
    const refPage = p.pages.find((page) => page.body.some((l) => l.line.notes.length > 0));
    expect(refPage).toBeDefined();
    expect(refPage?.notes.length).toBeGreaterThan(0);
    const next = p.pages[(refPage?.number ?? 0) - 1 + 1];
    expect(next?.notes.length).toBeGreaterThan(0); // the rest of the note, overleaf
    for (const page of p.pages) {
      const used =
        page.body.reduce((h, l) => Math.max(h, l.y + l.leading), 0) +
        (page.notes.length ? style.note.gap + page.notes.length * style.note.leading : 0);
      expect(used).toBeLessThanOrEqual(p.height + 0.01);
    }
  });

  it('leaves no single line of a paragraph at the foot or head of a page', () => {
    for (let fill = 30; fill < 80; fill += 3) {
      const p = new Paginator(style, fonts);
      p.newPage();
      p.place(paragraph(fill * 12));
      const blocks = [paragraph(60), paragraph(90), paragraph(45)];
      blocks.forEach((b) => {
        p.place(b);
      });
      for (const page of p.pages) {
        const byBlock = new Map<number, number>();
        for (const l of page.body) byBlock.set(l.block, (byBlock.get(l.block) ?? 0) + 1);
        for (const [b, count] of byBlock) {
          const total = p.pages.reduce((n, pg) => n + pg.body.filter((l) => l.block === b).length, 0);
          if (total >= 4)
            expect(count, `block ${b} on page ${page.number} (fill ${fill})`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('starts a document on a right-hand page', () => {
    const p = new Paginator(style, fonts);
    p.newPage();
    expect(p.openRecto({}).number % 2).toBe(1);
    p.newPage();
    expect(p.openRecto({}).number % 2).toBe(1);
  });
});
