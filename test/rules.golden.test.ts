import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.ts';
import type { Conventions } from '../src/normalize/declared.ts';
import type { Correction } from '../src/normalize/index.ts';
import { RULES } from '../src/normalize/rules/registry.ts';
import { documentText } from '../src/normalize/unparse.ts';
import { parseRegister } from '../src/register/load.ts';
import type { Register } from '../src/register/types.ts';
import { validateTei } from '../src/tei/validate.ts';
import { firstDifference } from './support/lossless.ts';
import { normalizeText } from './support/normalize.ts';
import { tempDir } from './support/run.ts';

/**
 * Golden fixtures, one folder per rule of the registry (rules/registry.ts): `case.txt` → `case.tei.xml` (the TEI `<text>`) and
 * `case.diagnostics.txt`. A missing expected file is written when UPDATE_GOLDEN=1 (review it, then
 * commit); otherwise it is a failure. A folder's `register.json`, when there is one, is the
 * register its cases are tagged with (rule `person-names`).
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/rules');
const cases = readdirSync(FIXTURES).flatMap((rule) =>
  readdirSync(join(FIXTURES, rule))
    .filter((f) => f.endsWith('.txt') && !f.endsWith('.diagnostics.txt'))
    .map((f) => ({ rule, name: f.replace(/\.txt$/, ''), dir: join(FIXTURES, rule) })),
);

function registerOf(dir: string): Register | undefined {
  const path = join(dir, 'register.json');
  return existsSync(path) ? parseRegister(readFileSync(path, 'utf8'), path) : undefined;
}

/** A folder's `corrections.json`: the manifest corrections its cases are normalized with. */
function correctionsOf(dir: string): Correction[] | undefined {
  const path = join(dir, 'corrections.json');
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { corrections: Correction[] }).corrections
    : undefined;
}

/** A folder's `conventions.json`: the conventions a manifest would state for its cases. */
function conventionsOf(dir: string): Conventions | undefined {
  const path = join(dir, 'conventions.json');
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { conventions: Conventions }).conventions
    : undefined;
}

const normalizeCase = (c: { dir: string; name: string }, text: string | Uint8Array) =>
  normalizeText(text, `${c.name}.txt`, registerOf(c.dir), correctionsOf(c.dir), conventionsOf(c.dir));

function golden(path: string, actual: string): void {
  if (!existsSync(path) || process.env.UPDATE_GOLDEN === '1') {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1, review, commit)`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('normalizer rules (golden fixtures)', () => {
  it('has fixtures for every rule of the registry (a rule without fixtures fails here)', () => {
    const withFixtures = new Set(cases.map((c) => c.rule));
    const missing = [...new Set(RULES.map((r) => r.id))].filter((id) => !withFixtures.has(id));
    expect(missing).toEqual([]);
    expect(RULES.length).toBeGreaterThan(20);
  });

  for (const c of cases) {
    it(`${c.rule}: ${c.name}`, () => {
      const source = readFileSync(join(c.dir, `${c.name}.txt`), 'utf8');
      const result = normalizeCase(c, source);
      const text = /<text>[\s\S]*<\/text>/.exec(result.xml)?.[0] ?? '';
      golden(join(c.dir, `${c.name}.tei.xml`), `${text}\n`);
      golden(
        join(c.dir, `${c.name}.diagnostics.txt`),
        result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join(''),
      );
      const back = documentText(result.read);
      expect(firstDifference(source, back)).toBeNull();
    });
  }

  it('every fixture is valid TEI P5 (jing, tei_all.rng)', async () => {
    const dir = tempDir();
    const files = cases.map((c) => {
      const path = join(dir, `${c.rule}--${c.name}.xml`);
      writeFileSync(path, normalizeCase(c, readFileSync(join(c.dir, `${c.name}.txt`))).xml);
      return path;
    });
    const result = await validateTei(files);
    expect(result.messages).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
