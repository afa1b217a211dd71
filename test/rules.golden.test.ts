import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/diagnostics.ts';
import { parseRegister } from '../src/register/load.ts';
import type { Register } from '../src/register/types.ts';
import { documentText } from '../src/normalize/unparse.ts';
import { validateTei } from '../src/tei/validate.ts';
import { canonicalText, firstDifference } from './support/lossless.ts';
import { normalizeText } from './support/normalize.ts';
import { tempDir } from './support/run.ts';

/**
 * Golden fixtures, one folder per rule: `case.txt` → `case.tei.xml` (the TEI `<text>`) and
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

function golden(path: string, actual: string): void {
  if (!existsSync(path) || process.env.UPDATE_GOLDEN === '1') {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1, review, commit)`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('normalizer rules (golden fixtures)', () => {
  it('has fixtures for every rule', () => {
    const rules = new Set(cases.map((c) => c.rule));
    for (const rule of [
      'page-marker',
      'paragraph-merge',
      'omission-row',
      'omission',
      'conjecture',
      'correction',
      'editorial-insertion',
      'unclosed-bracket',
      'footnote-ref',
      'note-list',
      'header',
      'closing',
      'boilerplate',
      'heading',
      'list',
      'quotation',
      'emphasis',
      'autolink',
      'damage',
      'dateline',
      'person-names',
    ]) {
      expect(rules, rule).toContain(rule);
    }
  });

  for (const c of cases) {
    it(`${c.rule}: ${c.name}`, () => {
      const source = readFileSync(join(c.dir, `${c.name}.txt`), 'utf8');
      const result = normalizeText(source, `${c.name}.txt`, registerOf(c.dir));
      const text = /<text>[\s\S]*<\/text>/.exec(result.xml)?.[0] ?? '';
      golden(join(c.dir, `${c.name}.tei.xml`), `${text}\n`);
      golden(
        join(c.dir, `${c.name}.diagnostics.txt`),
        result.diagnostics.map((d) => `${formatDiagnostic(d)}\n`).join(''),
      );
      const back = documentText(result.read);
      expect(firstDifference(canonicalText(source), canonicalText(back))).toBeNull();
    });
  }

  it('every fixture is valid TEI P5 (jing, tei_all.rng)', async () => {
    const dir = tempDir();
    const files = cases.map((c) => {
      const path = join(dir, `${c.rule}--${c.name}.xml`);
      writeFileSync(
        path,
        normalizeText(readFileSync(join(c.dir, `${c.name}.txt`)), `${c.name}.txt`, registerOf(c.dir)).xml,
      );
      return path;
    });
    const result = await validateTei(files);
    expect(result.messages).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
