import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../src/edition/load.ts';
import { checkFormats } from '../src/pipeline/outputs.ts';
import { loadPdfStyle } from '../src/render/pdf/style.ts';
import { nearest } from '../src/text/nearest.ts';
import { SEEDS, tempDir } from './support/run.ts';

const BULLITT = '001_39edde1195e6049d.txt';
const KENNAN = '004_6169f971afa7be48.txt';

/** An edition folder of two seeds and the manifest given (as text: positions are checked). */
function edition(manifest: string | object, extra: Record<string, string> = {}): string {
  const dir = tempDir('recto-edition-diag-');
  for (const f of [BULLITT, KENNAN]) copyFileSync(join(SEEDS, f), join(dir, f));
  writeFileSync(
    join(dir, 'edition.json'),
    typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2),
  );
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const PUBLICATION = {
  id: 'diag',
  title: 'Diagnostics',
  editor: 'E',
  publisher: 'P',
  licence: 'CC0 1.0',
  language: 'en',
};

/** `line:column` of a needle in a text. */
const where = (text: string, needle: string): string => {
  const before = text.slice(0, text.indexOf(needle));
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
};

const failure = async (dir: string): Promise<string> => {
  try {
    await loadEdition(dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the edition loaded');
};

describe('the edition manifest says what is wrong, all at once (issue #26)', () => {
  it('warns of a .txt in the sources folder that the manifest does not list, naming it', async () => {
    const text = JSON.stringify({ ...PUBLICATION, documents: [{ file: BULLITT }] }, null, 2);
    const dir = edition(text);
    const loaded = await loadEdition(dir);
    expect(loaded.documents).toHaveLength(1);
    expect(loaded.diagnostics).toEqual([
      {
        file: join(dir, 'edition.json'),
        position: { line: Number(where(text, '"documents"').split(':')[0]), column: 3 },
        severity: 'warning',
        ruleId: 'manifest-unlisted-source',
        message: `${KENNAN} is in the sources folder but not in documents: it is not built (add { "file": "${KENNAN}" } to documents where it belongs in the reading order)`,
      },
    ]);
    // every text listed: nothing to say
    const all = edition({ ...PUBLICATION, documents: [{ file: BULLITT }, { file: KENNAN }] });
    expect((await loadEdition(all)).diagnostics).toEqual([]);
  });

  it('reports every fault in one run: misspelt fields with the nearest name, each missing file, at file:line:column', async () => {
    const text = JSON.stringify(
      {
        ...PUBLICATION,
        titel: 'x',
        register: 'persons.json',
        style: { trim: 'A5', typSize: 11 },
        documents: [
          { file: BULLITT, auther: 'Bullitt' },
          { file: '004_6169f971afa7be4.txt' },
          { file: 'none.txt' },
        ],
      },
      null,
      2,
    );
    const dir = edition(text);
    const lines = (await failure(dir)).split('\n');
    const file = join(dir, 'edition.json');
    expect(lines).toEqual(
      expect.arrayContaining([
        `${file}:${where(text, '"titel"')}: error [manifest-unknown-field] titel: unknown field; did you mean "title"?`,
        `${file}:${where(text, '"typSize"')}: error [manifest-unknown-field] style.typSize: unknown field; did you mean "typeSize"?`,
        `${file}:${where(text, '"auther"')}: error [manifest-unknown-field] documents[0].auther: unknown field; did you mean "author"?`,
        `${file}:${where(text, '"file": "004_')}: error [manifest-missing-file] ${join(dir, '004_6169f971afa7be4.txt')} does not exist; did you mean "${KENNAN}"?`,
        `${file}:${where(text, '"file": "none.txt"')}: error [manifest-missing-file] ${join(dir, 'none.txt')} does not exist`,
        `${file}:${where(text, '"register"')}: error [manifest-missing-file] ${join(dir, 'persons.json')} does not exist`,
      ]),
    );
    expect(lines).toHaveLength(6);
  });

  it('says a file was given where the sources folder is expected', async () => {
    const dir = edition({ ...PUBLICATION, documents: [{ file: BULLITT }] });
    await expect(loadEdition(join(dir, BULLITT))).rejects.toThrow(
      `${join(dir, BULLITT)}: a file, where a sources folder is expected: give the folder that holds edition.json and the .txt sources (the folder that holds it: --sources ${dir})`,
    );
    await expect(loadEdition(join(dir, 'edition.json'))).rejects.toThrow(/a file, where a sources folder/);
    await expect(loadEdition(join(dir, 'nowhere'))).rejects.toThrow(
      `${join(dir, 'nowhere')}: no such sources folder`,
    );
  });

  it('gives a misspelt format and a near name the nearest valid one, and nothing far-fetched', () => {
    expect(() => checkFormats(['tei', 'htm'])).toThrow(
      'unknown format htm; available: tei, html, epub, pdf; did you mean "html"?',
    );
    expect(nearest('titel', ['title', 'subtitle'])).toBe('title');
    expect(nearest('documentz', ['documents', 'introduction'])).toBe('documents');
    expect(nearest('colour', ['title', 'register'])).toBeUndefined();
  });
});

describe('a publisher’s own look: edition.json `style` and a templates/ folder (issue #26)', () => {
  const documents = [{ file: BULLITT }, { file: KENNAN }];

  it('takes the trim size, type size, document start and fonts from `style`, over templates/pdf/style.json over the built-in', async () => {
    const plain = loadPdfStyle();
    expect([plain.trim, plain.width, plain.height]).toEqual(['6x9', 432, 648]);
    const dir = edition(
      {
        ...PUBLICATION,
        style: { trim: 'A5', typeSize: 12, documentStart: 'page', fonts: { italic: 'fonts/Italic.woff' } },
        documents,
      },
      {
        'templates/pdf/style.json': JSON.stringify({
          margins: { top: 40, bottom: 62, inner: 58, outer: 50 },
        }),
        'fonts/Italic.woff': 'not read here',
      },
    );
    const { look } = await loadEdition(dir).catch(() => ({ look: undefined }));
    expect(look?.templates).toBe(join(dir, 'templates'));
    const style = loadPdfStyle(look);
    expect([style.trim, style.width, style.height]).toEqual(['A5', 419.53, 595.28]);
    expect(style.body.size).toBe(12);
    expect(style.body.leading).toBeCloseTo((plain.body.leading * 12) / plain.body.size, 1);
    expect(style.note.size).toBeGreaterThan(plain.note.size);
    expect(style.documents.start).toBe('page');
    expect(style.margins.top).toBe(40); // the edition's own style.json, field by field
    expect(style.margins.outer).toBe(plain.margins.outer);
    expect([style.fonts.italic, style.fonts.italicExt]).toEqual([
      join(dir, 'fonts/Italic.woff'),
      join(dir, 'fonts/Italic.woff'),
    ]);
    expect(style.fonts.regular).toBe(plain.fonts.regular);
  });

  it('refuses a trim size the style lacks, a bad style file and a missing font at file:line:column, and warns of a template file no built-in one is named', async () => {
    const text = JSON.stringify(
      { ...PUBLICATION, style: { trim: 'A4', fonts: { bold: 'fonts/Bold.woff' } }, documents },
      null,
      2,
    );
    const dir = edition(text);
    const file = join(dir, 'edition.json');
    expect((await failure(dir)).split('\n')).toEqual([
      `${file}:${where(text, '"bold"')}: error [manifest-missing-file] ${join(dir, 'fonts/Bold.woff')} does not exist`,
    ]);
    const trim = JSON.stringify({ ...PUBLICATION, style: { trim: 'A4' }, documents }, null, 2);
    expect(await failure(edition(trim))).toMatch(
      new RegExp(
        `:${where(trim, '"trim"')}: error \\[manifest-style\\] style\\.trim: no trim size "A4" \\(have 6x9, A5, Letter\\); did you mean "A5"\\?$`,
      ),
    );
    const own = '{\n  "trim": "A5",\n  "body": { "size": "big" },\n  "margin": {}\n}\n';
    const bad = edition({ ...PUBLICATION, documents }, { 'templates/pdf/style.json': own });
    const styleFile = join(bad, 'templates/pdf/style.json');
    expect((await failure(bad)).split('\n')).toEqual([
      `${styleFile}:${where(own, '"size"')}: error [style-invalid] body.size: Invalid input: expected number, received string`,
      `${styleFile}:${where(own, '"margin"')}: error [style-unknown-field] margin: unknown field; did you mean "margins"?`,
    ]);
    const typo = edition(
      { ...PUBLICATION, documents },
      { 'templates/html/styles.css': 'body {}', 'templates/html/style.css': 'body {}' },
    );
    const loaded = await loadEdition(typo);
    expect(loaded.diagnostics.map((d) => `${d.file}: ${d.severity} [${d.ruleId}] ${d.message}`)).toEqual([
      `${join(typo, 'templates/html/styles.css')}: warning [templates-unknown] no built-in template "html/styles.css" to override: this file is not used; did you mean "html/style.css"?`,
    ]);
  });
});
