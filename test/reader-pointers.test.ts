import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdition } from '../src/model/documents.ts';
import { settlePointers } from '../src/reader/pointers.ts';
import { sourceDocument, type TeiSources } from '../src/reader/sources.ts';
import { el } from '../src/tei/node.ts';
import { readTei } from '../src/tei/read.ts';
import { serializeTei } from '../src/tei/write.ts';
import { corpora } from './support/corpus-truth.ts';

/** Issue #20's excerpts: every pointer of an excerpt lands in the reader (src/reader/pointers.ts). */
describe('an excerpt’s pointers outside itself', () => {
  const div = el('div', { type: 'document', 'xml:id': 'd5' }, [
    el('p', {}, [
      el('ref', { target: '#d5n1' }, ['note 1']),
      ' and ',
      el('ref', { target: '#d7' }, ['Document 7']),
      ' and ',
      el('ref', { target: '#d9 #d5n1' }, ['Documents 9 and 5']),
      ', ',
      el('gloss', { target: '#t_FYI1' }, ['FYI']),
      ', ',
      el('persName', { corresp: '#p_X1' }, ['Dulles']),
      el('note', { 'xml:id': 'd5n1' }, ['A note.']),
    ]),
  ]);
  const term = el('item', {}, [el('term', { 'xml:id': 't_FYI1' }, ['FYI']), ', for your information']);
  const where = { file: 'reader.json', position: { line: 7, column: 9 }, item: 'units[0].items[1]' };

  it('keeps its own ids and the known ones, carries terms, and links what it lacks to its address', () => {
    const r = settlePointers(
      div,
      new Set(['p_X1']),
      (id) =>
        id === 't_FYI1'
          ? { term }
          : id === 'd7' || id === 'd9'
            ? { url: `https://example.org/v/${id}` }
            : undefined,
      where,
    );
    const xml = serializeTei(r.div);
    expect(xml).toContain('<ref target="#d5n1">note 1</ref>');
    expect(xml).toContain('<ref target="https://example.org/v/d7">Document 7</ref>');
    expect(xml).toContain('<ref target="https://example.org/v/d9 #d5n1">');
    expect(xml).toContain('<gloss target="#t_FYI1">FYI</gloss>');
    expect(xml).toContain('<persName corresp="#p_X1">Dulles</persName>');
    expect(r.terms).toEqual([term]);
    expect(r.diagnostics).toEqual([]);
  });

  it('drops a link to a part with no address, keeps its words, and says so at the item', () => {
    const r = settlePointers(div, new Set(['p_X1']), (id) => (id === 't_FYI1' ? { term } : {}), where);
    const xml = serializeTei(r.div);
    expect(xml).toContain('<ref>Document 7</ref>');
    expect(xml).toContain('<ref target="#d5n1">Documents 9 and 5</ref>');
    expect(
      r.diagnostics.map((d) => `${d.file}:${d.position.line}:${d.position.column} ${d.ruleId} ${d.message}`),
    ).toEqual([
      expect.stringMatching(
        /^reader\.json:7:9 reader-pointer units\[0\]\.items\[1\]: a link points at #d7, /,
      ),
      expect.stringMatching(
        /^reader\.json:7:9 reader-pointer units\[0\]\.items\[1\]: a link points at #d9, /,
      ),
    ]);
  });
});

/**
 * The same on every shared volume, every document whole: a term goes with it, a reference to any
 * other part of the volume becomes its history.state.gov address, and nothing is left pointing
 * at an id the reader would not hold.
 */
describe('every document of every shared volume, taken as an excerpt', () => {
  for (const corpus of corpora()) {
    it(`${corpus.name}: every pointer lands`, async () => {
      const volume = join(corpus.dir, 'volume.xml');
      const sources: TeiSources = new Map();
      const ids = readEdition(await readTei(volume))
        .documents.map((d) => d.id)
        .filter((id) => /^d\d+$/.test(id));
      expect(ids.length).toBeGreaterThan(100);
      let terms = 0;
      let addresses = 0;
      const dangling: string[] = [];
      for (const id of ids) {
        const source = await sourceDocument(volume, id, { at: 'r.json:1:1', item: id }, sources);
        const known = new Set(source.register.map((e) => e.id));
        const where = { file: 'r.json', position: { line: 1, column: 1 }, item: id };
        const settled = settlePointers(source.document.div, known, source.addressOf, where);
        const xml = serializeTei(el('div', {}, [settled.div, ...settled.terms]));
        const own = new Set([...xml.matchAll(/xml:id="([^"]+)"/g)].map((m) => m[1]));
        for (const m of xml.matchAll(/\b(?:target|corresp|ref)="([^"]+)"/g))
          for (const v of (m[1] ?? '').split(/\s+/)) {
            if (v.startsWith(`https://history.state.gov/historicaldocuments/${corpus.name}/`)) addresses++;
            else if (v.startsWith('#') && !own.has(v.slice(1)) && !known.has(v.slice(1)))
              dangling.push(`${id} ${v}`);
          }
        terms += settled.terms.length;
        expect(settled.diagnostics, id).toEqual([]);
      }
      console.log(
        `${corpus.name}: ${ids.length} documents, ${terms} terms carried, ${addresses} references to history.state.gov`,
      );
      expect(dangling).toEqual([]);
      expect(terms).toBeGreaterThan(100);
      expect(addresses).toBeGreaterThan(50);
    }, 120_000);
  }
});
