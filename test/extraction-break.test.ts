import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TeiElement, textContent } from '../src/tei/node.ts';
import { readTei } from '../src/tei/read.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

/**
 * Rule `paragraph-merge` keeps the word space of the blank line it joins across: renderers print a
 * paragraph's string value (`milestone` is empty), so `must always` / `be solemnly` must read
 * "must always be solemnly" (its white space squashed as TEI reads it), while `recto text` gives
 * back the blank line and no extra space.
 */
const SEED = '002_c4af6ddfc8abae36';
let out: string;
let doc: TeiElement;

beforeAll(async () => {
  out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  doc = await readTei(join(out, 'tei', `${SEED}.xml`));
});

const stringValue = (e: TeiElement): string => textContent(e).replace(/\s+/g, ' ').trim();
const isBreak = (e: TeiElement): boolean => e.attrs.type === 'extraction-break';

describe('an extraction break inside a paragraph (seed 002)', () => {
  it('keeps the word space in the string value of the paragraph', () => {
    const merged = all(doc, 'p').filter((p) => all(p, 'milestone', isBreak).length > 0);
    expect(merged.filter((p) => stringValue(p).includes('must always be solemnly clothed'))).toHaveLength(1);
    // All seven breaks of the seed fall between two words: none glues them together.
    const joints = merged.flatMap((p) =>
      p.children.flatMap((c, k) => {
        if (typeof c === 'string' || !isBreak(c)) return [];
        const before = p.children[k - 1];
        const after = p.children[k + 1];
        return [
          `${typeof before === 'string' ? before.slice(-12) : ''}|${typeof after === 'string' ? after.slice(0, 12) : ''}`,
        ];
      }),
    );
    expect(joints).toHaveLength(7);
    // the blank line as the source has it after the break, which says it stands for a word space
    for (const joint of joints) expect(joint, joint).toMatch(/\p{L}\|\n\n\p{L}/u);
    expect(
      merged.flatMap((p) => all(p, 'milestone', (m) => isBreak(m) && m.attrs.rend === 'joined')),
    ).toEqual([]);
  });

  it('`recto text` gives back the blank line and no extra space', () => {
    const r = recto(['text', join(out, 'tei', `${SEED}.xml`)]);
    expect(r.status, r.stderr).toBe(0);
    const source = readFileSync(join(SEEDS, `${SEED}.txt`), 'utf8');
    for (const place of ['must always\n\nbe solemnly clothed', 'and on\n\ndegree of vigor']) {
      expect(source).toContain(place);
      expect(r.stdout).toContain(place);
    }
    expect(r.stdout).not.toMatch(/\n\n [a-z]/);
  });
});
