import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue #28: only the model reads TEI. The TEI parser (src/tei/read.ts) is imported by modules of
 * src/model/ and by no other module of src/: the reader, the register, the pipeline and the
 * writers ask the model (TeiMaster) what a TEI file says.
 */
const SRC = join(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The modules a source file imports (static and dynamic), as absolute paths. */
const imports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from |import\()'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1] ?? ''),
  );

describe('the model is the only reader of TEI', () => {
  it('no module outside src/model/ imports src/tei/read.ts', () => {
    const reader = join(SRC, 'tei/read.ts');
    const importers = sources(SRC)
      .filter((file) => imports(file).includes(reader))
      .map((file) => relative(SRC, file));
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith('model/'))).toEqual([]);
  });
});
