import { describe, expect, it } from 'vitest';
import { settlePointers } from '../src/reader/pointers.ts';
import { el } from '../src/tei/node.ts';
import { serializeTei } from '../src/tei/write.ts';

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
