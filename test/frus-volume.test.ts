import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineText } from '../src/normalize/unparse.ts';
import { readTei } from '../src/tei/read.ts';
import { CORPUS } from './support/corpus-truth.ts';
import { readEpub } from './support/epub.ts';
import { epubcheckOnce, renderedVolume } from './support/render-cache.ts';
import { recto, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

/** The official TEI of the FRUS volume, rendered with `recto render` (TEI that Recto did not write). */
const VOLUME = join(CORPUS, 'volume.xml');
let out: string;
let stderr: string;
let pbs: string[];
let notes: number;

beforeAll(async () => {
  // (the render of all formats the other tests of the official volumes read too: once per run)
  const r = await renderedVolume(VOLUME);
  expect(r.status, r.stderr).toBe(0);
  out = r.out;
  stderr = r.stderr;
  const tei = await readTei(VOLUME);
  pbs = all(tei, 'pb', (p) => Boolean(p.attrs.n)).map((p) => p.attrs.n ?? '');
  notes = all(tei, 'note').length;
}, 600_000); // (a render another test file began is waited for)

describe('an official FRUS volume through `recto render`', () => {
  it('renders to HTML, EPUB and PDF named after the volume, with no unmapped element', () => {
    // (and the record of what it wrote, which the next render into the folder goes by)
    expect(readdirSync(out).sort()).toEqual([
      '.written.json',
      'frus1958-60v08.epub',
      'frus1958-60v08.pdf',
      'html',
    ]);
    expect(stderr).not.toMatch(/unknown-element/);
    expect(stderr).toMatch(/512 documents/); // 507 documents and the front and back matter
  });

  it('HTML: every page break and every note of the TEI is there; cross-references resolve', async () => {
    const docs = readdirSync(join(out, 'html', 'docs'));
    let pages = 0;
    let noteCount = 0;
    const anchors = new Map<string, Set<string>>();
    const links: [string, string][] = [];
    for (const f of docs) {
      const html = readFileSync(join(out, 'html', 'docs', f), 'utf8');
      pages += (html.match(/<span class="pb" id=/g) ?? []).length;
      noteCount +=
        (html.match(/<li id="fn-/g) ?? []).length + (html.match(/<p class="source-note"[ >]/g) ?? []).length;
      anchors.set(f, new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1] ?? '')));
      for (const m of html.matchAll(/<a class="internal" href="([^"]+)"/g)) links.push([f, m[1] ?? '']);
    }
    expect(pages).toBe(pbs.length);
    expect(noteCount).toBe(notes);
    // every cross-reference to something in the volume is a link (a reference nested in another keeps its text only)
    const tei = await readTei(VOLUME);
    const ids = new Set(all(tei, '*').map((e) => e.attrs['xml:id']));
    const nested = new Set(all(tei, 'ref').flatMap((r) => all(r, 'ref').slice(1)));
    const internal = all(
      tei,
      'ref',
      (r) => /^#/.test(r.attrs.target ?? '') && ids.has(r.attrs.target?.slice(1)) && !nested.has(r),
    );
    expect(links.length).toBe(internal.length);
    const broken = links.filter(([, href]) => {
      const [file, anchor] = href.split('#');
      return !file || !anchors.has(file) || (anchor !== undefined && !anchors.get(file)?.has(anchor));
    });
    expect(broken.slice(0, 5)).toEqual([]);
  });

  it('EPUB: EPUBCheck 0 errors and 0 warnings; every page break and note is there', async () => {
    const epub = join(out, 'frus1958-60v08.epub');
    const result = await epubcheckOnce(epub);
    expect(result.errors + result.warnings, result.output.slice(0, 2000)).toBe(0);
    const files = readEpub(epub);
    let pages = 0;
    let noteCount = 0;
    for (const [name, text] of files) {
      if (!name.endsWith('.xhtml') || name.endsWith('toc.xhtml')) continue;
      pages += (text.match(/role="doc-pagebreak"/g) ?? []).length;
      noteCount +=
        (text.match(/role="doc-footnote"/g) ?? []).length +
        (text.match(/<p class="source-note"[ >]/g) ?? []).length;
    }
    expect(pages).toBe(pbs.length);
    expect(noteCount).toBe(notes);
    const nav = files.get('OEBPS/toc.xhtml') ?? '';
    expect((nav.match(/<a href="[^"]+#page[^"]*">/g) ?? []).length).toBe(pbs.length);
  });

  it('PDF: every page number in the margin and every note’s text is set', async () => {
    const text = execFileSync('pdftotext', [join(out, 'frus1958-60v08.pdf'), '-'], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    // (the page numbers the PDF adds after cross-references are not in the TEI's text)
    const squashed = text
      .replace(/-\n/g, '')
      .replace(/\s+/g, '')
      .replace(/\(p\.\d+\)/g, '');
    const labels = new Map<string, number>();
    for (const m of text.matchAll(/\[([0-9IVXLC]+)\]/g))
      labels.set(m[1] ?? '', (labels.get(m[1] ?? '') ?? 0) + 1);
    const missingPages = pbs.filter((n) => !labels.has(n));
    expect(missingPages).toEqual([]);
    const tei = await readTei(VOLUME);
    const missingNotes = all(tei, 'note')
      .map((n) =>
        inlineText(n.children)
          .replace(/[\s*]+/g, '')
          .slice(0, 40),
      ) // (inlineText marks italics with *)
      .filter((start) => start && !squashed.includes(start));
    expect(missingNotes.length, missingNotes.slice(0, 3).join(' | ')).toBe(0);
    // cross-references carry the PDF page of their target: `Document 25` is followed by the page where it opens
    const pagesText = text.split('\f');
    const heads = new Map(
      all(tei, 'div', (d) => d.attrs.type === 'document').map((d) => {
        const head = all(d, 'head')[0];
        const words = inlineText(
          head?.children.filter((c) => typeof c === 'string' || c.name !== 'note') ?? [],
        );
        return [d.attrs.n ?? '', words.replace(/[\s*]+/g, '').slice(0, 30)] as const;
      }),
    );
    const squashedPages = pagesText.map((p) => p.replace(/-\n/g, '').replace(/\s+/g, ''));
    // (the contents pages list every title: a page naming ten documents is not where one opens)
    const prefixes = [...heads.values()];
    const isContents = squashedPages.map((p) => prefixes.filter((h) => p.includes(h)).length >= 10);
    const opening = (n: string): number =>
      squashedPages.findIndex((p, k) => !isContents[k] && p.includes(heads.get(n) ?? '\u0000')) + 1;
    const nested = new Set(all(tei, 'ref').flatMap((r) => all(r, 'ref').slice(1)));
    const documentRefs = all(tei, 'ref', (r) => /^#d\d+$/.test(r.attrs.target ?? '') && !nested.has(r))
      .map((r) => [r.attrs.target?.slice(2) ?? '', inlineText(r.children)] as const)
      .filter(([n, label]) => label === `Document ${n}`);
    expect(documentRefs.length).toBeGreaterThan(100);
    for (const [n] of documentRefs.slice(0, 30)) {
      const page = opening(n);
      expect(page, `Document ${n}`).toBeGreaterThan(0);
      expect(text, `Document ${n}`).toContain(`Document ${n} (p. ${page})`);
    }
  });

  it('PDF: a reference back to an earlier page is set with its number, spaced like any word', () => {
    const pdf = join(out, 'frus1958-60v08.pdf');
    const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
      .split('\f')
      .map((p) => p.replace(/\s+/g, ' '));
    // (the page of footnote 1 moves with the layout: any page number, set as text)
    const k = pages.findIndex((p) => /\(see footnote 1 \(p\. \d+\) above\)/.test(p));
    expect(k).toBeGreaterThan(0);
    const number = /\(see footnote 1 \(p\. (\d+)\) above\)/.exec(pages[k] ?? '')?.[1];
    expect(Number(number)).toBeLessThanOrEqual(k + 1); // a page before (or the page of) the reference
    const page = String(k + 1);
    const bbox = execFileSync('pdftotext', ['-bbox', '-f', page, '-l', page, pdf, '-'], { encoding: 'utf8' });
    const words = [
      ...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g),
    ].map((m) => ({ x0: Number(m[1]), y: Number(m[2]), x1: Number(m[3]), text: m[4] ?? '' }));
    const at = words.findIndex((w, j) => w.text === 'above),' && words[j - 1]?.text === `${number})`);
    expect(at).toBeGreaterThan(0);
    const line = words.filter((w) => Math.abs(w.y - (words[at]?.y ?? 0)) < 0.5);
    const spaces = line.slice(1).map((w, j) => w.x0 - (line[j]?.x1 ?? 0));
    const after = (words[at]?.x0 ?? 0) - (words[at - 1]?.x1 ?? 0);
    // (a justified line: the space after the number is one of its word spaces, not a slot left blank)
    expect(spaces).toContain(after);
    expect(after).toBeLessThanOrEqual(Math.min(...spaces) + 0.5);
  });
});

describe('hostile or broken TEI given to `recto render`', () => {
  it('refuses external entities (XXE) and entity bombs before expansion, in under a second', () => {
    const dir = tempDir();
    const cases: Record<string, string> = {
      'xxe.xml':
        '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
      'bomb.xml': `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`).join('')}]><TEI xmlns="http://www.tei-c.org/ns/1.0">&lol9;</TEI>`,
    };
    for (const [name, xml] of Object.entries(cases)) {
      writeFileSync(join(dir, name), xml);
      const started = performance.now();
      const r = recto(['render', join(dir, name), '--out', join(dir, 'out')]);
      expect(performance.now() - started).toBeLessThan(5000); // CLI start included; the refusal itself is immediate
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${name}:1:1: error [xml-entity-declaration]`);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });

  it('reports not-well-formed XML with line:column and a non-TEI root clearly', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'broken.xml'),
      '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body>\n<p>open</body></text></TEI>',
    );
    const broken = recto(['render', join(dir, 'broken.xml'), '--out', join(dir, 'out')]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.xml:3:\d+: error \[xml-not-well-formed\]/);
    writeFileSync(join(dir, 'html.xml'), '<html><body>Hello</body></html>');
    const html = recto(['render', join(dir, 'html.xml'), '--out', join(dir, 'out')]);
    expect(html.status).toBe(1);
    expect(html.stderr).toContain('[tei-root] the root element is <html>, not <TEI> or <teiCorpus>');
    expect(html.stderr).not.toMatch(/\n\s+at /);
  });
});
