import { describe, expect, it } from 'vitest';
import {
  badness,
  INFINITE_PENALTY,
  type KpItem,
  KpList,
  knuthPlass,
  ratioLimit,
} from '../src/render/pdf/knuth-plass.ts';
import { wordBreaks } from '../src/render/pdf/word-breaks.ts';

/**
 * The line breaker on its own, over made-up boxes, glue and penalties (no fonts): total fit rather
 * than first fit, the limit on hyphenated lines in a row, the passes' tolerance, emergency stretch
 * and the last resort of an overfull line; and where words may break.
 */
const SPACE: KpItem = { type: 'glue', width: 1, stretch: 1, shrink: 0.3 };
const END: KpItem[] = [
  { type: 'glue', width: 0, stretch: 1e6, shrink: 0 },
  { type: 'penalty', width: 0, penalty: -INFINITE_PENALTY, flagged: false },
];

/** Words of the given widths separated by spaces; a word given as [a, b] may be hyphenated between a and b. */
function paragraph(words: (number | number[])[]): KpItem[] {
  const items: KpItem[] = [];
  words.forEach((w, k) => {
    if (k) items.push(SPACE);
    const parts = Array.isArray(w) ? w : [w];
    parts.forEach((part, j) => {
      if (j) items.push({ type: 'penalty', width: 1, penalty: 50, flagged: true });
      items.push({ type: 'box', width: part });
    });
  });
  return [...items, ...END];
}

/** The natural width of each line a result sets (boxes and the glue between them, a hyphen at a flagged break). */
function widths(items: KpItem[], lines: { start: number; end: number }[]): number[] {
  return lines.map(({ start, end }) => {
    let w = 0;
    for (let k = start; k < end; k++) {
      const it = items[k] as KpItem;
      if (it.type !== 'penalty') w += it.width;
    }
    const at = items[end];
    return w + (at?.type === 'penalty' ? at.width : 0);
  });
}

describe('Knuth–Plass line breaking', () => {
  it('balances the paragraph where first fit would leave a very loose line', () => {
    // First fit takes 6 + 6 on the first line (13 of 14) and leaves 3 + 3 + 3 + 3 (15) to a second line
    // that cannot hold it: 3 lines. Total fit sets two lines.
    const items = paragraph([6, 6, 3, 3, 3, 3, 2]);
    const lines = knuthPlass(items, { lineWidth: () => 18, tolerance: 200 });
    expect(lines).not.toBeNull();
    expect(lines?.length).toBe(2);
    for (const r of lines?.slice(0, -1) ?? []) expect(Math.abs(r.ratio)).toBeLessThanOrEqual(1.26);
  });

  it('sets a line of a given width for each line (a first-line indent)', () => {
    const items = paragraph(Array.from({ length: 30 }, () => 4));
    const lines = knuthPlass(items, { lineWidth: (n) => (n === 0 ? 20 : 30), tolerance: 200 }) ?? [];
    const set = widths(items, lines);
    expect(set[0]).toBeLessThanOrEqual(20 + 0.3 * 4);
    for (const w of set.slice(1)) expect(w).toBeLessThanOrEqual(30 + 0.3 * 6);
  });

  it('never sets three hyphenated lines in a row, and avoids two when it can', () => {
    // Every word only fits by hyphenating: words of 10 + 10 on lines of 15.
    const items = paragraph(Array.from({ length: 24 }, () => [5, 5]));
    const lines =
      knuthPlass(items, { lineWidth: () => 15, tolerance: INFINITE_PENALTY, maxHyphens: 2 }) ?? [];
    expect(lines.length).toBeGreaterThan(5);
    let run = 0;
    let longest = 0;
    for (const l of lines) {
      const at = items[l.end];
      run = at?.type === 'penalty' && at.flagged ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    expect(longest).toBeLessThanOrEqual(2);
    const once = knuthPlass(items, { lineWidth: () => 15, tolerance: INFINITE_PENALTY, maxHyphens: 1 }) ?? [];
    let twice = 0;
    for (let k = 1; k < once.length; k++) {
      const a = items[(once[k - 1] as { end: number }).end];
      const b = items[(once[k] as { end: number }).end];
      if (a?.type === 'penalty' && a.flagged && b?.type === 'penalty' && b.flagged) twice++;
    }
    expect(twice).toBe(0);
  });

  it('fails a pass whose tolerance no line can meet, and emergency stretch lets it through', () => {
    // 10 + 10 on a line of 25 with one space of stretch 1: the line is far too loose (ratio 4).
    const items = paragraph([10, 10, 10, 10]);
    const strict = { lineWidth: () => 25, tolerance: 200 };
    expect(knuthPlass(items, strict)).toBeNull();
    const lines = knuthPlass(items, { ...strict, emergencyStretch: 8 });
    expect(lines?.length).toBe(2);
    // the line is set with its own stretch: the ratio it reports is its real one
    expect(lines?.[0]?.ratio).toBeCloseTo(4, 5);
  });

  it('sets an overfull line only as the last resort, for a box wider than the measure', () => {
    const items = paragraph([5, 40, 5]);
    expect(knuthPlass(items, { lineWidth: () => 20, tolerance: INFINITE_PENALTY })).toBeNull();
    const lines = knuthPlass(items, {
      lineWidth: () => 20,
      tolerance: INFINITE_PENALTY,
      allowOverfull: true,
    });
    expect(lines?.map((l) => l.ratio < -1)).toEqual([false, true, false]);
  });

  it('takes a line ending with a hyphen to be as wide as the hyphen makes it', () => {
    const items = paragraph([8, [4, 4], 8]);
    const lines = knuthPlass(items, { lineWidth: () => 14, tolerance: INFINITE_PENALTY }) ?? [];
    expect(widths(items, lines)).toEqual([14, 13]);
  });

  it('passes over only lines whose badness is over the tolerance without computing it', () => {
    // A line is skipped when its ratio passes the limit: each of those must fail badness() too,
    // and the limit must not be so wide that it skips nothing (a hair above the exact bound).
    for (const tolerance of [0, 1, 99, 100, 199, 200, 1234, 9999]) {
      const limit = ratioLimit(tolerance);
      for (const r of [limit * (1 + 1e-12), limit * 1.001, limit * 2, 100])
        for (const ratio of [r, -r]) expect(badness(ratio)).toBeGreaterThan(tolerance);
      expect(limit).toBeLessThan(Math.cbrt((tolerance + 1.5) / 100));
    }
    expect(ratioLimit(INFINITE_PENALTY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('breaks a paragraph longer than its columns first hold, every item kept as it was given', () => {
    // 400 words, some hyphenable: more items than the columns' first size, so they grow
    const items = paragraph(Array.from({ length: 400 }, (_, k) => (k % 7 ? 3 + (k % 3) : [3, 3])));
    const list = KpList.of(items);
    expect(list.length).toBe(items.length);
    const options = { lineWidth: () => 40, tolerance: 200 };
    const lines = knuthPlass(list, options) ?? [];
    expect(lines.length).toBeGreaterThan(30);
    // what the columns hold after growing is what the items say
    items.forEach((it, k) => {
      expect(list.width[k]).toBe(it.width);
      expect(list.isBox(k)).toBe(it.type === 'box');
      if (it.type === 'glue') expect([list.stretch[k], list.shrink[k]]).toEqual([it.stretch, it.shrink]);
      if (it.type === 'penalty')
        expect([list.penalty[k], list.flagged[k]]).toEqual([it.penalty, it.flagged ? 1 : 0]);
    });
    for (const w of widths(items, lines).slice(0, -1)) expect(Math.abs(w - 40)).toBeLessThanOrEqual(12);
  });
});

describe('where a word may break', () => {
  const heads = (text: string, hyphenate = true, long = false): string[] =>
    wordBreaks(text, hyphenate, long).map((b) => text.slice(0, b.at) + (b.hyphen ? '-' : ''));

  it('hyphenates lower-case words with the patterns, three letters at least on each side', () => {
    expect(heads('internationalization')).toEqual([
      'inter-',
      'interna-',
      'internation-',
      'international-',
      'internationaliza-',
    ]);
    expect(heads('expansion')).toEqual(['expan-']); // not `ex-`: two letters are too few
    expect(heads('internationalization', false)).toEqual([]);
  });

  it('never hyphenates a capitalised word (a name) or a word in capitals', () => {
    expect(heads('Germany')).toEqual([]);
    expect(heads('Khrushchev’s')).toEqual([]);
    expect(heads('USAREUR')).toEqual([]);
  });

  it('breaks after an explicit hyphen or an em dash, adding nothing', () => {
    expect(heads('well-known')).toEqual(['well-']);
    expect(heads('Berlin—the')).toEqual(['Berlin—']);
    expect(wordBreaks('well-known', true, false)[0]?.flagged).toBe(true);
  });

  it('breaks a URL after a slash or a dot with no hyphen, never inside its parts', () => {
    const url = 'https://history.state.gov/historicaldocuments/frus1958-60v08';
    const list = heads(url);
    expect(list.every((h) => /[/.?&=_-]$/.test(h))).toBe(true);
    expect(list).toContain('https://history.');
    expect(list).toContain('https://history.state.gov/');
    expect(list.some((h) => h.endsWith('historical-'))).toBe(false);
    expect(wordBreaks(url, true, false).every((b) => !b.hyphen && !b.flagged)).toBe(true);
  });
});
