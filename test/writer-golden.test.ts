import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.ts';
import type { ModelEdition } from '../src/model/edition.ts';
import { modelFromJson, modelToJson } from '../src/model/json.ts';
import { BLOCK_KINDS, INLINE_KINDS } from '../src/model/json-schema.ts';
import { mentionIndex } from '../src/model/mentions.ts';
import { forEachNode } from '../src/model/walk.ts';
import { WRITERS } from '../src/render/writers.ts';
import { readEpub } from './support/epub.ts';
import { golden } from './support/golden.ts';
import { tempDir } from './support/run.ts';

/**
 * Writer golden tests (issue #28), as pandoc's: a small model written by hand as JSON
 * (`test/fixtures/writers/<case>.model.json`, read by src/model/json.ts) goes straight into every
 * writer of the list, with no TEI reader in front of it, and each output is compared with its
 * golden file `<case>.<format>.<ext>`:
 * - html: the `<main>` of every page the writer made (contents, documents, register), in order;
 * - epub: every XHTML file of the book (chapters, notes, index, navigation), character references decoded;
 * - pdf: the text `pdftotext -layout` reads from it (the bytes hold fonts and offsets; the text is what
 *   a reviewer can read in a diff).
 * A missing golden file is written when UPDATE_GOLDEN=1 (review it, then commit); otherwise it is
 * a failure. A format without an extraction here fails too: a new writer brings its golden files.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/writers');
const cases = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.model.json'))
  .map((f) => f.replace(/\.model\.json$/, ''));

const modelOf = (name: string): ModelEdition => {
  const file = join(FIXTURES, `${name}.model.json`);
  return modelFromJson(readFileSync(file, 'utf8'), file);
};

/** The readable text of one format's files, and the extension of its golden file. */
const EXTRACT: Record<string, { ext: string; text: (files: string[]) => string }> = {
  html: {
    ext: 'html',
    text: (files) =>
      files
        .filter((f) => f.endsWith('.html'))
        .map((f) => {
          const main = /<main[\s\S]*<\/main>/.exec(readFileSync(f, 'utf8'))?.[0] ?? '(no <main>)';
          return `<!-- ${f.slice(f.lastIndexOf('/html/') + 1)} -->\n${main}\n`;
        })
        .join('\n'),
  },
  epub: {
    ext: 'xhtml',
    text: (files) =>
      files
        .flatMap((f) => [...readEpub(f)].filter(([name]) => name.endsWith('.xhtml')))
        .map(([name, xhtml]) => `<!-- ${name} -->\n${xhtml.trimEnd()}\n`)
        .join('\n'),
  },
  pdf: {
    ext: 'txt',
    text: (files) =>
      files
        .map((f) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }))
        // (trailing blanks are pdftotext's column filling, not the writer's)
        .map((t) => t.replace(/[ \t]+$/gm, ''))
        .join(''),
  },
};

beforeAll(() => {
  // The goldens are drawn with the default templates, trim and dates, whatever the shell says.
  vi.stubEnv('SOURCE_DATE_EPOCH', '1714521600');
  for (const name of ['RECTO_TEMPLATES', 'RECTO_PDF_TRIM', 'RECTO_PDF_LAYOUT', 'RECTO_SEARCH'])
    vi.stubEnv(name, undefined);
});

describe('the writer fixtures', () => {
  it('hold every block and inline kind of the model between them', () => {
    const seen = new Set<string>();
    for (const name of cases) {
      const m = modelOf(name);
      forEachNode([...(m.introduction ?? []), ...m.documents.flatMap((d) => d.blocks)], (n) =>
        seen.add(n.kind),
      );
    }
    // (the kinds the schema reads are every kind of types.ts: a missing one does not compile)
    expect(BLOCK_KINDS.filter((k) => !seen.has(k))).toEqual([]);
    expect(INLINE_KINDS.filter((k) => !seen.has(k))).toEqual([]);
  });

  for (const name of cases)
    it(`${name}: is a model the TEI reader could have made (mentions, unknown elements), and reads back equal`, () => {
      const m = modelOf(name);
      expect([...m.mentions]).toEqual([...mentionIndex(m.documents, m.register)]);
      const unknown: string[] = [];
      forEachNode(
        m.documents.flatMap((d) => d.blocks),
        (n) => n.kind === 'unknown' && unknown.push(n.name),
      );
      expect(m.unknown.map((u) => u.name)).toEqual([...new Set(unknown)]);
      expect(modelFromJson(modelToJson(m), 'again.json')).toEqual(m);
    });
});

describe('every writer, handed a model with no TEI reader in front of it (golden files)', () => {
  for (const name of cases)
    for (const writer of WRITERS)
      it(`${name} → ${writer.format}`, async () => {
        const edition = modelOf(name);
        const extract = EXTRACT[writer.format];
        if (!extract) throw new Error(`no golden extraction for the ${writer.format} writer: add one here`);
        const diagnostics: Diagnostic[] = [];
        const out = tempDir();
        const files = await writer.write(edition, out, {
          reporter: { diagnostic: (d) => diagnostics.push(d), info: () => {} },
          formats: WRITERS.map((w) => w.format),
          downloads: [],
          masterFile: join(FIXTURES, `${name}.model.json`),
          documentTei: new Map(),
        });
        golden(join(FIXTURES, `${name}.${writer.format}.${extract.ext}`), extract.text(files));
        // each element the model did not know is reported once, where the model says it stands
        expect(diagnostics.map((d) => [d.ruleId, d.position])).toEqual(
          edition.unknown.map((u) => [`${writer.format}-unknown-element`, u.at]),
        );
      });
});
