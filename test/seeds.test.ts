import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../src/normalize/unparse.ts';
import { isElement, localName, type TeiElement } from '../src/tei/node.ts';
import { readTei } from '../src/tei/read.ts';
import { validateTei } from '../src/tei/validate.ts';
import { recto, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

/** The bundled edition, built by the CLI into a fresh folder and read back from disk. */
let out: string;
const docs: Record<string, TeiElement> = {};

const bodyOf = (id: string): TeiElement => {
  const doc = docs[id];
  if (!doc) throw new Error(`no document ${id}`);
  return all(doc, 'text')[0] as TeiElement;
};
const pages = (id: string): string[] => all(bodyOf(id), 'pb').map((p) => p.attrs.n ?? '');
const footnotes = (id: string): TeiElement[] => all(bodyOf(id), 'note', (n) => n.attrs.place === 'foot');
const text = (e: TeiElement): string => inlineText(e.children).replace(/\s+/g, ' ').trim();

beforeAll(() => {
  out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei']);
  expect(r.status, r.stderr).toBe(0);
  return Promise.all(
    [
      '000_048167f9c0b3e719',
      '001_39edde1195e6049d',
      '002_c4af6ddfc8abae36',
      '003_60cacaa50c9c7620',
      '004_6169f971afa7be48',
    ].map(async (id) => {
      docs[id.slice(0, 3)] = await readTei(join(out, 'tei', `${id}.xml`));
    }),
  );
});

describe('the seed edition (the bundled sources)', () => {
  it('writes one TEI file per source and the teiCorpus master, all valid TEI P5', async () => {
    expect(readdirSync(join(out, 'tei')).sort()).toEqual([
      '000_048167f9c0b3e719.xml',
      '001_39edde1195e6049d.xml',
      '002_c4af6ddfc8abae36.xml',
      '003_60cacaa50c9c7620.xml',
      '004_6169f971afa7be48.xml',
      'edition.xml',
    ]);
    const corpus = await readTei(join(out, 'tei', 'edition.xml'));
    expect(localName(corpus.name)).toBe('teiCorpus');
    expect(all(corpus, 'TEI')).toHaveLength(6); // the introduction and five documents
    const result = await validateTei(
      [
        '000_048167f9c0b3e719',
        '001_39edde1195e6049d',
        '002_c4af6ddfc8abae36',
        '003_60cacaa50c9c7620',
        '004_6169f971afa7be48',
        'edition',
      ].map((f) => join(out, 'tei', `${f}.xml`)),
    );
    expect(result.messages).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('has the page breaks 225, 226, 227 (001), 193 (003), 722, 723 (004) and no others', () => {
    expect(pages('000')).toEqual([]);
    expect(pages('001')).toEqual(['225', '226', '227']);
    expect(pages('002')).toEqual([]);
    expect(pages('003')).toEqual(['193']);
    expect(pages('004')).toEqual(['722', '723']);
  });

  it('puts each page break at its exact point, without splitting the paragraph', () => {
    const p225 = all(bodyOf('001'), 'p').find((p) => all(p, 'pb').length > 0) as TeiElement;
    expect(text(p225)).toContain('only [Page 225] by a renewal of battle');
    const p193 = all(bodyOf('003'), 'p').find((p) => all(p, 'pb').length > 0) as TeiElement;
    expect(localName((p193.children.find(isElement) as TeiElement).name)).toBe('pb');
    expect(text(p193).startsWith('[Page 193]Because')).toBe(true); // glued, as the source prints it
  });

  it('anchors the notes 1 (001), 2 (003), 2 (004) with their full texts and printed numbers', () => {
    const notes = (id: string) => footnotes(id).map((n) => [n.attrs.n, text(n)]);
    expect(notes('001')).toEqual([
      ['47', 'Signed on May 2, 1935; for text, see League of Nations Treaty Series, vol. clxvii, p. 395.'],
    ]);
    expect(notes('003')).toEqual([
      [
        '1',
        'Annex 2 to Hull’s memorandum to Roosevelt dated September 6, 1944, which was sent to the White House under cover of a further memorandum of September 8. See ante, p. 120.',
      ],
      [
        '2',
        'For the records of the Moscow Conference of Foreign Ministers, see Foreign Relations, 1943, vol. i, pp. 558 ff. For the records of the Tehran Conference, see Foreign Relations, The Conferences at Cairo and Tehran, 1943, pp. 475 ff.',
      ],
    ]);
    expect(notes('004')).toEqual([
      ['59', 'Walter Lippmann, journalist, writer of a special column appearing in several newspapers.'],
      ['60', 'Henry A. Wallace, Secretary of Commerce.'],
    ]);
    expect(footnotes('000')).toHaveLength(0);
    expect(footnotes('002')).toHaveLength(0);
  });

  it('anchors each note where its number was glued to the text', () => {
    const textBefore = (id: string, k: number): string => {
      const note = footnotes(id)[k] as TeiElement;
      const p = all(bodyOf(id), 'p')
        .concat(all(bodyOf(id), 'head'))
        .find((e) => e.children.includes(note)) as TeiElement;
      return inlineText(p.children.slice(0, p.children.indexOf(note)));
    };
    expect(textBefore('001', 0)).toMatch(/Mutual Assistance with France\.$/);
    expect(textBefore('004', 0)).toMatch(/, Lippman’s$/);
    expect(textBefore('004', 1)).toMatch(/Henry Wallace’s$/);
    expect(textBefore('003', 0)).toBe('Department of State Briefing Paper');
    expect(textBefore('003', 1)).toMatch(/Moscow and Tehran Conferences$/);
  });

  it('001 has its three omission rows and the [Extracts] note', () => {
    expect(all(bodyOf('001'), 'gap', (g) => g.attrs.rend === 'dots')).toHaveLength(3);
    expect(all(bodyOf('001'), 'note', (n) => n.attrs.type === 'editorial').map(text)).toEqual(['Extracts']);
  });

  it('002 has its six apparent omissions, two conjectures and two corrections; 003 the third conjecture', () => {
    const gaps = all(bodyOf('002'), 'gap');
    expect(gaps.map((g) => g.attrs.reason)).toEqual(Array(6).fill('apparent-omission'));
    expect(gaps.map((g) => text(all(g, 'desc')[0] as TeiElement))).toEqual(
      Array(6).fill('apparent omission'),
    );
    const conjectures = (id: string) =>
      all(bodyOf(id), 'supplied', (s) => s.attrs.cert === 'low' && s.attrs.reason === 'conjecture').map((s) =>
        inlineText(s.children),
      );
    expect(conjectures('002')).toEqual(['by', 'ugliness']);
    expect(conjectures('003')).toEqual(['the policy']);
    const choices = all(bodyOf('002'), 'choice').map((c) => [
      text(all(c, 'sic')[0] as TeiElement),
      text(all(c, 'corr')[0] as TeiElement),
    ]);
    expect(choices).toEqual([
      ['of', 'on'],
      ['IPRACTICAL', 'PRACTICAL'],
      ['POLICYI', 'POLICY'],
      ['in', 'is'],
    ]);
    // the two source corrections are the source editors'; the OCR ones were asked for in the
    // manifest, so they are the edition's editor's, not the software's (issue #14)
    const resp = all(bodyOf('002'), 'corr').map((c) => c.attrs.resp?.replace(/^#d002_c4af6ddfc8abae36-/, ''));
    expect(resp).toEqual(['source-editors', 'editor', 'editor', 'source-editors']);
  });

  it('joins the paragraphs split by page extraction and records the break', () => {
    const merged = all(bodyOf('002'), 'p').filter(
      (p) => all(p, 'milestone', (m) => m.attrs.type === 'extraction-break').length > 0,
    );
    const joined = merged.map(text);
    expect(joined.some((t) => /must always be solemnly clothed/.test(t))).toBe(true);
    expect(joined.some((t) => /and on degree of vigor/.test(t))).toBe(true);
  });

  it('encodes header and closing blocks and keeps web-page boilerplate out of the text', () => {
    const d001 = bodyOf('001');
    expect(all(d001, 'head').map(text)).toEqual([
      'The Ambassador in the Soviet Union (Bullitt) to the Secretary of State',
    ]);
    expect(all(d001, 'note', (n) => n.attrs.type === 'source').map(text)).toEqual(['761.00/260']);
    expect(all(d001, 'idno').map(text)).toEqual(['No. 730']);
    expect(all(d001, 'salute').map(text)).toEqual(['Respectfully yours,']);
    expect(all(d001, 'signed').map(text)).toEqual(['William C. Bullitt']);
    expect(all(bodyOf('002'), 'signed').map(text)).toEqual(['KENNAN']);
    expect(all(bodyOf('002'), 'fw').map(text)).toEqual(['Documents on Diplomacy: The Source']);
    expect(all(bodyOf('000'), 'fw').map(text)).toEqual(['[Subject] [Author] [Date]']);
    expect(all(bodyOf('004'), 'postscript').map(text)).toEqual([
      'Sent Department 878; repeated London as 150.',
    ]);
    expect(all(bodyOf('004'), 'note', (n) => n.attrs.type === 'source').map(text)).toEqual([
      '761.00/3–2046: Telegram',
    ]);
    expect(all(bodyOf('003'), 'note', (n) => n.attrs.type === 'source').map(text)).toEqual([
      'Roosevelt Papers',
    ]);
    const cite = all(bodyOf('002'), 'note', (n) => n.attrs.subtype === 'citation')[0] as TeiElement;
    expect(all(cite, 'ref')[0]?.attrs.target).toMatch(/^http:\/\/digicoll\.library\.wisc\.edu\//);
    expect(
      all(bodyOf('002'), 'div', (d) => d.attrs.type === 'section').map((d) =>
        text(all(d, 'head')[0] as TeiElement).slice(0, 7),
      ),
    ).toEqual(['PART 1:', 'PART 2:', 'PART 3:', 'PART 4:', 'PART 5:']);
  });

  it('records sender, recipient, place and date in the header (text first, manifest overrides)', () => {
    const corresp = (id: string) => {
      const doc = docs[id] as TeiElement;
      const actions = all(doc, 'correspAction');
      return actions.map((a) => [
        a.attrs.type,
        ...a.children.filter(isElement).map((c) => `${localName(c.name)}:${inlineText(c.children)}`),
      ]);
    };
    expect(corresp('001')).toEqual([
      ['sent', 'persName:The Ambassador in the Soviet Union (Bullitt)', 'placeName:Moscow', 'date:1935'],
      ['received', 'persName:the Secretary of State'], // a role alone: persName/roleName (issue #14)
    ]);
    expect(corresp('004')[0]).toEqual([
      'sent',
      'persName:The Chargé in the Soviet Union (Kennan)',
      'placeName:Moscow',
      'date:March 20, 1946',
    ]);
    const sourceDesc = all(docs['002'] as TeiElement, 'sourceDesc')[0] as TeiElement;
    expect(inlineText(sourceDesc.children)).toContain('United States Department of State');
  });

  it('reports the OCR suspects the manifest does not correct, with their position', () => {
    const r = recto(['normalize', 'sources/002_c4af6ddfc8abae36.txt']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('sources/002_c4af6ddfc8abae36.txt:135:9: warning [ocr-suspect] "IPRACTICAL"');
    expect(r.stderr).toContain(':135:53: warning [ocr-suspect] "POLICYI"');
    const seed = readFileSync('sources/000_048167f9c0b3e719.txt', 'utf8');
    expect(seed).toContain('manceuvring'); // the source is never changed; the TEI says sic/corr
  });
});
