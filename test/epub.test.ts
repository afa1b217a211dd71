import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { epubcheck, readEpub } from './support/epub.ts';
import { ROOT, recto, tempDir } from './support/run.ts';

/** The seed edition's EPUB, built twice with the same SOURCE_DATE_EPOCH. */
const ARTIFACTS = join(ROOT, 'test-artifacts');
const env = { SOURCE_DATE_EPOCH: '1700000000' };
let first: string;
let second: string;
let files: Map<string, string>;

const chapters = (): [string, string][] =>
  [...files].filter(([name]) => /OEBPS\/d\d{3}_.*\.xhtml$/.test(name)).sort();

beforeAll(() => {
  const [a, b] = [tempDir(), tempDir()];
  for (const out of [a, b]) {
    const r = recto(['build', '--out', out, '--formats', 'tei,epub'], { env });
    expect(r.status, r.stderr).toBe(0);
  }
  first = join(a, 'soviet-conduct.epub');
  second = join(b, 'soviet-conduct.epub');
  files = readEpub(first);
});

describe('the EPUB', () => {
  it('passes EPUBCheck with 0 errors and 0 warnings', () => {
    const result = epubcheck(first);
    expect(result.errors, result.output).toBe(0);
    expect(result.warnings, result.output).toBe(0);
  });

  it('is byte-identical across two builds with the same SOURCE_DATE_EPOCH', () => {
    const hash = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(hash(second)).toBe(hash(first));
  });

  it('starts with an uncompressed mimetype entry', () => {
    const bytes = readFileSync(first);
    expect(bytes.subarray(30, 38).toString('latin1')).toBe('mimetype');
    expect(bytes.readUInt16LE(8)).toBe(0); // stored
  });

  it('has a page-list of 225, 226, 227, 193, 722, 723 in reading order, each a doc-pagebreak marker', () => {
    const nav = files.get('OEBPS/toc.xhtml') ?? '';
    const pageList = /<nav epub:type="page-list"[\s\S]*?<\/nav>/.exec(nav)?.[0] ?? '';
    const entries = [...pageList.matchAll(/<a href="([^"#]+)#([^"]+)">([^<]+)<\/a>/g)];
    expect(entries.map((m) => m[3])).toEqual(['225', '226', '227', '193', '722', '723']);
    for (const [, file, id, n] of entries) {
      const chapter = files.get(`OEBPS/${file}`) ?? '';
      expect(chapter).toContain(
        `<span epub:type="pagebreak" role="doc-pagebreak" id="${id}" aria-label="${n}"`,
      );
    }
    expect(nav).toMatch(/<nav epub:type="landmarks"[\s\S]*epub:type="bodymatter"/);
    expect(nav).toMatch(/<nav id="toc" epub:type="toc"/);
  });

  it('has the five footnotes as pop-up asides with their full texts, after their references, in the same file', () => {
    const expected: [string, string][] = [
      ['47', 'Signed on May 2, 1935; for text, see League of Nations Treaty Series, vol. clxvii, p. 395.'],
      ['1', 'Annex 2 to Hull’s memorandum to Roosevelt dated September 6, 1944'],
      ['2', 'For the records of the Moscow Conference of Foreign Ministers, see Foreign Relations, 1943'],
      ['59', 'Walter Lippmann, journalist, writer of a special column appearing in several newspapers.'],
      ['60', 'Henry A. Wallace, Secretary of Commerce.'],
    ];
    const found: [string, string][] = [];
    for (const [, xhtml] of chapters()) {
      for (const ref of xhtml.matchAll(
        /<a epub:type="noteref" role="doc-noteref" class="noteref" id="([^"]+)" href="#([^"]+)">([^<]+)<\/a>/g,
      )) {
        const [whole, refId, noteId, label] = ref;
        const before = xhtml.slice(Math.max(0, (ref.index ?? 0) - 6), ref.index);
        expect(before).not.toMatch(/<sup>$/);
        const asideAt = xhtml.indexOf(`<aside epub:type="footnote" role="doc-footnote" id="${noteId}">`);
        expect(asideAt).toBeGreaterThan(ref.index ?? 0);
        const aside = xhtml.slice(asideAt, xhtml.indexOf('</aside>', asideAt));
        expect(aside).toContain(`<div class="note"><a href="#${refId}">${label}</a> `);
        found.push([label ?? '', aside.replace(/<[^>]+>/g, '').replace(/^\S+\s/, '')]);
        void whole;
      }
    }
    expect(found).toHaveLength(5);
    expected.forEach(([n, text], k) => {
      expect(found[k]?.[0]).toBe(n);
      expect(found[k]?.[1]).toContain(text);
    });
  });

  it('typesets gaps, conjectures and corrections as the source edition prints them', () => {
    const d002 = chapters().find(([name]) => name.includes('d002'))?.[1] ?? '';
    const visible = (html: string): string =>
      html
        .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ');
    const conjecture =
      /<span class="supplied conjecture" title="Editors’ conjecture">.*?\[by\?\]<\/span>/.exec(d002)?.[0] ??
      '';
    expect(visible(conjecture)).toBe('[by?]');
    const correction = /<span class="correction source">of .*?\[on\]<\/span><\/span>/.exec(d002)?.[0] ?? '';
    expect(visible(correction)).toBe('of [on]');
    // the words for screen readers are the corrected words' title (#31: a reading system that
    // ignores the book's CSS must not show them), never a visually hidden span
    expect(correction).toContain('<span title="corrected by the editors to">[on]</span>');
    for (const [name, xhtml] of chapters()) expect(xhtml, name).not.toContain('visually-hidden');
    const gaps = [...d002.matchAll(/<span class="gap" title="Omission">(.*?)\]<\/span>/g)].map((m) =>
      visible(`${m[1]}]`),
    );
    expect(gaps).toEqual(Array(6).fill('[apparent omission]'));
    expect(d002).toContain('[<span class="gap-words">apparent omission</span>]');
    const d001 = chapters().find(([name]) => name.includes('d001'))?.[1] ?? '';
    expect((d001.match(/class="gap-row" title="Omission: [^"]+">\. \. \. \. \. \. \./g) ?? []).length).toBe(
      3,
    );
  });

  it('declares its metadata: identifier, dates, rights, source of pagination, accessibility', () => {
    const opf = files.get('OEBPS/content.opf') ?? '';
    const ncx = files.get('OEBPS/toc.ncx') ?? '';
    const id = /<dc:identifier id="BookId">([^<]+)</.exec(opf)?.[1] ?? '';
    expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ncx).toContain(`<meta name="dtb:uid" content="${id}" />`);
    expect(opf).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
    for (const needle of [
      '<dc:title id="title">The Sources of Soviet Conduct</dc:title>',
      '<dc:creator id="creator-1">Recto Editorial Team</dc:creator>',
      '<dc:language>en</dc:language>',
      '<dc:publisher>Recto Course Readers</dc:publisher>',
      '<dc:rights>',
      'property="source-of">pagination</meta>',
      '<meta property="schema:accessMode">textual</meta>',
      '<meta property="schema:accessModeSufficient">textual</meta>',
      '<meta property="schema:accessibilityFeature">printPageNumbers</meta>',
      '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
      '<meta property="schema:accessibilityFeature">readingOrder</meta>',
      '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
      '<meta property="schema:accessibilityHazard">none</meta>',
      '<meta property="schema:accessibilitySummary">',
      '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
      'properties="cover-image"',
    ]) {
      expect(opf).toContain(needle);
    }
    expect(files.get('OEBPS/cover.svg')).toContain('The Sources of Soviet Conduct');
  });

  it('a chapter renders in headless Chromium with its notes (screenshot artifact)', async () => {
    const dir = tempDir();
    for (const [name, text] of files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 1100 } });
      await page.goto(pathToFileURL(join(dir, 'OEBPS/d004_6169f971afa7be48.xhtml')).href);
      const asides = page.locator('aside[role="doc-footnote"]');
      expect(await asides.count()).toBe(2);
      await asides.first().scrollIntoViewIfNeeded();
      expect(await asides.first().isVisible()).toBe(true);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'epub-chapter-d004.png'), fullPage: false });
    } finally {
      await browser.close();
    }
  });
});

describe('the EPUB in DAISY Ace', () => {
  it('has 0 accessibility violations (Ace 1.4.6 with Debian’s Chromium, no browser download)', () => {
    const report = tempDir();
    const r = spawnSync(join(ROOT, 'node_modules/.bin/ace-puppeteer'), ['-f', '-s', '-o', report, first], {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as {
      'earl:result': { 'earl:outcome': string };
      assertions: { assertions?: { 'earl:test': { 'dct:title': string } }[] }[];
    };
    const violations = json.assertions.flatMap((d) =>
      (d.assertions ?? []).map((a) => a['earl:test']['dct:title']),
    );
    expect(violations).toEqual([]);
    expect(json['earl:result']['earl:outcome']).toBe('pass');
  });
});

describe('a note too long to pop up', () => {
  it('pops up shortened with a link to its whole text in “Notes in full”; the EPUB stays valid', () => {
    const sources = tempDir();
    const long = `${'A very long editorial note that goes on and on about the file. '.repeat(40)}The end.`;
    writeFileSync(
      join(sources, 'long.txt'),
      `A Letter to the Secretary\n\nA short text with a long note.1\n\n  1. ${long}`,
    );
    const out = tempDir();
    expect(
      recto(['build', '--sources', sources, '--out', out, '--formats', 'tei,epub'], { env }).status,
    ).toBe(0);
    const epubPath = join(out, 'sources.epub');
    const book = readEpub(
      epubPath.replace('sources.epub', `${readdirSync(out).find((f) => f.endsWith('.epub'))}`),
    );
    const chapter = book.get('OEBPS/long.xhtml') ?? '';
    const aside = /<aside[^>]*>[\s\S]*?<\/aside>/.exec(chapter)?.[0] ?? '';
    expect(aside.replace(/<[^>]+>/g, '').length).toBeLessThan(1400);
    expect(aside).toContain('href="notes.xhtml#end-fn-');
    expect(book.get('OEBPS/notes.xhtml')).toContain('The end.');
    const result = epubcheck(epubPath);
    expect(result.errors + result.warnings, result.output).toBe(0);
  });
});
