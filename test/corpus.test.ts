import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outputName } from '../src/pipeline/build.ts';
import { readTei } from '../src/tei/read.ts';
import { validateTei } from '../src/tei/validate.ts';
import { corpora, readTruth, scoreDocument, volumeDocuments } from './support/corpus-truth.ts';
import { firstDifference } from './support/lossless.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';

/**
 * Every corpus in `../shared/corpus/` (a folder of `NNNN.txt` with `truth/`, `manifest.json` and the
 * official `volume.xml`), each built once by the CLI from a folder without a manifest.
 */
const found = corpora();

describe('the shared corpora', () => {
  it('are there (the truth tests below run on each)', () => {
    expect(found.map((c) => c.name)).toContain('frus1958-60v08');
  });
});

for (const corpus of found) {
  const files = readdirSync(corpus.dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  let out: string;

  describe(`corpus ${corpus.name}`, () => {
    beforeAll(() => {
      out = tempDir();
      const r = recto(['build', '--sources', corpus.dir, '--out', out, '--formats', 'tei', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
    });

    it('builds every document, and every TEI file is valid TEI P5 (one jing run)', async () => {
      const tei = files
        .map((f) => join(out, 'tei', `${outputName(f)}.xml`))
        .concat(join(out, 'tei', 'edition.xml'));
      const result = await validateTei(tei);
      expect(result.messages.slice(0, 5)).toEqual([]);
      expect(result.ok).toBe(true);
    });

    it('is lossless: `recto text` of the TEI gives back every source, byte for byte', () => {
      const r = recto(['text', join(out, 'tei', 'edition.xml')]);
      expect(r.status, r.stderr).toBe(0);
      const texts = r.stdout.split('\n\f\n');
      expect(texts).toHaveLength(files.length);
      const failures = files
        .map((f, k) => [f, firstDifference(readFileSync(join(corpus.dir, f), 'utf8'), texts[k] ?? '')])
        .filter(([, diff]) => diff !== null);
      expect(failures).toEqual([]);
    });

    it('matches the truth files (page breaks and their positions, notes, gaps) for ≥ 99.5% of documents', async () => {
      const official = volumeDocuments(corpus.dir);
      const scores = await Promise.all(
        files.map(async (f) => {
          const truth = readTruth(corpus.dir, f);
          return scoreDocument(
            f,
            await readTei(join(out, 'tei', `${outputName(f)}.xml`)),
            truth,
            official.get(truth.doc_id),
          );
        }),
      );
      const ok = scores.filter((s) => s.ok).length;
      const percent = (100 * ok) / files.length;
      const misses = scores.filter((s) => !s.ok).map((s) => `${s.file}: ${s.problems.join('; ')}`);
      console.log(
        `corpus truth score ${corpus.name}: ${ok}/${files.length} = ${percent.toFixed(2)}%\n${misses.join('\n')}`,
      );
      expect(percent).toBeGreaterThanOrEqual(99.5);
    });
  });
}

describe('the seeds', () => {
  it('are lossless through `recto build` and `recto text`', () => {
    const dir = tempDir();
    expect(recto(['build', '--out', dir, '--formats', 'tei', '--quiet']).status).toBe(0);
    for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
      const r = recto(['text', join(dir, 'tei', `${outputName(f)}.xml`)]);
      expect(r.status).toBe(0);
      expect(firstDifference(readFileSync(join(SEEDS, f), 'utf8'), r.stdout), f).toBeNull();
    }
  });
});
