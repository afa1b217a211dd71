import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputName } from '../src/pipeline/build.ts';
import { readTei } from '../src/tei/read.ts';
import { validateTei } from '../src/tei/validate.ts';
import { firstDifference } from './support/lossless.ts';
import { REAL, readRealTruth, realCopies, realCopyProblems } from './support/real-copies.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * Issue #15's real copies: public-domain document pages exactly as the web gives them (1860s to
 * 1980s, FRUS and other collections), built by the CLI from the folder, each scored against its
 * hand-checked truth: page marks, notes and where each is anchored, lossless, valid.
 */
const files = realCopies();

describe('the real copies (test/fixtures/real)', () => {
  let out: string;
  let invalid: Set<string>;
  let texts: string[];

  beforeAll(async () => {
    out = tempDir();
    const r = recto(['build', '--sources', REAL, '--out', out, '--formats', 'tei', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const tei = files.map((f) => join(out, 'tei', `${outputName(f)}.xml`));
    const result = await validateTei(tei);
    invalid = new Set(files.filter((_, k) => result.messages.some((m) => m.includes(tei[k] ?? '\0'))));
    const t = recto(['text', join(out, 'tei', 'edition.xml')]);
    expect(t.status, t.stderr).toBe(0);
    texts = t.stdout.split('\n\f\n');
  });

  it('are at least 40 documents from at least 20 volumes or collections, each with a truth file', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const collections = new Set(files.map((f) => readRealTruth(f).collection));
    expect(collections.size).toBeGreaterThanOrEqual(20);
  });

  it('every copy is valid TEI P5 (one jing run) and lossless through `recto text`', () => {
    expect([...invalid]).toEqual([]);
    expect(texts).toHaveLength(files.length);
    const lossy = files
      .map((f, k) => [f, firstDifference(readFileSync(join(REAL, f), 'utf8'), texts[k] ?? '')])
      .filter(([, d]) => d !== null);
    expect(lossy).toEqual([]);
  });

  it('gets every copy fully right (page marks, notes, anchors, lossless, valid)', async () => {
    const scores = await Promise.all(
      files.map(async (f, k) => {
        const problems = realCopyProblems(
          await readTei(join(out, 'tei', `${outputName(f)}.xml`)),
          readRealTruth(f),
        );
        if (invalid.has(f)) problems.push('not valid TEI');
        const diff = firstDifference(readFileSync(join(REAL, f), 'utf8'), texts[k] ?? '');
        if (diff) problems.push(`not lossless ${diff}`);
        return { f, problems };
      }),
    );
    const right = scores.filter((s) => s.problems.length === 0).length;
    const misses = scores.filter((s) => s.problems.length > 0).map((s) => `${s.f}: ${s.problems.join('; ')}`);
    console.log(`real-copies score: ${right}/${files.length}\n${misses.join('\n')}`);
    expect(misses).toEqual([]);
    expect(right).toBe(files.length);
  });
});
