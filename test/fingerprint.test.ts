import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../src/cache/fingerprint.ts';
import { tempDir } from './support/run.ts';

/**
 * A stage's fingerprint is its code's: a compiler writing dist/ beside the build (scripts/compile.js:
 * `<file>.<pid>.tmp`, then a rename; the test suite starts many CLIs at once) must not change it, or
 * that build would key its cache entries by a fingerprint no other build has (and a temporary file
 * renamed away between listing and reading would stop the build).
 */
describe('a stage fingerprint', () => {
  it('hashes the code, not a compiler’s temporary file beside it', () => {
    const dir = join(tempDir(), 'tei');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'read.js'), 'export const read = 1;\n');
    const before = fingerprint([dir], [], 'parse');
    writeFileSync(join(dir, 'read.js.4242.tmp'), 'export const read = 1;\n');
    expect(fingerprint([dir], [], 'parse')).toBe(before);
    writeFileSync(join(dir, 'read.js'), 'export const read = 2;\n');
    expect(fingerprint([dir], [], 'parse')).not.toBe(before);
  });
});
