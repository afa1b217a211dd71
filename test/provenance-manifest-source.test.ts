import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTei } from '../src/tei/validate.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';

/** edition.json states the source volume (`sourceEdition`) and overrides per document (`source` as an object). */
describe('the source record from edition.json (issue #14)', () => {
  it('writes the manifest’s volume, editors, imprint, document number, pages and URL into the biblStruct', async () => {
    const dir = join(tempDir('recto-source-'), 'sources');
    mkdirSync(dir);
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt')))
      copyFileSync(join(SEEDS, f), join(dir, f));
    writeFileSync(
      join(dir, 'edition.json'),
      JSON.stringify({
        id: 'kennan',
        title: 'Kennan',
        editor: 'A. Editor',
        publisher: 'P',
        licence: 'Public domain.',
        language: 'en',
        sourceEdition: {
          title: 'Foreign Relations of the United States, 1946, Volume VI, Eastern Europe; The Soviet Union',
          volume: 'VI',
          editors: ['Rogers P. Churchill', 'William Slany'],
          publisher: 'United States Government Printing Office',
          pubPlace: 'Washington',
          year: '1969',
        },
        documents: [
          {
            file: '004_6169f971afa7be48.txt',
            source: { document: '10', pages: '721–723', url: 'https://history.state.gov/x/d10' },
          },
          {
            file: '001_39edde1195e6049d.txt',
            source: { title: 'The Soviet Union, 1933–1939', year: '1952' },
          },
        ],
      }),
    );
    const out = tempDir('recto-source-out-');
    const r = recto(['build', '--sources', dir, '--out', out, '--formats', 'tei', '--no-cache', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const file = join(out, 'tei', '004_6169f971afa7be48.xml');
    const xml = readFileSync(file, 'utf8');
    const bibl = xml.slice(xml.indexOf('<biblStruct'), xml.indexOf('</biblStruct>') + 13);
    expect(bibl).toBe(
      [
        '<biblStruct xml:id="d004_6169f971afa7be48-source">',
        '<analytic>',
        '<title level="a">The Chargé in the Soviet Union (Kennan) to the Secretary of State</title>',
        '<author>The Chargé in the Soviet Union (Kennan)</author>',
        '<idno type="file">761.00/3–2046</idno>',
        '</analytic>',
        '<monogr>',
        '<title level="m">Foreign Relations of the United States, 1946, Volume VI, Eastern Europe; The Soviet Union</title>',
        '<editor>Rogers P. Churchill</editor>',
        '<editor>William Slany</editor>',
        '<imprint><publisher>United States Government Printing Office</publisher><pubPlace>Washington</pubPlace><date when="1969">1969</date></imprint>',
        '<biblScope unit="volume">VI</biblScope>',
        '<biblScope unit="document" n="10">10</biblScope>',
        '<biblScope unit="page" from="721" to="723">721–723</biblScope>',
        '</monogr>',
        '<ref target="https://history.state.gov/x/d10">https://history.state.gov/x/d10</ref>',
        '</biblStruct>',
      ].join('\n'),
    );
    // (004's text has no dateline and this manifest gives no date: the analytic has none.)
    // The document's own entry overrides the volume field by field; pages still come from the text.
    const other = readFileSync(join(out, 'tei', '001_39edde1195e6049d.xml'), 'utf8');
    expect(other).toContain('<title level="m">The Soviet Union, 1933–1939</title>');
    expect(other).toContain('<date when="1952">1952</date>');
    expect(other).toContain('<biblScope unit="page" from="224" to="227">224–227</biblScope>');
    const edition = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8');
    expect(edition).toContain('<biblStruct xml:id="kennan-source-edition">');
    const v = await validateTei([file, join(out, 'tei', 'edition.xml')]);
    expect(v.messages).toEqual([]);
  }, 60_000);

  it('refuses a source object with an unknown field, with its JSON path', () => {
    const dir = join(tempDir('recto-source-bad-'), 'sources');
    mkdirSync(dir);
    copyFileSync(join(SEEDS, '001_39edde1195e6049d.txt'), join(dir, '001.txt'));
    writeFileSync(
      join(dir, 'edition.json'),
      JSON.stringify({
        id: 'x',
        title: 'X',
        editor: 'E',
        publisher: 'P',
        licence: 'L',
        language: 'en',
        documents: [{ file: '001.txt', source: { pagez: '1' } }],
      }),
    );
    const r = recto(['build', '--sources', dir, '--out', tempDir(), '--formats', 'tei']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /edition\.json:\d+:\d+: error \[manifest-unknown-field\] documents\[0\]\.source\.pagez: unknown field/,
    );
  });
});
