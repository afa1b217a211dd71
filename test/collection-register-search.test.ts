import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { crossRegister, nameKey, type VolumePersons } from '../src/collection/register.ts';
import { collectionSearchFiles, readVolumeSearch } from '../src/collection/search-shards.ts';
import type { RegisterEntry } from '../src/register/types.ts';
import { type SearchDocument, searchIndexScript } from '../src/render/html/search-index.ts';

const person = (id: string, name: string, more: Partial<RegisterEntry> = {}): RegisterEntry => ({
  id,
  type: 'person',
  name,
  variants: [],
  authorities: {},
  ...more,
});
const volume = (id: string, persons: RegisterEntry[]): VolumePersons => ({
  id,
  title: `Volume ${id}`,
  site: `${id}/html/`,
  persons: persons.map((entry) => ({ entry, documents: 2 })),
});

describe('the collection register of persons', () => {
  it('merges one key where the registers agree, and lists it apart where they name different persons', () => {
    const people = crossRegister([
      volume('v1', [person('p_BDKE1', 'Bruce, David K. E.'), person('p_HD1', 'Hammarskjöld, Dag')]),
      volume('v2', [person('p_BDKE1', 'Bruce, David K.E.'), person('p_HD1', 'Halperin, David')]),
      volume('v3', [
        person('p_WEG1', 'Wheeler, General Earle G.'),
        person('p_X1', 'Smith, A.', { from: '1900' }),
      ]),
      volume('v4', [person('p_WEG1', 'Wheeler, Earle G.'), person('p_X1', 'Smith, A.', { from: '1920' })]),
    ]);
    const bruce = people.filter((p) => p.key === 'p_BDKE1');
    expect(bruce).toHaveLength(1);
    expect(bruce[0]?.entries.map((e) => e.volume.id)).toEqual(['v1', 'v2']);
    expect(bruce[0]?.apart).toEqual([]);
    const hd = people.filter((p) => p.key === 'p_HD1');
    expect(hd.map((p) => [p.name, p.apart])).toEqual([
      ['Halperin, David', ['Hammarskjöld, Dag']],
      ['Hammarskjöld, Dag', ['Halperin, David']],
    ]);
    // a name that differs (a rank added) is not merged either, nor two life dates that differ
    expect(people.filter((p) => p.key === 'p_WEG1')).toHaveLength(2);
    expect(people.filter((p) => p.key === 'p_X1')).toHaveLength(2);
    expect(nameKey('Hammarskjöld,  Dag')).toBe(nameKey('hammarskjold, dag'));
  });
});

const doc = (id: string, title: string, text: string): SearchDocument => ({
  id,
  url: `docs/${id}.html`,
  title,
  headings: [],
  paragraphs: [{ anchor: `${id}-p1`, text }],
  notes: [],
});

describe('the collection search index', () => {
  const a = [
    doc('d1', 'Berlin talks', 'The Soviet note on Berlin.'),
    doc('d2', 'Laos', 'Nothing of the city.'),
  ];
  const b = [doc('d1', 'Berlin again', 'Berlin, Berlin and the Wall.'), doc('d2', 'Iran', 'The Shah.')];
  const volumes = [a, b].map((docs, k) => ({
    id: `v${k}`,
    title: `Volume ${k}`,
    site: `v${k}/html/`,
    search: readVolumeSearch(searchIndexScript(docs)),
  }));
  const files = collectionSearchFiles(volumes);
  const shard = (name: string): unknown => {
    const text = files.get(name) as string;
    return JSON.parse(text.slice(text.indexOf(',') + 1, text.lastIndexOf(')')));
  };

  it('scores a word as MiniSearch would over the whole collection (BM25 with its statistics)', () => {
    // the same entries in one MiniSearch index: its scores are the shipped ones
    // (with the collection's average field lengths: the volumes' averages weighted by their entries,
    // where MiniSearch keeps a running figure that depends on the order entries were added in)
    const one = readVolumeSearch(searchIndexScript([...a, ...b]));
    const n = volumes.reduce((s, v) => s + v.search.index.documentCount, 0);
    one.index.averageFieldLength = one.index.averageFieldLength.map(
      (_, f) =>
        volumes.reduce(
          (s, v) => s + (v.search.index.averageFieldLength[f] ?? 0) * v.search.index.documentCount,
          0,
        ) / n,
    );
    const mini = MiniSearch.loadJS(one.index, {
      ...(one as unknown as { options: { fields: string[] } }).options,
      processTerm: (t: string) => t.toLowerCase(),
    });
    const expected = mini
      .search('berlin', { prefix: false, fuzzy: false, boost: { h: 3, m: 2, t: 1 } })
      .map((r) => [r.id as number, Math.round(r.score * 100)]);
    const meta = shard('meta.js') as { chunks: string[] };
    const chunk = shard(`i/${meta.chunks.filter((c) => c <= 'berlin').length - 1}.js`) as Record<
      string,
      [number, number[]]
    >;
    const [count, flat] = chunk.berlin as [number, number[]];
    const shipped: number[][] = [];
    for (let k = 0, entry = 0; k < flat.length; k += 4) {
      entry += flat[k] as number;
      shipped.push([entry, flat[k + 2] as number]);
    }
    expect(count).toBe(expected.length);
    expect(shipped.sort((x, y) => (x[0] as number) - (y[0] as number))).toEqual(
      expected.sort((x, y) => (x[0] as number) - (y[0] as number)),
    );
  });

  it('names each document with its volume, its page under the volume folder', () => {
    const docs = shard('d/0.js') as { v: number; u: string; i: string }[];
    expect(docs.filter((d) => d.i === 'd1').map((d) => [d.v, d.u])).toEqual([
      [0, 'v0/html/docs/d1.html'],
      [1, 'v1/html/docs/d1.html'],
    ]);
  });
});
