import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Item } from '../src/render/pdf/blocks.ts';
import { BreakCache, runKey, useBreakCache } from '../src/render/pdf/break-cache.ts';
import { FontSet } from '../src/render/pdf/fonts.ts';
import { breakLines, type Line } from '../src/render/pdf/lines.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';
import type { Fragment, Word } from '../src/render/pdf/words.ts';
import { tempDir } from './support/run.ts';

/**
 * The PDF's line breaks kept across builds (break-cache.ts): lines made from kept breaks are the
 * lines the breaker makes, a kept entry of another Recto or look is never used, and what is saved
 * is what the book used. (Under a second: three paragraphs broken a few times.)
 */
const text = (t: string): Item => ({ kind: 'text', text: t, style: 'regular' });
const LONG =
  'The Secretary of State said that the Soviet proposal on Berlin, which would make the western sectors a demilitarized free city, was unacceptable to the three Western Powers, who would maintain their rights of access by land, water and air; he hoped that negotiations on the broader questions of Germany and European security might nevertheless be opened at a conference of foreign ministers.';
const PARAGRAPHS: Item[][] = [
  [text(LONG)],
  [text(`${LONG} Notwithstanding extraordinarily incomprehensible counterrevolutionary misunderstandings.`)],
  [text('A short paragraph that fits.')],
];

async function fonts(): Promise<FontSet> {
  return FontSet.load(loadPdfStyle());
}

/** Each paragraph's lines, with the breaks of `cache` in force. */
function lay(f: FontSet, cache: BreakCache | undefined, measure = 300): Line[][] {
  useBreakCache(cache);
  try {
    return PARAGRAPHS.map((items) => breakLines(items, measure, 11, 11, f, true));
  } finally {
    useBreakCache(undefined);
  }
}

const shape = (lines: Line[][]): string[][] =>
  lines.map((ls) => ls.map((l) => l.words.map((w) => w.fragments.map((x) => x.text).join('')).join(' ')));

describe('the PDF line-break cache', () => {
  it('gives the lines the breaker makes, from a kept file, and keeps only what the book used', async () => {
    const f = await fonts();
    const fresh = lay(f, undefined);
    expect(fresh[0]?.length).toBeGreaterThan(3); // (several lines: Knuth–Plass ran)
    const dir = tempDir('recto-breaks-');
    const first = BreakCache.open(dir, 'v1');
    expect(lay(f, first)).toEqual(fresh);
    expect(first.misses).toBe(2); // (the short paragraph fits its line: no breaking, no entry)
    await first.save();

    const again = BreakCache.open(dir, 'v1');
    expect(lay(f, again)).toEqual(fresh);
    expect([again.hits, again.misses]).toEqual([2, 0]);

    // another measure: other keys, the kept breaks unused, and the saved file holds only the new ones
    const narrow = BreakCache.open(dir, 'v1');
    const narrowLines = lay(f, narrow, 200);
    expect(shape(narrowLines)).toEqual(shape(lay(f, undefined, 200)));
    expect([narrow.hits, narrow.misses]).toEqual([0, 2]);
    await narrow.save();
    const saved = JSON.parse(readFileSync(join(dir, 'pdf', 'breaks.json'), 'utf8')) as {
      breaks: Record<string, number[]>;
    };
    expect(Object.keys(saved.breaks)).toHaveLength(2);
  });

  it('never uses breaks kept by another version, nor a file that does not read', async () => {
    const f = await fonts();
    const fresh = lay(f, undefined);
    const dir = tempDir('recto-breaks-');
    const kept = BreakCache.open(dir, 'v1');
    lay(f, kept);
    await kept.save();
    // The same keys with wrong breaks (every word a line), under another version: not used.
    const file = join(dir, 'pdf', 'breaks.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as {
      version: string;
      breaks: Record<string, number[]>;
    };
    for (const key of Object.keys(stored.breaks)) stored.breaks[key] = [0, 0, 0, -1, 0];
    writeFileSync(file, JSON.stringify({ ...stored, version: 'v0' }));
    const other = BreakCache.open(dir, 'v1');
    expect(lay(f, other)).toEqual(fresh);
    expect(other.hits).toBe(0);
    // (and with the version it names, the file is used as it is: the version is what guards it)
    const poisoned = BreakCache.open(dir, 'v0');
    expect(shape(lay(f, poisoned))[0]).not.toEqual(shape(fresh)[0]);

    mkdirSync(join(dir, 'pdf'), { recursive: true });
    writeFileSync(file, '{"version": "v1", "breaks": ');
    const broken = BreakCache.open(dir, 'v1');
    expect(lay(f, broken)).toEqual(fresh);
    expect(broken.hits).toBe(0);
  });

  it('keys apart runs that would break apart: text, face, size, rise, fragments, notes, page slots', () => {
    // (a fragment's width is not in the key: it follows from its text, face and size)
    const frag = (text: string, more: Partial<Fragment> = {}): Fragment => ({
      text,
      face: 'regular',
      size: 11,
      rise: 0,
      width: text.length * 5,
      ...more,
    });
    const word = (fragments: Fragment[], notes = 0): Word => ({
      fragments,
      width: fragments.reduce((n, x) => n + x.width, 0),
      notes: Array.from({ length: notes }, () => ({ label: '1', items: [] })),
      pages: [],
      anchors: [],
    });
    const key = (...words: Word[]): string => runKey(words, 3, 11, () => 300, 300);
    const base = key(word([frag('Berlin')]), word([frag('crisis')]));
    expect(key(word([frag('Berlin')]), word([frag('crisis')]))).toBe(base);
    const others = [
      key(word([frag('Berlin')]), word([frag('crises')])),
      key(word([frag('Berlin')]), word([frag('crisis', { face: 'italic' })])),
      key(word([frag('Berlin', { face: 'italic' })]), word([frag('crisis')])),
      key(word([frag('Berlin')]), word([frag('crisis', { size: 10 })])),
      key(word([frag('Berlin')]), word([frag('crisis', { rise: 4 })])),
      key(word([frag('Berlin')]), word([frag('cri'), frag('sis')])),
      key(word([frag('Berlin'), frag('crisis')])),
      key(word([frag('Berlin')]), word([frag('crisis')], 1)),
      runKey([word([frag('Berlin')]), word([frag('crisis')])], 3, 11, (n) => (n ? 300 : 289), 300),
    ];
    for (const k of others) expect(k).not.toBe(base);
    expect(new Set(others).size).toBe(others.length);
    // a page-number slot (no text, the width of `(p. 0000)`) is not the word `p`
    const slot = frag('', { pageref: { target: 'd1', style: 'regular' }, width: 40 });
    expect(key(word([frag('see')]), word([slot]))).not.toBe(key(word([frag('see')]), word([frag('p')])));
  });
});
