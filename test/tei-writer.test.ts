import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { el } from '../src/tei/node.ts';
import { serializeTei, serializeTeiWithBuilder } from '../src/tei/write.ts';
import { normalizeText } from './support/normalize.ts';
import { SEEDS } from './support/run.ts';

/** The direct TEI writer gives exactly the bytes xmlbuilder2 gives for the same tree. */
describe('the TEI writer', () => {
  it('writes the seeds and every rule fixture as xmlbuilder2 does', () => {
    const fixtures = join(import.meta.dirname, 'fixtures/rules');
    const texts = [
      ...readdirSync(SEEDS)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(SEEDS, f), 'utf8')),
      ...readdirSync(fixtures).flatMap((rule) =>
        readdirSync(join(fixtures, rule))
          .filter((f) => f.endsWith('.txt') && !f.endsWith('.diagnostics.txt'))
          .map((f) => readFileSync(join(fixtures, rule, f), 'utf8')),
      ),
    ];
    expect(texts.length).toBeGreaterThan(40);
    for (const t of texts) {
      const { tei } = normalizeText(t);
      expect(serializeTei(tei)).toBe(serializeTeiWithBuilder(tei));
    }
  });

  it('escapes any text and attribute value as xmlbuilder2 does (illegal characters included)', () => {
    const tricky = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        '&',
        '<',
        '>',
        '"',
        "'",
        '&amp;',
        '\u0007',
        '\uFFFE',
        '\uD800',
        '\n',
        'é',
      ),
    });
    fc.assert(
      fc.property(tricky, tricky, (text, value) => {
        const tree = el('TEI', { 'xml:lang': 'en' }, [
          el('p', { n: value }, [text, el('desc', {}, [text]), el('pb', { n: value })]),
        ]);
        expect(serializeTei(tree)).toBe(serializeTeiWithBuilder(tree));
      }),
      { numRuns: 500 },
    );
  });
});
