import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/run.ts';
import { required, sharedCorpora } from './support/shared.ts';

/** A declared corpus that is missing fails the tests that read it, naming the path; it is never skipped. */
describe('the shared corpora a test reads', () => {
  const corpus = (root: string, name: string, files: string[]): void => {
    mkdirSync(join(root, name, 'truth'), { recursive: true });
    for (const f of files) writeFileSync(join(root, name, f), '');
  };

  it('are every declared corpus and every other one found whole, by name', () => {
    const root = tempDir();
    corpus(root, 'b-declared', ['volume.xml']);
    corpus(root, 'a-found', ['volume.xml']);
    corpus(root, 'c-found-without-volume', []);
    const got = sharedCorpora(['truth', 'volume.xml'], root, ['b-declared']);
    expect(got).toEqual([
      { name: 'a-found', dir: join(root, 'a-found') },
      { name: 'b-declared', dir: join(root, 'b-declared') },
    ]);
  });

  it('fail, naming the path, when a declared corpus is missing or lacks what the test reads', () => {
    const root = tempDir();
    corpus(root, 'here', ['volume.xml']);
    expect(() => sharedCorpora(['volume.xml'], root, ['here', 'gone'])).toThrow(
      `the declared corpus gone is missing: ${join(root, 'gone')}`,
    );
    corpus(root, 'partial', []);
    expect(() => sharedCorpora(['truth', 'volume.xml'], root, ['here', 'partial'])).toThrow(
      `the declared corpus partial's volume.xml is missing: ${join(root, 'partial', 'volume.xml')}`,
    );
    expect(() => sharedCorpora([], join(root, 'nowhere'), [])).toThrow(
      `the shared corpora folder is missing: ${join(root, 'nowhere')}`,
    );
    expect(() => required(join(root, 'no.xml'), 'the volume')).toThrow(
      `the volume is missing: ${join(root, 'no.xml')}`,
    );
    expect(required(join(root, 'here'), 'the corpus')).toBe(join(root, 'here'));
  });
});
