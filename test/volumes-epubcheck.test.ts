import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { epubcheck, readEpub } from './support/epub.ts';
import { nestedLinks } from './support/markup.ts';
import { recto, tempDir } from './support/run.ts';
import { required, SHARED, sharedCorpora } from './support/shared.ts';

/**
 * Issue #27 over every official volume we hold: each `volume.xml` of ../shared/corpus and each
 * volume of ../shared/volumes rendered to HTML and EPUB. EPUBCheck: 0 errors, 0 warnings (before:
 * 9 errors in frus1961-63v08, notes of several paragraphs inside a span in "Notes in full"); no
 * `a` inside `a` in any HTML page or EPUB chapter (before: page markers inside linked names in
 * frus1952-54Guat and frus1958-60v08); the HTML pages that hold a note of blocks keep HTML's content
 * model (html-validate). Some two minutes on two cores, most of it EPUBCheck.
 */
const volumes = [
  ...sharedCorpora(['volume.xml']).map((c) => ({ name: c.name, file: join(c.dir, 'volume.xml') })),
  ...readdirSync(required(join(SHARED, 'volumes'), 'the shared volumes folder'))
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => ({ name: f.replace(/\.xml$/, ''), file: join(SHARED, 'volumes', f) })),
];

const contentModel = new HtmlValidate({
  rules: {
    'element-permitted-content': 'error',
    'element-permitted-parent': 'error',
    'element-permitted-occurrences': 'error',
    'element-required-content': 'error',
  },
});

describe('every official volume, rendered', () => {
  it('is seven volumes', () => {
    expect(volumes.length).toBeGreaterThanOrEqual(7);
  });

  for (const volume of volumes)
    it(`${volume.name}: EPUBCheck 0 errors and 0 warnings, no link inside a link, notes of blocks valid HTML`, async () => {
      const out = tempDir();
      const r = recto(['render', volume.file, '--out', out, '--formats', 'html,epub', '--quiet']);
      expect(r.status, r.stderr).toBe(0);

      const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
      const book = readEpub(join(out, epub ?? ''));
      const nestedInEpub = [...book].filter(
        ([name, text]) => name.endsWith('.xhtml') && nestedLinks(text) > 0,
      );
      expect(nestedInEpub.map(([name]) => name)).toEqual([]);

      const docs = join(out, 'html/docs');
      const problems: string[] = [];
      let blockNotes = 0;
      for (const f of readdirSync(docs).sort()) {
        const html = readFileSync(join(docs, f), 'utf8');
        if (nestedLinks(html) > 0) problems.push(`${f}: a link inside a link`);
        if (!html.includes('<div class="note-body">')) continue;
        blockNotes++;
        const report = await contentModel.validateString(html);
        for (const m of report.results.flatMap((x) => x.messages))
          problems.push(`${f}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
      expect(problems.slice(0, 10)).toEqual([]);
      console.log(`${volume.name}: ${blockNotes} pages with a note of several blocks`);

      const result = epubcheck(join(out, epub ?? ''));
      expect(result.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
      expect([result.errors, result.warnings]).toEqual([0, 0]);
    }, 180_000);
});
