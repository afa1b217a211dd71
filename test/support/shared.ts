import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The shared inputs beside the project (`../shared`): the FRUS corpora and the TEI schema. */
export const SHARED = join(import.meta.dirname, '../../../shared');

/** The shared FRUS corpora the tests are declared to run on: each must be there, whole. */
export const DECLARED_CORPORA: readonly string[] = ['frus1958-60v08', 'frus1964-68v22', 'frus1969-76v19p1'];

/**
 * A path the tests read: given back when it is there, otherwise an error naming it. A test whose
 * input is missing fails; it never skips and passes without checking.
 */
export function required(path: string, what: string): string {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path}`);
  return path;
}

/** A file or folder of a declared shared corpus (`sharedCorpus('frus1969-76v19p1', 'volume.xml')`). */
export const sharedCorpus = (name: string, ...path: string[]): string =>
  required(join(SHARED, 'corpus', name, ...path), `the shared corpus ${[name, ...path].join('/')}`);

export interface Corpus {
  name: string;
  dir: string;
}

/**
 * The corpora of `root` that hold each of `needs` (`truth`, `volume.xml`), by name: every declared
 * corpus — one that is missing or lacks one of `needs` is an error naming the path — and any other
 * corpus found beside them that has them all.
 */
export function sharedCorpora(
  needs: readonly string[],
  root = join(SHARED, 'corpus'),
  declared = DECLARED_CORPORA,
): Corpus[] {
  required(root, 'the shared corpora folder');
  const found = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return [...new Set([...declared, ...found])]
    .sort((a, b) => a.localeCompare(b))
    .flatMap((name) => {
      const dir = join(root, name);
      if (declared.includes(name)) {
        required(dir, `the declared corpus ${name}`);
        for (const n of needs) required(join(dir, n), `the declared corpus ${name}'s ${n}`);
        return [{ name, dir }];
      }
      return needs.every((n) => existsSync(join(dir, n))) ? [{ name, dir }] : [];
    });
}
