import { describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { knownElements, meaningOf } from '../src/model/elements.ts';
import { parseTei } from '../src/tei/read.ts';

/**
 * The model's one element table (src/model/elements.ts): the block reader and the inline reader
 * know the same elements, so none is known in one place and unknown in the other.
 */
const tei = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document" xml:id="d1"><head>H</head>${body}</div></body></text></TEI>`;

const unknownIn = (body: string): string[] =>
  editionModel(parseTei(tei(body), 'test.xml')).unknown.map((u) => u.name);

describe('the element table', () => {
  it('gives every element that stands in running text a reading there, and every block element one at block level', () => {
    for (const name of knownElements()) {
      const meaning = meaningOf(name);
      // (a note's, a gap's and a break's own rules want attributes; the others read as they are)
      if (meaning?.inline && name !== 'teiHeader')
        expect(unknownIn(`<p>a <${name}>x</${name}> b</p>`), `${name} in a paragraph`).toEqual([]);
      if (meaning?.block && !['text', 'teiHeader'].includes(name))
        expect(unknownIn(`<${name}>x</${name}>`), `${name} between blocks`).toEqual([]);
    }
  });

  it('reads an element it does not list as unknown, at block level and in running text', () => {
    expect(meaningOf('mystery')).toBeUndefined();
    expect(meaningOf('toString')).toBeUndefined(); // (not the table's prototype)
    expect(unknownIn('<mystery>x</mystery><p>a <enigma>y</enigma></p>')).toEqual(['mystery', 'enigma']);
  });

  it('splits a paragraph around verse as around a list (lg is a block in both readers)', () => {
    const m = editionModel(parseTei(tei('<p>Before <lg><l>one</l><l>two</l></lg> after.</p>'), 'test.xml'));
    const kinds = m.documents[0]?.blocks.map((b) => b.kind);
    expect(kinds).toEqual(['heading', 'paragraph', 'line', 'line', 'paragraph']);
  });

  it('reads a word broken over a line (`lb break="no"`) whole, with its own hyphen only; any other line break stays one', () => {
    const m = editionModel(
      parseTei(
        tei('<p>he ad<lb break="no" rend="hyphen"/>vises the well-<lb break="no"/>known rule;<lb/>then</p>'),
        'test.xml',
      ),
    );
    const para = m.documents[0]?.blocks.find((b) => b.kind === 'paragraph');
    const kids = para?.kind === 'paragraph' ? para.children : [];
    expect(kids.filter((c) => c.kind === 'lineBreak')).toHaveLength(1);
    expect(kids.map((c) => (c.kind === 'text' ? c.text : '|')).join('')).toBe(
      'he advises the well-known rule;|then',
    );
  });

  it('reads a verse line\'s printed number (`label type="line-number"`) apart from its words; a line without one has none', () => {
    const m = editionModel(
      parseTei(
        tei(
          '<lg><l>Of woes unnumber\'d, sing!</l><l n="5">Whose limbs unburied on the shore,     <label type="line-number">5</label></l></lg>',
        ),
        'test.xml',
      ),
    );
    const lines = m.documents[0]?.blocks.filter((b) => b.kind === 'line') ?? [];
    expect(
      lines.map((b) =>
        b.kind === 'line'
          ? [b.number, b.children.map((c) => (c.kind === 'text' ? c.text : '')).join('')]
          : [],
      ),
    ).toEqual([
      [undefined, "Of woes unnumber'd, sing!"],
      ['5', 'Whose limbs unburied on the shore,'],
    ]);
  });
});
