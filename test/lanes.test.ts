import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_LANE, TIMED_LANE, UNIT_LANE } from './lanes.ts';
import { ROOT, recto } from './support/run.ts';

/** The test lanes (test/lanes.ts): every file in one, and the unit lane starts no process. */
describe('the test lanes', () => {
  it('name test files that exist, each in one lane only', () => {
    const files = new Set(
      readdirSync(join(ROOT, 'test'))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `test/${f}`),
    );
    const lanes = [...UNIT_LANE, ...CORPUS_LANE, ...TIMED_LANE];
    for (const f of lanes) expect(files.has(f), f).toBe(true);
    expect(new Set(lanes).size).toBe(lanes.length);
    expect(existsSync(join(ROOT, 'test/support/unit-lane.ts'))).toBe(true);
  });

  it('refuse a process in the unit lane (the CLI here says where the file belongs)', () => {
    expect(() => recto(['--version'])).toThrow(/the unit lane starts no process .*integration lane/);
  });
});
