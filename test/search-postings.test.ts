import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { SEARCH_OPTIONS, STOP_WORDS } from '../src/render/html/search-index.ts';
import { serializedIndex, serializedIndexText } from '../src/render/html/search-postings.ts';

/**
 * search-postings.ts makes MiniSearch's serialized index without MiniSearch's radix-tree lookups:
 * the object must be MiniSearch's own, key for key and in the same order (the site's bytes, and the
 * page's loadJSON, depend on it). Real text: the bundled seeds' paragraphs, as headings, records and
 * running text, with empty and missing fields, repeated words, words that are prefixes of others
 * (radix-tree splits), punctuation and non-ASCII letters.
 */
const stop = new Set(STOP_WORDS);
const processTerm = (term: string): string | null => {
  const t = term.toLowerCase();
  return stop.has(t) ? null : t;
};

function seedEntries(): Record<string, unknown>[] {
  const dir = join(import.meta.dirname, '../sources');
  const paragraphs = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split(/\n\s*\n/));
  const extra = ['', 'Ångström ångström — “quoted” café CAFÉ', 'un unit united unite uni u', '  ...  '];
  return [...extra, ...paragraphs].map((text, id) => ({
    id,
    d: id % 7,
    a: id % 3 ? `p-${id}` : '',
    k: 'p',
    ...(id % 5 === 0 ? {} : { h: text.slice(0, 40) }),
    m: id % 4 === 0 ? '' : undefined,
    t: text,
    x: text,
    ...(id % 2 ? { p: String(id) } : {}),
  }));
}

describe('the search index, made without MiniSearch', () => {
  it("is MiniSearch's toJSON() of the same entries, byte for byte", () => {
    const entries = seedEntries();
    expect(entries.length).toBeGreaterThan(100);
    const mini = new MiniSearch({ ...SEARCH_OPTIONS, processTerm });
    mini.addAll(entries);
    const expected = JSON.stringify(mini.toJSON());
    expect(JSON.stringify(serializedIndex(entries, { ...SEARCH_OPTIONS, processTerm }))).toBe(expected);
    // and MiniSearch reads it back: a search finds what it found in its own index
    const back = MiniSearch.loadJSON(expected, { ...SEARCH_OPTIONS, processTerm });
    expect(back.search('Kennan').length).toBe(mini.search('Kennan').length);
  });

  it('gives the same index with its terms as text, ready to splice in for the placeholder', () => {
    const entries = seedEntries();
    const options = { ...SEARCH_OPTIONS, processTerm };
    const whole = serializedIndex(entries, options);
    const { index, terms } = serializedIndexText(entries, options, 'TERMS');
    expect(terms).toBe(JSON.stringify(whole.index));
    expect(JSON.stringify(index).replace('"TERMS"', terms)).toBe(JSON.stringify(whole));
  });

  it('refuses what MiniSearch refuses: an entry without an id, an id twice', () => {
    const options = { ...SEARCH_OPTIONS, processTerm };
    expect(() => serializedIndex([{ t: 'x' }], options)).toThrow(/ID field/);
    expect(() => serializedIndex([{ id: 1 }, { id: 1 }], options)).toThrow(/duplicate ID 1/);
  });
});
