import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegister } from '../src/register/load.ts';
import { personNames } from '../src/register/names.ts';
import { registerStandOff } from '../src/register/standoff.ts';
import { el } from '../src/tei/node.ts';
import { validateTei } from '../src/tei/validate.ts';
import { serializeTei } from '../src/tei/write.ts';
import { CORPUS } from './support/corpus-truth.ts';
import { tempDir } from './support/run.ts';

/** Issue #19: a register from JSON, CSV or TEI (listPerson/listPlace/listOrg, a FRUS list of persons). */
const JSON_REGISTER = JSON.stringify({
  persons: [
    {
      id: 'kennan',
      name: 'Kennan, George F.',
      variants: ['George Frost Kennan'],
      description: 'Chargé in the Soviet Union',
      from: '1904-02-16',
      to: '2005-03-17',
      wikidata: 'Q295120',
      authorities: { viaf: '12345' },
    },
  ],
  places: [{ id: 'moscow', name: 'Moscow', wikidata: 'Q649' }],
  orgs: [{ id: 'state', name: 'Department of State' }],
});

const CSV_REGISTER = [
  'type,id,name,variants,description,from,to,wikidata',
  'person,bullitt,"Bullitt, William C.",Bill Bullitt|W. C. Bullitt,"Ambassador, Moscow",1891,1967,',
  'place,moscow,Moscow,,,,,Q649',
].join('\n');

const TEI_REGISTER = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><standOff>
<listPerson><person xml:id="stalin"><persName>Stalin, Joseph</persName><persName type="variant">J. V. Stalin</persName>
<birth when="1878-12-18"/><death when="1953-03-05"/><note>General Secretary</note>
<idno type="URI">http://www.wikidata.org/entity/Q855</idno></person></listPerson>
<listOrg><org xml:id="nkid"><orgName>People's Commissariat for Foreign Affairs</orgName></org></listOrg>
</standOff></TEI>`;

describe('register import', () => {
  it('reads JSON: persons, places, organisations, authority ids', () => {
    const r = parseRegister(JSON_REGISTER, 'register.json');
    expect(r.entries.map((e) => [e.type, e.id])).toEqual([
      ['person', 'kennan'],
      ['place', 'moscow'],
      ['org', 'state'],
    ]);
    expect(r.entries[0]).toMatchObject({
      variants: ['George Frost Kennan'],
      from: '1904-02-16',
      authorities: { wikidata: 'Q295120', viaf: '12345' },
    });
  });

  it('reads CSV with quoted fields and `|`-separated variants', () => {
    const r = parseRegister(CSV_REGISTER, 'register.csv');
    expect(r.entries[0]).toMatchObject({
      id: 'bullitt',
      name: 'Bullitt, William C.',
      variants: ['Bill Bullitt', 'W. C. Bullitt'],
      description: 'Ambassador, Moscow',
      from: '1891',
    });
    expect(r.entries[1]).toMatchObject({ type: 'place', authorities: { wikidata: 'Q649' } });
  });

  it('reads TEI listPerson and listOrg, the authority id from its URI', () => {
    const r = parseRegister(TEI_REGISTER, 'register.xml');
    expect(r.entries[0]).toMatchObject({
      id: 'stalin',
      variants: ['J. V. Stalin'],
      description: 'General Secretary',
      from: '1878-12-18',
      to: '1953-03-05',
      authorities: { wikidata: 'Q855' },
    });
    expect(r.entries[1]).toMatchObject({ id: 'nkid', type: 'org' });
  });

  it('reads a FRUS volume’s list of persons (list type="names")', () => {
    const r = parseRegister(readFileSync(join(CORPUS, 'volume.xml'), 'utf8'), 'volume.xml');
    expect(r.entries).toHaveLength(194);
    expect(r.entries.find((e) => e.id === 'p_DJF1')).toMatchObject({
      name: 'Dulles, John Foster',
      description: expect.stringMatching(/^Secretary of State/),
    });
  });

  it('refuses bad input with the file and a rule id', () => {
    expect(() => parseRegister('{"persons":[{"id":"1x","name":"A"}]}', 'r.json')).toThrow(
      /r\.json.*register-invalid/,
    );
    expect(() => parseRegister('{"persons":[{"id":"a","name":"A","nick":"x"}]}', 'r.json')).toThrow(
      /register-unknown-field/,
    );
    expect(() => parseRegister('id,name\na,A\na,B', 'r.csv')).toThrow(/r\.csv:3:1: .*"a" is used twice/);
  });

  it('reports every problem of a JSON register at once, each at its own line and column', () => {
    const text = [
      '{',
      '  "persons": [',
      '    { "id": "kennan", "name": "Kennan, George F." },',
      '    { "id": "bullitt", "name": "Bullitt, William C.", "wikidata": "295120" },',
      '    { "id": "stalin", "nmae": "Stalin, Joseph" }',
      '  ]',
      '}',
    ].join('\n');
    let message = '';
    try {
      parseRegister(text, 'register.json');
    } catch (error) {
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(/^register\.json:4:\d+: error \[register-invalid\] persons\[1\]\.wikidata: /),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^register\.json:5:\d+: error \[register-unknown-field\] persons\[2\]\.nmae: unknown field; did you mean "name"\?$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^register\.json:5:\d+: error \[register-missing-field\] persons\[2\]\.name: required field is missing$/,
      ),
    );
    // a syntax error at its place, not at 1:1
    expect(() => parseRegister('{\n  "persons": [\n    { "id": "a", }\n  ]\n}', 'r.json')).toThrow(
      /^r\.json:3:\d+: error \[register-json\]/,
    );
    // an id used twice: where it is used the second time
    expect(() =>
      parseRegister('{"persons": [\n{"id": "a", "name": "A"},\n{"id": "a", "name": "B"}]}', 'r.json'),
    ).toThrow(/^r\.json:3:9: error \[register-invalid\] the id "a" is used twice/);
  });

  it('reads name forms: particles, titles, suffixes, family name first with its variant', () => {
    const [brentano, burke, kim] = parseRegister(
      JSON.stringify({
        persons: [
          { id: 'b', name: 'Brentano, Heinrich von' },
          { id: 'k', name: 'Burke, Admiral Arleigh A., Jr.' },
          { id: 'kdj', name: 'Kim Dae Jung (Kim Tae-jung)' },
        ],
      }),
      'r.json',
    ).entries.map(personNames);
    expect(brentano?.surnames).toEqual([['brentano'], ['von', 'brentano']]);
    expect(burke).toMatchObject({ surnames: [['burke']], given: ['arleigh', 'a'], titles: ['admiral'] });
    expect(kim).toMatchObject({ familyFirst: true, surnames: [['kim']] });
    expect(new Set(kim?.givenKeys).size).toBe(1); // Dae Jung and Tae-jung are one name
  });

  it('writes a standOff that is valid TEI P5, authority ids as idno', async () => {
    const entries = [
      ...parseRegister(JSON_REGISTER, 'register.json').entries,
      ...parseRegister(TEI_REGISTER, 'r.xml').entries,
    ];
    const standOff = registerStandOff(entries);
    expect(standOff).toBeDefined();
    const tei = el('TEI', {}, [
      el('teiHeader', {}, [
        el('fileDesc', {}, [
          el('titleStmt', {}, [el('title', {}, ['t'])]),
          el('publicationStmt', {}, [el('p', {}, ['p'])]),
          el('sourceDesc', {}, [el('p', {}, ['s'])]),
        ]),
      ]),
      ...(standOff ? [standOff] : []),
      el('text', {}, [el('body', {}, [el('p', {}, ['x'])])]),
    ]);
    const xml = serializeTei(tei);
    expect(xml).toContain('<idno type="wikidata">Q295120</idno>');
    const path = join(tempDir(), 'standoff.xml');
    writeFileSync(path, xml);
    const result = await validateTei([path]);
    expect(result.messages).toEqual([]);
    expect(result.ok).toBe(true);
  });
});
