import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEpub } from './epub.ts';
import { checkPdfIndex, flatText, pdfIndex, pdfPageTexts } from './pdf-index.ts';
import { outlinePages } from './pdf-words.ts';

/**
 * The locator audit (issue #26): every page number a build prints — the PDF's index of names, its
 * contents, its cross-references, the HTML register, the EPUB index, the search results and the
 * "Cite this" line — checked against the page text: pdftotext of the PDF page it names, and for
 * the HTML and the EPUB the page-break anchors of the file it links to. A locator is right when it
 * is the page the words are printed on, or, where no page break tells which, the range of pages
 * they may be on (`pp. 696–709`), and when it is not listed twice.
 */
export interface Audit {
  checked: Record<string, number>; // by kind of locator
  wrong: string[];
}

export const newAudit = (): Audit => ({ checked: {}, wrong: [] });

function count(audit: Audit, kind: string, ok: boolean, what: () => string): void {
  audit.checked[kind] = (audit.checked[kind] ?? 0) + 1;
  if (!ok) audit.wrong.push(`${kind}: ${what()}`);
}

const decode = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const numeric = (s: string | undefined): boolean => s !== undefined && /^\d+$/.test(s);
const range = (from: string, to: string): string => (from === to ? from : `${from}–${to}`);

/**
 * A locator as printed (`p. 12`, `pp. 696–709`, `p. 12 (note)`, `p. 580 ff.`) → `12`, `696–709`,
 * `580 ff.`; none for anything else.
 */
export function locatorOf(label: string): string | undefined {
  const m = /^(pp?)\. (\S+?)( ff\.)?(?: \(note\))?$/.exec(decode(label).trim());
  if (!m) return undefined;
  if (m[3]) return m[1] === 'p' && numeric(m[2]) ? `${m[2]} ff.` : undefined;
  return (m[1] === 'pp') === (m[2] ?? '').includes('–') ? m[2] : undefined;
}

/** An HTML page or an EPUB chapter: its page breaks (where, which page) and the pages its document is on. */
export class PagedFile {
  readonly breaks: { at: number; n: string }[] = [];
  /**
   * For a document with no page break and no pages of its own: the page the document before it
   * ended on (all that is known: it begins there, `N ff.`; see auditBetweenBreaks for the truth).
   */
  opensAfter?: string;

  constructor(
    readonly html: string,
    readonly first: string | undefined, // the first page its document is on (citation_firstpage)
    readonly last: string | undefined,
    pageBreak: RegExp, // a page break's marker, the page in group 1
    readonly textStart = 0, // where its text begins
  ) {
    for (const m of html.matchAll(pageBreak)) this.breaks.push({ at: m.index, n: decode(m[1] ?? '') });
  }

  /**
   * Where an element's content begins (after its opening tag); for one in a note (or a note
   * itself), where the note's reference stands.
   */
  position(id: string): number | undefined {
    const found = this.html.indexOf(` id="${id}"`);
    if (found < 0) return undefined;
    const at = this.html.indexOf('>', found) + 1;
    const ref = (note: string): number | undefined => {
      const r = this.html.indexOf(`href="#${note}"`);
      return r < 0 ? undefined : r;
    };
    if (id.startsWith('fn-')) return ref(id);
    // inside a note: the last note opened before it that is not closed yet
    const notes = [...this.html.slice(0, at).matchAll(/<(li|aside)\b[^>]* id="(fn-[^"]+)"/g)];
    const note = notes.at(-1);
    if (note) {
      const close = this.html.indexOf(`</${note[1]}>`, note.index);
      if (close > at) return ref(note[2] ?? '');
    }
    return at;
  }

  /** Whether only markup and page markers stand between two places. */
  private bare(from: number, to: number): boolean {
    return !/\S/.test(
      this.html
        .slice(from, to)
        .replace(PAGE_MARKERS, '')
        .replace(/<[^>]*>/g, ''),
    );
  }

  /**
   * The locator of words standing at `at`: the page of the last break before them (one with no
   * words between counts: an element opening with a page break), else the pages up to the first.
   */
  expected(at: number): string | undefined {
    const before = this.breaks.findLast((b) => b.at < at || this.bare(at, b.at));
    if (before) return before.n;
    const after = this.breaks.find((b) => b.at > at);
    const from = this.first;
    if (!after)
      return from && this.last
        ? range(from, this.last)
        : (from ?? (this.opensAfter === undefined ? undefined : `${this.opensAfter} ff.`));
    if (!from) return undefined;
    if (!numeric(from) || !numeric(after.n) || Number(after.n) - 1 <= Number(from)) return from;
    return range(from, String(Number(after.n) - 1));
  }

  /** Whether `locator` is right for words at `at`: the expected one, or (`spans`) a range from it to a later break's page. */
  fits(locator: string, at: number, spans = false): boolean {
    const expected = this.expected(at);
    if (locator === expected) return true;
    if (!spans || !expected || !locator.includes('–')) return false;
    const [from, to] = locator.split('–');
    return from === expected.split('–')[0] && this.breaks.some((b) => b.at > at && b.n === to);
  }
}

/**
 * The truth for documents built from plain texts with no page break of their own (issue #26): the
 * pages the official volume.xml prints each on (its `pb`s between and inside the documents). The
 * "Cite this" locator of such a document must hold all of them: a range from its first to past its
 * last (`pp. 23–24`), or where it begins and no more (`p. 580 ff.`). A single page it runs past,
 * what the texts' builds printed before (the previous document's last page), is wrong.
 */
export function auditBetweenBreaks(site: string, volumeXml: string, audit: Audit, label: string): void {
  const truth = volumePages(readFileSync(volumeXml, 'utf8'));
  for (const [file, page] of sitePages(site)) {
    if (page.breaks.length) continue;
    const start = /data-start-page="([^"]*)"/.exec(page.html)?.[1];
    if (!start) continue;
    // (0011.txt is document 11 of the volume: d0011.html → d11)
    const id = `d${Number(/^d(\d+)\.html$/.exec(file)?.[1] ?? Number.NaN)}`;
    const pages = truth.get(id);
    const locator = decode(start);
    const [from = '', to] = locator.endsWith(' ff.') ? [locator.slice(0, -4)] : locator.split('–');
    const open = locator.endsWith(' ff.');
    const holds = (p: string): boolean => {
      if (!numeric(p) || !numeric(from)) return p === from;
      if (open) return Number(p) >= Number(from);
      return to === undefined ? p === from : Number(p) >= Number(from) && Number(p) <= Number(to);
    };
    count(
      audit,
      'citations (no page break: against volume.xml)',
      pages !== undefined && pages.length > 0 && pages.every(holds),
      () => `${label} ${file}: cites ${locator}, printed on ${pages?.join(', ') ?? '(not in the volume)'}`,
    );
  }
}

/** The pages each document of a FRUS volume.xml is printed on (its words'), by xml:id. */
function volumePages(xml: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const marks = [
    ...xml.matchAll(
      /<pb\b[^>]*\bn="([^"]*)"|<div\b[^>]*\btype="document"[^>]*\bxml:id="([^"]*)"[^>]*>|<div\b[^>]*\bxml:id="([^"]*)"[^>]*\btype="document"[^>]*>/g,
    ),
  ];
  let page: string | undefined;
  for (const [k, m] of marks.entries()) {
    if (m[1] !== undefined) {
      page = m[1];
      continue;
    }
    const id = (m[2] ?? m[3]) as string;
    const start = (m.index ?? 0) + m[0].length;
    // its end: the div closed at its own depth
    let depth = 1;
    let end = start;
    for (const d of xml.slice(start).matchAll(/<(\/?)div\b[^>]*?(\/?)>/g)) {
      if (d[2]) continue;
      depth += d[1] ? -1 : 1;
      if (depth === 0) {
        end = start + (d.index ?? 0);
        break;
      }
    }
    const inside = marks.slice(k + 1).filter((b) => b[1] !== undefined && (b.index ?? 0) < end);
    const first = inside[0];
    const words = (a: number, b: number): boolean =>
      /\S/.test(
        xml
          .slice(a, b)
          .replace(/<note\b[\s\S]*?<\/note>/g, '')
          .replace(/<[^>]*>/g, ''),
      );
    const pages = [
      // (its words before its first break are on the page before, unless it opens with the break)
      ...(page !== undefined && (!first || words(start, first.index ?? end)) ? [page] : []),
      ...inside.map((b) => b[1] as string),
    ];
    out.set(id, [...new Set(pages)]);
  }
  return out;
}

/** A page's marker with its words (`p. 12`), in the HTML and in the EPUB. */
const PAGE_MARKERS =
  /<span class="pb"[^>]*>(?:<a [^>]*>[^<]*<\/a>|[^<]*)<\/span>|<span epub:type="pagebreak"[^>]*>[^<]*<\/span>/g;

const HTML_BREAK = /<span class="pb" id="[^"]*" data-page="([^"]*)"/g;
const EPUB_BREAK = /<span epub:type="pagebreak"[^>]* aria-label="([^"]*)"/g;

/** The HTML site's document pages, by file name (`d12.html`). */
function sitePages(site: string): Map<string, PagedFile> {
  const out = new Map<string, PagedFile>();
  const docs = join(site, 'docs');
  for (const f of readdirSync(docs).filter((n) => n.endsWith('.html'))) {
    const html = readFileSync(join(docs, f), 'utf8');
    const meta = (name: string): string | undefined =>
      new RegExp(`name="${name}" content="([^"]*)"`).exec(html)?.[1];
    const start = html.indexOf('<div class="doc-text">');
    out.set(f, new PagedFile(html, meta('citation_firstpage'), meta('citation_lastpage'), HTML_BREAK, start));
  }
  return out;
}

/** The HTML edition: its register pages, its search index and its "Cite this" lines. */
export function auditSite(site: string, audit: Audit, label: string): void {
  const pages = sitePages(site);
  const script = readFileSync(join(site, 'assets', 'search-index.js'), 'utf8');
  const search = JSON.parse(script.slice(script.indexOf('{'), script.lastIndexOf('}') + 1)) as {
    docs: { u: string }[];
    index: { storedFields: Record<string, { d: number; a?: string; k: string; p?: string }> };
  };
  // in the edition's order: where a document with no page break and no pages of its own begins
  let ended: string | undefined;
  for (const doc of search.docs) {
    const page = pages.get(doc.u.replace(/^docs\//, ''));
    if (!page) continue;
    if (!page.breaks.length && page.first === undefined) page.opensAfter = ended;
    ended = page.breaks.at(-1)?.n ?? ended;
  }
  // register pages: each document's locators, each a link to a mention, each listed once
  const register = join(site, 'register');
  for (const f of existsSync(register) ? readdirSync(register) : []) {
    if (f === 'index.html' || !f.endsWith('.html')) continue;
    const html = readFileSync(join(register, f), 'utf8');
    for (const li of html.matchAll(/<li><a class="register-document"[\s\S]*?<\/li>/g)) {
      const seen = new Set<string>();
      for (const a of li[0].matchAll(/<a href="\.\.\/docs\/([^"#]+)#([^"]+)">([^<]+)<\/a>/g)) {
        const [, file = '', anchor = '', text = ''] = a;
        const where = `${label} register/${f}: ${text} → ${file}#${anchor}`;
        count(audit, 'HTML register', !seen.has(decode(text)), () => `${where} listed twice`);
        seen.add(decode(text));
        const locator = locatorOf(text);
        if (!locator) continue; // (a mention without a page: `mention 2`)
        const page = pages.get(file);
        const at = page?.position(anchor);
        count(
          audit,
          'HTML register',
          page !== undefined && at !== undefined && page.fits(locator, at),
          () => `${where} (expected ${at === undefined ? 'no such anchor' : page?.expected(at)})`,
        );
      }
    }
  }
  // search results: the page each entry gives
  for (const entry of Object.values(search.index.storedFields)) {
    if (!entry.p || !entry.a) continue;
    const file = search.docs[entry.d]?.u.replace(/^docs\//, '') ?? '';
    const page = pages.get(file);
    const at = page?.position(entry.a);
    count(
      audit,
      'search results',
      page !== undefined && at !== undefined && page.fits(entry.p, at, true),
      () =>
        `${label} ${file}#${entry.a} (${entry.k}): ${entry.p}, expected ${at === undefined ? 'no such anchor' : page?.expected(at)}`,
    );
  }
  // cross-references (`ref target="#in20"`): each to an element of the page it names; a reference
  // to the top of its own page (an index's `See Pahlavi` on main) goes nowhere
  for (const [file, page] of pages) {
    for (const m of page.html.matchAll(/<a class="internal(?: term)?" href="([^"#]*)(?:#([^"]*))?"/g)) {
      const [, to = '', fragment] = m;
      const target = to === '' ? page : pages.get(to);
      const ok = target !== undefined && (fragment ? target.html.includes(` id="${fragment}"`) : to !== file);
      count(audit, 'HTML cross-references', ok, () => `${label} ${file}: a link to ${to}#${fragment ?? ''}`);
    }
  }
  // "Cite this": the page its words begin on, before the reader scrolls
  for (const [file, page] of pages) {
    const start = /data-start-page="([^"]*)"/.exec(page.html)?.[1];
    if (!start || page.textStart < 0) continue;
    count(
      audit,
      'citations',
      page.fits(decode(start), page.textStart),
      () => `${label} ${file}: cites ${start}, expected ${page.expected(page.textStart)}`,
    );
    const text = /<span class="cite-page">([^<]*)<\/span>/.exec(page.html)?.[1] ?? '';
    count(
      audit,
      'citations',
      locatorOf(text.replace(/^, /, '')) === decode(start),
      () => `${label} ${file}: "${text}" for ${start}`,
    );
  }
}

/** The EPUB's index: each locator links to a mention whose chapter's page breaks agree; each listed once. */
export function auditEpub(epub: string, site: string, audit: Audit, label: string): void {
  const files = readEpub(epub);
  const index = [...files].find(([name, text]) => name.endsWith('.xhtml') && text.includes('index-locator'));
  if (!index) return;
  const pages = sitePages(site);
  const chapters = new Map<string, PagedFile>();
  const chapter = (file: string): PagedFile | undefined => {
    if (!chapters.has(file)) {
      const html = files.get(`OEBPS/${file}`);
      // the pages its document is on, from the site's page of it
      const doc = pages.get(file.replace(/\.xhtml$/, '.html'));
      if (html) chapters.set(file, new PagedFile(html, doc?.first, doc?.last, EPUB_BREAK));
    }
    return chapters.get(file);
  };
  for (const entry of index[1].matchAll(/<li epub:type="index-entry">[\s\S]*?<\/li>/g)) {
    const seen = new Set<string>();
    for (const a of entry[0].matchAll(/<a epub:type="index-locator" href="([^"#]+)#([^"]+)">([^<]+)<\/a>/g)) {
      const [, file = '', anchor = '', text = ''] = a;
      const where = `${label} EPUB index: ${decode(text)} → ${file}#${anchor}`;
      const page = chapter(file);
      count(audit, 'EPUB index', !seen.has(`${file}|${text}`), () => `${where} listed twice`);
      seen.add(`${file}|${text}`);
      const locator = locatorOf(text);
      if (!locator) continue;
      const at = page?.position(anchor);
      count(
        audit,
        'EPUB index',
        page !== undefined && at !== undefined && page.fits(locator, at),
        () => `${where} (expected ${at === undefined ? 'no such anchor' : page?.expected(at)})`,
      );
    }
  }
}

/**
 * The PDF: its index of names (each page prints the name), its contents (each page prints the
 * entry's title), and the cross-references of a volume's own index (`27 (p. 78)`: page 78 prints
 * the source's page 27 in its margin, `[27]`).
 */
export async function auditPdf(
  pdf: string,
  master: string,
  audit: Audit,
  label: string,
  options: { complete?: boolean } = {},
): Promise<void> {
  const texts = pdfPageTexts(pdf);
  const index = await checkPdfIndex(pdf, master, texts);
  audit.checked['PDF index'] = (audit.checked['PDF index'] ?? 0) + index.numbers + index.see;
  audit.wrong.push(...index.misses.map((m) => `PDF index: ${label} ${m}`));
  if (options.complete) {
    // and no page missing: every page of the text that prints an entry's name is listed (where
    // every mention of the name is tagged, as in the seeds: issue #26 found page 29 left out)
    const { entries } = pdfIndex(pdf, texts);
    // (the documents' pages: not the introduction's; a page's first line, its running head, left out)
    const textPages = outlinePages(pdf).filter(
      (o) => o.title !== 'Index of Names' && o.title !== 'Introduction',
    );
    const from = textPages[0]?.page ?? 1;
    const to = (outlinePages(pdf).find((o) => o.title === 'Index of Names')?.page ?? texts.length + 1) - 1;
    for (const [key, pages] of entries) {
      if (key.includes('|')) continue;
      const surname = (key.split(',')[0] ?? key).toLowerCase();
      const subPages = [...entries].filter(([k]) => k.startsWith(`${key}|`)).flatMap(([, p]) => p);
      for (let n = from; n <= to; n++) {
        const body = (texts[n - 1] ?? '').replace(/^\s*[^\n]*\n/, '');
        const printed = new RegExp(`\\b${surname}\\b`).test(flatText(body).toLowerCase());
        if (!printed) continue;
        count(
          audit,
          'PDF index (pages listed)',
          pages.includes(n) || subPages.includes(n),
          () => `${label} ${key}: p. ${n} prints the name, the index leaves it out`,
        );
      }
    }
  }
  // the contents: from the page headed `Contents` to the first page the outline gives
  const outline = outlinePages(pdf);
  const firstEntry = outline[0]?.page;
  const contents = texts.findIndex((t) => t.trimStart().startsWith('Contents\n')) + 1 || undefined;
  // contents: a title (one line or more), its page number at the end of its last line
  if (contents && firstEntry) {
    let title: string[] = [];
    // (set out as printed: a title's own figures, `Memorandum 27`, stand apart from its page number)
    const laidOut = execFileSync(
      'pdftotext',
      ['-layout', '-f', String(contents), '-l', String(firstEntry - 1), pdf, '-'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    ).split('\f');
    for (let n = contents; n < firstEntry; n++) {
      const lines = (laidOut[n - contents] ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      // (each page's first line is the title or the running head; its last, the folio)
      for (const line of lines.slice(1)) {
        if (line === String(n)) continue;
        const m = /^(?:(.*\S)\s{2,})?(\d+)$/.exec(line);
        if (!m || (!m[1] && title.length === 0)) {
          title.push(line);
          continue;
        }
        const page = Number(m[2]);
        const lines = [...title, m[1] ?? ''];
        title = [];
        // the page prints the title's first words (the lines before it may be a division's title)
        const text = flatText(texts[page - 1] ?? '').toLowerCase();
        // (the contents number a document the source numbers, `123. Department of State …`; its
        // head prints the title as the source does, the number given apart: its first words then)
        const starts = lines.flatMap((_, k) => {
          const title = flatText(lines.slice(k).join('\n').trim()).replace(/\s*\(pp?\. [^)]*\)$/, '');
          const words = (t: string): string => t.split(' ').slice(0, 4).join(' ').toLowerCase();
          const unnumbered = title.replace(/^\d+\. /, '');
          return unnumbered === title ? [words(title)] : [words(title), words(unnumbered)];
        });
        count(
          audit,
          'PDF contents',
          starts.some((w) => w && text.includes(w)),
          () => `${label} contents: "${lines.join(' ')}" p. ${page}`,
        );
      }
    }
  }
  // a volume's own index: its references to the source's pages, each with the page of this book
  const own = outline.find((o) => o.title === 'Index')?.page;
  if (own) {
    const end = outline.find((o) => o.page > own)?.page ?? texts.length + 1;
    for (let n = own; n < end; n++) {
      // a see-reference (`Shah of Iran. See Pahlavi, Muhammad Reza Shah`) prints no page number
      // (its item is found in the index) and no space before its comma
      for (const line of (texts[n - 1] ?? '').split('\n')) {
        // (`See Pahlavi, …` to the line's end; `(see also Six-Day War)` to its bracket)
        const see = /\(see\b([^)]*)/.exec(line)?.[1] ?? /\bSee\b(.*)$/.exec(line)?.[1];
        if (see === undefined) continue;
        count(
          audit,
          'PDF see-references',
          !see.includes('(p.') && !see.includes(' ,'),
          () => `${label} index p. ${n}: ${line.trim()}`,
        );
      }
      for (const m of flatText(texts[n - 1] ?? '').matchAll(/(\d+)n? \(p\. (\d+)\)/g)) {
        const page = Number(m[2]);
        const text = texts[page - 1] ?? '';
        // (an index's numbers are the source's pages, `[27]` in the margin, or its documents'
        // numbers, `35. Telegram …` where the document opens: FRUS 1969–76)
        count(
          audit,
          'PDF cross-references',
          text.includes(`[${m[1]}]`) || new RegExp(`^${m[1]}\\. `, 'm').test(text),
          () => `${label} index p. ${n}: ${m[0]} (page ${page} has no [${m[1]}] and no document ${m[1]})`,
        );
      }
    }
  }
}
