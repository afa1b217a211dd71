import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateTei } from '../src/tei/validate.ts';
import { axeViolations } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { epubcheck, readEpub } from './support/epub.ts';
import { ROOT, recto, SEEDS, tempDir } from './support/run.ts';

const EXAMPLE = join(ROOT, 'examples/containment-reader/reader.json');
const VOLUME = join(ROOT, '../shared/corpus/frus1958-60v08/volume.xml');
const EPOCH = { SOURCE_DATE_EPOCH: '1767225600' };

/**
 * Letters only, lower case: a phrase found whatever the line breaks, hyphens or quotes (and the
 * page numbers pdftotext sets inside a line from the margin).
 */
const norm = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
const stripTags = (xml: string): string =>
  xml
    .replace(/<note[\s\S]*?<\/note>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&');
const pdfText = (path: string, first?: number, last?: number): string =>
  execFileSync(
    'pdftotext',
    [...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), '-layout', path, '-'],
    { encoding: 'utf8' },
  );
const htmlText = (html: string): string => stripTags(html.replace(/<script[\s\S]*?<\/script>/g, ''));

/** A document of the volume, as the official TEI has it, cut at its page breaks: page number → text. */
function volumePages(id: string): Map<string, string> {
  const xml = readFileSync(VOLUME, 'utf8');
  const start = xml.indexOf(`<div type="document" xml:id="${id}"`);
  const end = xml.indexOf('<div type="document"', start + 10);
  const div = xml.slice(start, end).replace(/<head>[\s\S]*?<\/head>/, '');
  const pages = new Map<string, string>();
  const parts = div.split(/<pb\b[^>]*\bn="(\d+)"[^>]*\/>/);
  pages.set('before', stripTags(parts[0] ?? ''));
  for (let k = 1; k < parts.length; k += 2) pages.set(parts[k] as string, stripTags(parts[k + 1] ?? ''));
  return pages;
}

/** The last and first words of a text (enough to be found nowhere else). */
const tail = (s: string): string => norm(s).slice(-60);
const head = (s: string): string => norm(s).slice(0, 60);

describe('recto reader (course readers)', () => {
  const out = tempDir('recto-reader-');
  let run: ReturnType<typeof recto>;
  const outputs: Record<string, string> = {};

  beforeAll(() => {
    run = recto(['reader', EXAMPLE, '--out', out], { env: EPOCH });
    const epub = readEpub(join(out, 'containment-reader.epub'));
    for (const id of [
      'bullitt-1935',
      'kennan-1946',
      'state-1944',
      'dulles-1958-11-26',
      'memcon-1958-11-17',
    ]) {
      const chapter = [...epub.entries()].find(
        ([name, text]) => name.endsWith('.xhtml') && text.includes(`id="${id}-headnote"`),
      );
      outputs[`${id}:html`] = norm(htmlText(readFileSync(join(out, 'html/docs', `${id}.html`), 'utf8')));
      outputs[`${id}:epub`] = norm(htmlText(chapter?.[1] ?? ''));
      outputs[`${id}:handout`] = norm(pdfText(join(out, 'handouts', `${id}.pdf`)));
      outputs[`${id}:tei`] = norm(stripTags(readFileSync(join(out, 'tei', `${id}.xml`), 'utf8')));
    }
    outputs.pdf = norm(pdfText(join(out, 'containment-reader.pdf')));
  }, 240_000);

  const formats = (id: string): [string, string][] => [
    ['TEI', outputs[`${id}:tei`] ?? ''],
    ['HTML', outputs[`${id}:html`] ?? ''],
    ['EPUB', outputs[`${id}:epub`] ?? ''],
    ['PDF', outputs.pdf ?? ''],
    ['handout', outputs[`${id}:handout`] ?? ''],
  ];

  it('builds the example reader: three units from the seeds and a FRUS volume, valid TEI, EPUBCheck 0/0', async () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/7 documents, \d+ files/);
    const teis = [
      ...readdirSync(join(out, 'tei')).map((f) => join(out, 'tei', f)),
      ...readdirSync(join(out, 'handouts/tei')).map((f) => join(out, 'handouts/tei', f)),
    ];
    expect(teis.length).toBe(1 + 7 + 7);
    const valid = await validateTei(teis);
    expect(valid.messages.filter((m) => /error/.test(m))).toEqual([]);
    expect(valid.ok).toBe(true);
    const check = epubcheck(join(out, 'containment-reader.epub'));
    expect([check.errors, check.warnings], check.output).toEqual([0, 0]);
    // units as parts: a teiCorpus each, a group in the HTML contents, a part in the EPUB navigation and the PDF contents
    const master = readFileSync(join(out, 'tei/edition.xml'), 'utf8');
    expect(master.match(/<teiCorpus type="unit"/g)).toHaveLength(3);
    const index = readFileSync(join(out, 'html/index.html'), 'utf8');
    const nav = readEpub(join(out, 'containment-reader.epub')).get('OEBPS/toc.xhtml') ?? '';
    const contents = pdfText(join(out, 'containment-reader.pdf'), 5, 6);
    for (const [k, unit] of [
      'Week 1: Revolution and recognition',
      'Week 2: The origins of containment',
      'Week 3: The Berlin Crisis',
    ].entries()) {
      // (each unit heads its items, linked to its own page and chapter: see the unit pages test)
      expect(index).toContain(`<li class="toc-group"><a href="units/unit-${k + 1}.html">${unit}`);
      expect(nav).toMatch(new RegExp(`<li><a href="unit-${k + 1}.xhtml">${unit}[^<]*</a>\\s*<ol>`));
      expect(norm(contents)).toContain(norm(unit));
    }
    // the contents give each excerpt's pages in its source
    for (const pages of ['(pp. 225–226)', '(pp. 722–723)', '(pp. 78–79)', '(pp. 123–125)']) {
      expect(index).toContain(pages);
      expect(nav).toContain(pages);
      expect(contents).toContain(pages.replace(/[()]/g, '').split(' ')[1]);
    }
  });

  it('carries the persons its excerpts name (from each source’s register) and every pointer of every TEI file resolves in that file', () => {
    const master = readFileSync(join(out, 'tei/edition.xml'), 'utf8');
    // the seeds' register (Kennan, Stalin …) and the volume's list of persons (Dulles: p_DJF1)
    for (const person of ['kennan', 'stalin', 'p_DJF1'])
      expect(master).toContain(`<person xml:id="${person}">`);
    const files = [
      ...readdirSync(join(out, 'tei')).map((f) => join(out, 'tei', f)),
      ...readdirSync(join(out, 'handouts/tei')).map((f) => join(out, 'handouts/tei', f)),
    ];
    let pointers = 0;
    for (const file of files) {
      const xml = readFileSync(file, 'utf8');
      const ids = new Set([...xml.matchAll(/xml:id="([^"]+)"/g)].map((m) => m[1]));
      const values = [
        ...xml.matchAll(/\b(target|corresp|resp|ref|ana|sameAs|source|who|next|prev)="([^"]+)"/g),
      ]
        .flatMap((m) => (m[2] ?? '').split(/\s+/).map((v) => `${m[1]}=${v}`))
        .filter((v) => v.includes('=#'));
      pointers += values.length;
      expect(
        values.filter((v) => !ids.has(v.split('=#')[1])),
        file,
      ).toEqual([]);
    }
    expect(pointers).toBeGreaterThan(100);
    // a cross-reference to a document the reader does not hold goes to it on history.state.gov
    expect(master).toContain(
      '<ref target="https://history.state.gov/historicaldocuments/frus1958-60v08/d28">Document 28</ref>',
    );
    // the volume's abbreviations an excerpt uses go with it, as its glossary, in every format
    expect(master).toMatch(
      /<div type="glossary" xml:id="memcon-1958-11-17-glossary">\s*<head>Abbreviations and terms<\/head>\s*<list type="terms">/,
    );
    for (const [format, text] of formats('memcon-1958-11-17')) {
      expect(text, format).toContain(norm('Abbreviations and terms'));
      expect(text, format).toContain(norm('GDR, German Democratic Republic'));
      expect(text, format).toContain(norm('NATO, North Atlantic Treaty Organization'));
    }
    // the register pages of the site and an index of names in the EPUB and the PDF
    expect(existsSync(join(out, 'html/register/p_DJF1.html'))).toBe(true);
    expect(norm(outputs.pdf ?? '')).toContain(norm('Index of Names'));
  });

  it('keeps exactly the pages asked for, from the volume: its page numbers, nothing before or after, a gap where text was cut', () => {
    const source = volumePages('d68'); // pp. 121–127; the item asks for 123–125
    const tei = readFileSync(join(out, 'tei/dulles-1958-11-26.xml'), 'utf8');
    expect([...tei.matchAll(/<pb\b[^>]*\bn="(\d+)"/g)].map((m) => m[1])).toEqual(['123', '124', '125']);
    expect(tei).toMatch(/<biblScope unit="page" from="123" to="125">123–125<\/biblScope>/);
    expect(tei).toMatch(/<biblScope unit="document" n="68">/);
    expect(tei).toMatch(/<title level="m">Foreign Relations of the United States, 1958–1960/);
    // the gaps: before (pp. 121–122) and after (pp. 126–127), credited to the reader's editor
    const gaps = [...tei.matchAll(/<gap reason="excerpt" resp="#([^"]+)"><desc>([^<]+)<\/desc>/g)];
    expect(gaps.map((g) => g[2])).toEqual([
      'Text of the source (pp. 121–122) left out of this excerpt.',
      'Text of the source (pp. 126–127) left out of this excerpt.',
    ]);
    expect(tei).toContain(`<respStmt xml:id="${gaps[0]?.[1]}">`);
    for (const [format, text] of formats('dulles-1958-11-26')) {
      expect(text, `${format}: the end of p. 122`).not.toContain(
        tail(source.get('123') === undefined ? '' : (source.get('122') ?? '')),
      );
      expect(text, `${format}: the start of p. 126`).not.toContain(head(source.get('126') ?? ''));
      expect(text, `${format}: the start of p. 123`).toContain(head(source.get('123') ?? ''));
      expect(text, `${format}: the end of p. 125`).toContain(tail(source.get('125') ?? ''));
      expect(text, `${format}: the gap`).toContain(norm('left out of this excerpt'));
    }
  });

  it('keeps exactly the pages asked for, from a seed: text before [Page 225] and after [Page 227] is absent', () => {
    const text = readFileSync(join(SEEDS, '001_39edde1195e6049d.txt'), 'utf8');
    const [before = '', rest = ''] = text.split('[Page 225]');
    const [kept = '', after = ''] = rest.split('[Page 227]');
    const tei = readFileSync(join(out, 'tei/bullitt-1935.xml'), 'utf8');
    expect([...tei.matchAll(/<pb\b[^>]*\bn="(\d+)"/g)].map((m) => m[1])).toEqual(['225', '226']);
    expect(tei).toMatch(/<biblScope unit="page" from="225" to="226">225–226<\/biblScope>/);
    for (const [format, out] of formats('bullitt-1935')) {
      expect(out, format).not.toContain(tail(before));
      expect(out, format).not.toContain(head(after));
      expect(out, format).toContain(head(kept));
    }
  });

  it('keeps, for every item with a page range, only page breaks inside the range, its pages in the header, and the notes of the kept text', () => {
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      units: { items: { id: string; pages?: string }[] }[];
    };
    const ranged = manifest.units.flatMap((u) => u.items).filter((i) => i.pages);
    expect(ranged.length).toBe(4);
    for (const item of ranged) {
      const [from, to] = (item.pages as string).split('–').map(Number) as [number, number];
      const tei = readFileSync(join(out, 'tei', `${item.id}.xml`), 'utf8');
      const breaks = [...tei.matchAll(/<pb\b[^>]*\bn="(\d+)"/g)].map((m) => Number(m[1]));
      expect(breaks.length, item.id).toBeGreaterThan(0);
      for (const n of breaks) expect(n >= from && n <= to, `${item.id}: page break ${n}`).toBe(true);
      expect(tei, item.id).toContain(`<biblScope unit="page" from="${from}" to="${to}">`);
      expect(tei, item.id).toMatch(/<gap reason="excerpt"/);
    }
    // Bullitt's note 47 is anchored on p. 226: kept, as printed
    expect(readFileSync(join(out, 'tei/bullitt-1935.xml'), 'utf8')).toMatch(
      /<note place="foot" n="47"[^>]*>Signed on May 2, 1935/,
    );
  });

  it('keeps the paragraphs asked for by id and leaves the others out, with a gap between', () => {
    const tei = readFileSync(join(out, 'tei/state-1944.xml'), 'utf8');
    expect(tei).toMatch(/<gap reason="excerpt"/);
    for (const [format, text] of formats('state-1944')) {
      expect(text, format).toContain(
        norm('There is a danger that the Soviet Government may mistake friendliness'),
      );
      expect(text, format).not.toContain(
        norm('An excellent start was made at the Moscow and Tehran Conferences'),
      );
    }
  });

  it('cuts only where text is cut: no gap before the first paragraph asked for, none glued to a word, every source note kept (issue #26)', () => {
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      units: { items: { id: string; pages?: string; paragraphs?: string[] }[] }[];
    };
    const items = manifest.units.flatMap((u) => u.items);
    expect(items.length).toBe(7);
    for (const item of items) {
      const tei = readFileSync(join(out, 'tei', `${item.id}.xml`), 'utf8');
      const body = tei.slice(tei.indexOf('<body>'), tei.indexOf('</body>'));
      // the source note (`Roosevelt Papers`, `761.00/260`, a volume's `Source: …`) stays, in every format
      const note = /<note\b[^>]*type="source"[^>]*>([\s\S]*?)<\/note>/.exec(body);
      expect(note, `${item.id}: its source note`).not.toBeNull();
      // (letters and figures: `761.00/260` is a note too)
      const alnum = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
      const words = alnum(stripTags(note?.[1] ?? '')).slice(0, 40);
      expect(words.length, item.id).toBeGreaterThan(5);
      const html = readFileSync(join(out, 'html/docs', `${item.id}.html`), 'utf8');
      expect(alnum(htmlText(html)), `${item.id} HTML`).toContain(words);
      expect(alnum(pdfText(join(out, 'handouts', `${item.id}.pdf`))), `${item.id} handout`).toContain(words);
      // a gap is a word of its own: never glued to the next word (or the word before)
      expect(body, `${item.id} TEI`).not.toMatch(/<\/gap>(?:<pb\b[^>]*\/>)?[\p{L}\p{N}]/u);
      expect(body, `${item.id} TEI`).not.toMatch(/[\p{L}\p{N}.,;:]<gap reason="excerpt"/u);
      for (const text of [htmlText(html), pdfText(join(out, 'handouts', `${item.id}.pdf`))])
        expect(text.replace(/\s+/g, ' '), item.id).not.toMatch(/excerpt\.\][\p{L}\p{N}]/u);
      // a whole document has no gap; a range's gaps stand only where its text was left out
      const gaps = [...body.matchAll(/<gap reason="excerpt"/g)].length;
      if (!item.pages && !item.paragraphs) expect(gaps, item.id).toBe(0);
    }
    // state-1944 asks for its first, second and fourth paragraphs: one gap between, one after, none before
    const state = readFileSync(join(out, 'tei/state-1944.xml'), 'utf8');
    const first = state.indexOf('p-5444ce"');
    expect(state.slice(state.indexOf('<body>'), first)).not.toContain('<gap');
    const between = state.slice(state.indexOf('p-64937c"'), state.indexOf('p-9bb9e1"'));
    expect(between).toMatch(
      /<\/p>\s*<gap reason="excerpt"[^>]*><desc>Text of the source \(p\. 193\) left out of this excerpt\.<\/desc><\/gap>\s*<p /,
    );
    expect(state.match(/<gap reason="excerpt"/g)).toHaveLength(2);
    expect(state).toContain('<note type="source"');
    expect(norm(pdfText(join(out, 'containment-reader.pdf')))).toContain(
      norm('Roosevelt Papers Department of State Briefing Paper'),
    );
  });

  it('gives every handout a running head and its first words naming the reader, the unit and the source, cited (issue #26)', () => {
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      title: string;
      units: { title: string; items: { id: string; source: string; pages?: string }[] }[];
    };
    for (const unit of manifest.units)
      for (const item of unit.items) {
        const file = join(out, 'handouts', `${item.id}.pdf`);
        const text = norm(pdfText(file));
        expect(text, item.id).toContain(norm(`A reading from the course reader ${manifest.title}`));
        expect(text, item.id).toContain(norm(unit.title));
        expect(text, item.id).toContain('source');
        if (item.pages) expect(text, item.id).toContain(norm(`pp. ${item.pages}`));
        const fromVolume = item.source.endsWith('volume.xml');
        if (fromVolume) {
          expect(text, item.id).toContain(norm('Foreign Relations of the United States, 1958–1960'));
          expect(text, item.id).toContain(norm('Charles S. Sampson'));
        }
        // the running head of the first page: the source edition (else the reader's title)
        const head = pdfText(file, 1)
          .split('\n')
          .map((l) => l.trim())
          .find(Boolean);
        expect(head, item.id).toMatch(
          fromVolume ? /^Foreign Relations of the United States, 1958–1960/ : /\S/,
        );
        const pages = Number(
          /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1],
        );
        if (pages > 1)
          expect(pdfText(file, 2).trim().split('\n')[0]?.trim(), `${item.id}: p. 2`).toBe(manifest.title);
      }
  });

  it('gives the units a level of the PDF bookmarks, and dates and authors in the contents, on item pages and in citations (issue #26)', () => {
    type Entry = { title: string; kids?: Entry[] };
    const { outlines } = JSON.parse(
      execFileSync('qpdf', ['--json', '--json-key=outlines', join(out, 'containment-reader.pdf')], {
        encoding: 'utf8',
      }),
    ) as { outlines: Entry[] };
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      units: { title: string; items: { id: string }[] }[];
    };
    const units = outlines.filter((o) => o.kids?.length);
    expect(units.map((u) => u.title)).toEqual(manifest.units.map((u) => u.title));
    for (const [k, unit] of units.entries())
      expect(unit.kids?.length, unit.title).toBe(manifest.units[k]?.items.length);
    expect(outlines.map((o) => o.title)).toContain('Introduction');
    // the EPUB: the nav (checked above) and the NCX of older reading systems, a unit each with its items
    const ncx = readEpub(join(out, 'containment-reader.epub')).get('OEBPS/toc.ncx') ?? '';
    expect(ncx).toContain('<meta name="dtb:depth" content="2" />');
    for (const unit of manifest.units) {
      const at = ncx.indexOf(`<navLabel><text>${unit.title}</text></navLabel>`);
      expect(at, unit.title).toBeGreaterThan(0);
      const next = ncx.indexOf('<navPoint id="nav-group', at + 1);
      const inner = ncx.slice(at, next < 0 ? undefined : next);
      for (const item of unit.items)
        expect(inner, `${unit.title}: ${item.id}`).toContain(`src="${item.id}.xhtml"`);
    }
    // dates and authors: the contents, each item's page, the citation
    const index = readFileSync(join(out, 'html/index.html'), 'utf8');
    expect(index).toContain('<span class="toc-meta">4 July 1918 · Georgy Chicherin · Moscow</span>');
    expect(index).toContain(
      '<span class="toc-meta">September 1944 · Department of State → President Roosevelt · Washington</span>',
    );
    expect(index).toContain('<span class="toc-meta">November 26, 1958, 11 a.m. · Washington</span>');
    for (const item of manifest.units.flatMap((u) => u.items)) {
      const page = readFileSync(join(out, 'html/docs', `${item.id}.html`), 'utf8');
      expect(page, item.id).toMatch(/<span class="doc-meta">[^<]*\d{4}[^<]*<\/span>/);
    }
    const state = readFileSync(join(out, 'html/docs/state-1944.html'), 'utf8');
    expect(
      htmlText(/<p class="citation"[\s\S]*?<\/p>/.exec(state)?.[0] ?? '').replace(/\s+/g, ' '),
    ).toContain('Department of State, “Department of State Briefing Paper,” September 1944,');
  });

  it('sets the headnote and the questions of every item in every format, and makes tagged handouts numbered from 1', () => {
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      units: { items: { id: string; headnote: string; questions: string[] }[] }[];
    };
    const items = manifest.units.flatMap((u) => u.items);
    const epub = [...readEpub(join(out, 'containment-reader.epub')).values()].map(htmlText).join(' ');
    const site = readdirSync(join(out, 'html/docs'))
      .map((f) => htmlText(readFileSync(join(out, 'html/docs', f), 'utf8')))
      .join(' ');
    for (const item of items) {
      const words = [item.headnote.replace(/\*/g, ''), ...item.questions].map((s) => norm(s).slice(0, 50));
      const handout = norm(pdfText(join(out, 'handouts', `${item.id}.pdf`)));
      for (const w of words) {
        expect(norm(site), `${item.id} HTML`).toContain(w);
        expect(norm(epub), `${item.id} EPUB`).toContain(w);
        expect(outputs.pdf, `${item.id} PDF`).toContain(w);
        expect(handout, `${item.id} handout`).toContain(w);
      }
      const info = execFileSync('pdfinfo', [join(out, 'handouts', `${item.id}.pdf`)], { encoding: 'utf8' });
      expect(info, item.id).toMatch(/Tagged:\s+yes/);
      const first = pdfText(join(out, 'handouts', `${item.id}.pdf`), 1)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(first.at(-1), `${item.id}: the folio of its first page`).toBe('1');
      expect(first[0], `${item.id}: opens with its text, not a title page`).not.toBe(item.id);
    }
  });

  it('gives each unit its own page and chapter: its introduction, reading list and readings with dates and authors; the first item no longer carries it (issue #26)', async () => {
    const manifest = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as {
      units: { title: string; introduction: string; items: { id: string; headnote: string }[] }[];
    };
    const epub = readEpub(join(out, 'containment-reader.epub'));
    const spine = [...(epub.get('OEBPS/content.opf') ?? '').matchAll(/<itemref idref="([^"]+)"/g)].map(
      (m) => m[1],
    );
    const manifestItems = new Map(
      [...(epub.get('OEBPS/content.opf') ?? '').matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [
        m[2] as string,
        m[1] as string,
      ]),
    );
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
    for (const [k, unit] of manifest.units.entries()) {
      const id = `unit-${k + 1}`;
      const file = join(out, 'html/units', `${id}.html`);
      const html = readFileSync(file, 'utf8');
      const text = norm(htmlText(html));
      expect(html).toContain(`<h1 class="unit-title">${unit.title}</h1>`);
      expect(text, id).toContain(norm(htmlText(unit.introduction)));
      const report = await validator.validateString(html, file);
      expect(
        report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => m.message)),
      ).toEqual([]);
      const chapter = epub.get(`OEBPS/${id}.xhtml`) ?? '';
      expect(norm(htmlText(chapter)), `${id}.xhtml`).toContain(norm(htmlText(unit.introduction)));
      // the unit's chapter comes before its first item in the reading order
      const first = unit.items[0]?.id as string;
      expect(spine.indexOf(manifestItems.get(`${id}.xhtml`))).toBe(
        spine.indexOf(manifestItems.get(`${first}.xhtml`)) - 1,
      );
      for (const item of unit.items) {
        const page = norm(htmlText(readFileSync(join(out, 'html/docs', `${item.id}.html`), 'utf8')));
        expect(html, `${id}: ${item.id}`).toContain(`href="../docs/${item.id}.html"`);
        expect(chapter, `${id}: ${item.id}`).toContain(`href="${item.id}.xhtml"`);
        // (the item's page links its unit, and no longer carries the unit's introduction)
        expect(page, item.id).not.toContain(norm(htmlText(unit.introduction)));
        expect(readFileSync(join(out, 'html/docs', `${item.id}.html`), 'utf8')).toContain(
          `href="../units/${id}.html"`,
        );
        const itemChapter = epub.get(`OEBPS/${item.id}.xhtml`) ?? '';
        expect(norm(htmlText(itemChapter)), item.id).not.toContain(norm(htmlText(unit.introduction)));
      }
    }
    // the units found by search (their introductions were, on the first item's page)
    const search = readFileSync(join(out, 'html/assets/search-index.js'), 'utf8');
    for (const k of [1, 2, 3]) expect(search).toContain(`"u":"units/unit-${k}.html"`);
    expect(search).toContain('eighteen months apart');
    // the readings listed with their dates and authors
    const week2 = htmlText(readFileSync(join(out, 'html/units/unit-2.html'), 'utf8'));
    expect(week2).toContain('September 1944 · Department of State → President Roosevelt');
    expect(week2).toContain('March 20, 1946');
    expect(htmlText(epub.get('OEBPS/unit-2.xhtml') ?? '')).toContain('September 1944 · Department of State');
    // the PDF, a book, prints the introduction at the unit's start, before its first item
    const pdf = outputs.pdf ?? '';
    const at = (markdown = ''): number => pdf.indexOf(norm(htmlText(markdown)).slice(0, 60));
    const intro = at(manifest.units[1]?.introduction);
    expect(intro).toBeGreaterThan(at(manifest.units[0]?.items.at(-1)?.headnote));
    expect(intro).toBeLessThan(at(manifest.units[1]?.items[0]?.headnote));
  });

  it('sets the reader’s pages apart accessibly: no axe-core violations (WCAG 2.1 AA) on the contents and on items with headnotes, questions and cuts, light and dark', async () => {
    const browser = await launchChromium();
    try {
      for (const scheme of ['light', 'dark'] as const) {
        for (const file of [
          'index.html',
          'units/unit-1.html',
          'docs/chicherin-1918.html',
          'docs/dulles-1958-11-26.html',
        ]) {
          const page = await browser.newPage();
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(`file://${join(out, 'html', file)}`);
          const violations = await axeViolations(page);
          expect(violations, `${file} (${scheme})`).toEqual([]);
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('refuses a range that does not exist and an unknown document, naming each item and its line, writing nothing', () => {
    const dir = tempDir('recto-reader-bad-');
    const manifest = {
      id: 'bad-reader',
      title: 'A reader with mistakes',
      editor: 'E',
      publisher: 'P',
      licence: 'CC0',
      language: 'en',
      units: [
        {
          title: 'Unit',
          items: [
            { source: SEEDS, document: '001_39edde1195e6049d.txt', pages: '225–226' },
            { source: VOLUME, document: 'd68', pages: '9999–10000' },
            { source: VOLUME, document: 'd99999' },
          ],
        },
      ],
    };
    const file = join(dir, 'reader.json');
    const text = JSON.stringify(manifest, null, 2);
    writeFileSync(file, text);
    const where = (needle: string): string => {
      const before = text.slice(0, text.indexOf(needle));
      return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
    };
    const target = join(dir, 'out');
    const r = recto(['reader', file, '--out', target]);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain(
      `${file}:${where('"pages": "9999–10000"')}: error [reader-range] units[0].items[1] (d68): pages 9999–10000 are not all in the document (its pages: 121–127)`,
    );
    // (an unknown document: the item is named where it opens)
    const item = text.lastIndexOf('{', text.indexOf('"d99999"'));
    const itemAt = `${text.slice(0, item).split('\n').length}:${item - text.slice(0, item).lastIndexOf('\n')}`;
    expect(r.stderr).toContain(
      `${file}:${itemAt}: error [reader-document] units[0].items[2] (d99999): no document with xml:id "d99999" in ${VOLUME}`,
    );
    expect(existsSync(target)).toBe(false);
  });
});
