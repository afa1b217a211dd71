import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTei } from '../src/tei/read.ts';
import { normalizeText } from './support/normalize.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

const SEED = '001_39edde1195e6049d.txt';
const seedText = readFileSync(join(SEEDS, SEED), 'utf8');

/** The ids of the body's p, note, pb and div, in document order. */
function bodyIds(xml: string): string[] {
  const text = all(parseTei(xml, 'x.xml'), 'text')[0];
  if (!text) throw new Error('no text');
  return all(text, '*', (e) => ['p', 'note', 'pb', 'div'].includes(e.name)).map(
    (e) => e.attrs['xml:id'] ?? '',
  );
}

describe('stable identifiers (issue #14)', () => {
  it('every p, note, pb and div has an id; a note is named by its printed number, a page break by its page', () => {
    const { xml } = normalizeText(seedText, SEED);
    const ids = bodyIds(xml);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids).not.toContain('');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('d001_39edde1195e6049d-fn47');
    expect(ids).toContain('d001_39edde1195e6049d-pg225');
    const text = all(parseTei(xml, 'x.xml'), 'text')[0];
    const paragraphs = text ? all(text, 'p') : [];
    expect(paragraphs.length).toBe(15);
    for (const p of paragraphs)
      expect(p.attrs['xml:id']).toMatch(/^d001_39edde1195e6049d-p-[0-9a-f]{6}(-\d+)?$/);
  });

  it('editing one paragraph changes only that paragraph’s id', () => {
    const before = bodyIds(normalizeText(seedText, SEED).xml);
    const edited = seedText.replace('I have no reliable information', 'I have no reliable informations');
    expect(edited).not.toBe(seedText);
    const after = bodyIds(normalizeText(edited, SEED).xml);
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((id, k) => (id === after[k] ? [] : [[id, after[k]]]));
    expect(changed).toHaveLength(1);
    expect(changed[0]?.[0]).toMatch(/-p-[0-9a-f]{6}$/);
    // A paragraph inserted before the others moves no one's id either.
    const inserted = seedText.replace(
      'Sir: I have the honor',
      'A new first paragraph.\n\nSir: I have the honor',
    );
    const withNew = bodyIds(normalizeText(inserted, SEED).xml);
    expect(withNew.filter((id) => !before.includes(id))).toHaveLength(1);
    expect(before.filter((id) => !withNew.includes(id))).toEqual([]);
  });

  it('editing another document changes none of this one’s ids', () => {
    const dir = join(tempDir('recto-ids-'), 'sources');
    mkdirSync(dir);
    for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(dir, f));
    const build = (): string => {
      const out = tempDir('recto-ids-out-');
      const r = recto(['build', '--sources', dir, '--out', out, '--formats', 'tei', '--no-cache', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, 'tei', SEED.replace('.txt', '.xml')), 'utf8');
    };
    const before = bodyIds(build());
    const other = join(dir, '004_6169f971afa7be48.txt');
    writeFileSync(other, readFileSync(other, 'utf8').replace('In recent days', 'In recent weeks'));
    expect(bodyIds(build())).toEqual(before);
  }, 60_000);
});
