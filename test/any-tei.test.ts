import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { epubcheck } from './support/epub.ts';
import { pdfPages } from './support/pdf-words.ts';
import { ROOT, recto, tempDir } from './support/run.ts';
import { classes, visibleText } from './support/visible-text.ts';

/**
 * Issue #27, "Any TEI P5, and P4 read": TEI documents from outside FRUS
 * (`test/fixtures/any-tei/`, sources and licences in its README) render with exit 0; every word of
 * each `text` reaches the HTML and the PDF (pdftotext); EPUBCheck finds 0 errors; internal entities
 * are expanded within limits; a TEI P4 document is read as P5 with one notice.
 */
const DIR = join(ROOT, 'test/fixtures/any-tei');
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.xml'));

/** A word as compared: letters and digits only, without case (punctuation is Recto's to set). */
const normal = (w: string): string =>
  w
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]/gu, '');
const wordsOf = (text: string): string[] => text.split(/\s+/).map(normal).filter(Boolean);

/** Internal entities expanded the simple way (the fixture's are plain text or one element). */
function expandSimply(xml: string): string {
  const entities = new Map<string, string>();
  for (const m of xml.matchAll(/<!ENTITY\s+(\S+)\s+"([^"]*)">/g)) entities.set(m[1] ?? '', m[2] ?? '');
  let out = xml.replace(/<!DOCTYPE[\s\S]*?\]>/, '');
  for (let k = 0; k < 5; k++)
    out = out.replace(/&([A-Za-z][\w.-]*);/g, (ref, name: string) => entities.get(name) ?? ref);
  return out.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) =>
    String.fromCodePoint(Number.parseInt(hex, 16)),
  );
}

/**
 * The source's own form beside the editors' in a `choice` (an abbreviation beside its expansion,
 * an original spelling beside its regularization): the HTML shows both, the PDF prints the editors'
 * reading only (a print apparatus of the diplomatic forms is the print issue's).
 */
function diplomatic(
  choice: { children?: { type: string; name?: string }[] },
  child: { type: string; name?: string },
): boolean {
  const has = (name: string): boolean => (choice.children ?? []).some((c) => c.name === name);
  return (child.name === 'abbr' && has('expan')) || (child.name === 'orig' && has('reg'));
}

/**
 * Phrase-level elements whose element children are parts of one word (`<expan><unclear>Σαραπ</unclear>
 * <ex>ᾶτι</ex></expan>`), not items apart.
 */
const PHRASE = new Set([
  'expan',
  'abbr',
  'w',
  'hi',
  'unclear',
  'supplied',
  'num',
  'seg',
  'add',
  'del',
  'orig',
]);

/**
 * What Recto prints for an omission without a description, `[lost]` (its reason, or "text
 * omitted"), touches the letters of a word broken by it in the Leiden way (`ἀρτο[lost]`): the
 * bracket is set apart as a word of its own before the words are compared.
 */
function omissionsApart(xml: string): (text: string) => string {
  const said = new Set(['text omitted']);
  for (const m of xml.matchAll(/<gap\b[^>]*\breason="([^"]+)"/g))
    said.add((m[1] ?? '').replace(/[-_]/g, ' '));
  const escaped = [...said].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const bracket = new RegExp(`\\[(${escaped.join('|')})\\]`, 'g');
  return (text) => text.replace(bracket, ' [$1] ');
}

/**
 * The words of a TEI document's `text` (not its header), as an XML reader of TEI reads them: in
 * mixed content an element is no word boundary (`d<ex>eu</ex>m`, `91 leaves<dimensions>`); where
 * content is elements only (an `eTree`, an `app`) each element is apart; a note is text of its own.
 * For the print (`print`), without the diplomatic forms of a `choice`.
 */
function teiWords(xml: string, print = false): string[] {
  type Node = { type: string; data?: string; name?: string; children?: Node[] };
  const textOf = (n: Node): string => {
    if (n.type === 'text') return n.data ?? '';
    if (n.type !== 'tag') return '';
    const e = n;
    const kids = (e.children ?? []).filter((c) => !print || !(e.name === 'choice' && diplomatic(e, c)));
    const elementOnly =
      !PHRASE.has(e.name ?? '') && !kids.some((c) => c.type === 'text' && (c.data ?? '').trim() !== '');
    const inner = kids.map(textOf).join(elementOnly ? ' ' : '');
    return e.name === 'note' ? ` ${inner} ` : inner;
  };
  // a line broken inside a word (`lb break="no"`) joins the word, the white space around it layout
  const joined = expandSimply(xml).replace(/\s*<lb\b[^>]*\bbreak="no"[^>]*\/>\s*/g, '');
  const root = parseDocument(joined, { xmlMode: true }).children;
  // (a transcription of the source's pages only has a `sourceDoc` in place of the `text`)
  const text =
    DomUtils.findOne((e) => e.name === 'text', root) ?? DomUtils.findOne((e) => e.name === 'sourceDoc', root);
  expect(text, 'the document has a text').toBeTruthy();
  return wordsOf(text ? textOf(text as unknown as Node) : '');
}

/** The words of every page of the site's documents, as a reader sees them (diplomatic alternatives included). */
function htmlWords(site: string, apart: (text: string) => string): Map<string, number> {
  const count = new Map<string, number>();
  const docs = join(site, 'docs');
  for (const page of readdirSync(docs).filter((f) => f.endsWith('.html'))) {
    // (a correction's diplomatic form, beside its reading, is a word of its own)
    const html = readFileSync(join(docs, page), 'utf8').replace(/<span class="d">/g, ' <span class="d">');
    const { body, notes } = visibleText(html, (name, attrs) => {
      if (name === 'main') return 'body';
      if (name === 'script' || name === 'style') return 'skip';
      // what Recto adds beside the words: note references, page markers
      if (classes(attrs).includes('noteref')) return 'skip';
      // (and the words said to a screen reader only, `Supplied by the editors:` inside a word)
      if (classes(attrs).includes('visually-hidden')) return 'skip';
      if (classes(attrs).includes('pb')) return 'page';
      return undefined;
    });
    for (const w of wordsOf(apart([body, ...notes].join(' ')))) count.set(w, (count.get(w) ?? 0) + 1);
  }
  return count;
}

/**
 * The words of a PDF as poppler reads them (`pdftotext -bbox`), each page's in reading order: the
 * parts of a word poppler splits where the type changes (small capitals, `4` `th`) joined when
 * nothing stands between them on the line, and a word hyphenated at a line end joined again.
 */
function pdfWords(pdf: string, apart: (text: string) => string): Map<string, number> {
  const count = new Map<string, number>();
  const parts: string[] = [];
  for (const page of pdfPages(pdf)) {
    const list = [...page.text, ...page.margin];
    const joined: string[] = [];
    for (const [k, w] of list.entries()) {
      const last = joined.at(-1);
      const before = list[k - 1];
      // (a raised note number touches its word too, but is no part of it: the TEI has no such word)
      const touching =
        before !== undefined &&
        !/^\d+$/.test(w.text) &&
        w.x >= before.x2 - 0.5 &&
        w.x - before.x2 < 0.6 &&
        Math.min(before.y2, w.y2) - Math.max(before.y, w.y) >
          0.5 * Math.min(w.y2 - w.y, before.y2 - before.y);
      // (a word that starts back to the left begins a new line)
      const carried = last !== undefined && /[-\u00ad]$/.test(last) && w.x < (before?.x ?? 0);
      // (a hyphen the source has at its line's end, `re-` / `read`, may be the text's own: the two
      // parts are read as words too)
      if (carried && last.endsWith('-')) parts.push(last, w.text);
      if (last !== undefined && (touching || carried)) joined[joined.length - 1] = `${last}${w.text}`;
      else joined.push(w.text);
    }
    for (const w of wordsOf(apart(joined.join(' ')))) count.set(w, (count.get(w) ?? 0) + 1);
  }
  for (const w of wordsOf(parts.join(' '))) count.set(w, (count.get(w) ?? 0) + 1);
  return count;
}

/** The words of `expected` that `shown` lacks (each word of `shown` used once). */
function missingFrom(expected: string[], shown: Map<string, number>): string[] {
  return expected.filter((w) => {
    const n = shown.get(w) ?? 0;
    if (n > 0) shown.set(w, n - 1);
    return n === 0;
  });
}

describe('TEI documents from outside FRUS (test/fixtures/any-tei)', () => {
  it('has ten or more, each with its source and licence in the README', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const f of FIXTURES) expect(readme, f).toContain(f);
  });

  for (const file of FIXTURES)
    it(`${file}: renders with exit 0; every word of its text in the HTML and the PDF; EPUBCheck 0 errors`, () => {
      const out = tempDir('recto-any-tei-');
      const r = recto(['render', join(DIR, file), '--out', out, '--formats', 'html,epub,pdf']);
      expect(r.status, r.stderr).toBe(0);
      const xml = readFileSync(join(DIR, file), 'utf8');
      const apart = omissionsApart(xml);
      expect(missingFrom(teiWords(xml), htmlWords(join(out, 'html'), apart))).toEqual([]);
      const pdf = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
      expect(missingFrom(teiWords(xml, true), pdfWords(join(out, pdf), apart))).toEqual([]);
      const epub = readdirSync(out).find((f) => f.endsWith('.epub')) ?? '';
      const check = epubcheck(join(out, epub));
      expect(check.errors, check.output).toBe(0);
    }, 120_000);
});

describe('internal entity declarations', () => {
  it('are expanded: characters, text and markup, in their place', () => {
    const out = tempDir('recto-entities-');
    const r = recto(['render', join(DIR, 'entities.xml'), '--out', out, '--formats', 'html']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(out, 'html/docs', readdirSync(join(out, 'html/docs'))[0] ?? ''), 'utf8');
    expect(page).toContain('we can not dedicate—we can not consecrate');
    expect(page).toContain(
      'Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated',
    );
    expect(page).toMatch(/Abraham Lincoln/);
  });

  it('refuses a billion-laughs declaration fast, at 1:1 with the declaration line:column', () => {
    const dir = tempDir('recto-bomb-');
    const decls = Array.from(
      { length: 9 },
      (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`,
    ).join('\n');
    writeFileSync(
      join(dir, 'bomb.xml'),
      `<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY lol "lol">\n${decls}\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&lol9;</p></body></text></TEI>`,
    );
    const started = Date.now();
    const r = recto(['render', join(dir, 'bomb.xml'), '--out', join(dir, 'out'), '--formats', 'html']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bomb.xml:1:1: error [xml-entity-declaration] the entity "lol');
    expect(r.stderr).toMatch(/declared at \d+:1 would expand to more than 1,000,000 characters/);
  });

  it('refuses many references to a fair entity at the reference that crosses the limit', () => {
    const dir = tempDir('recto-amplify-');
    const refs = '&big;'.repeat(2_000);
    writeFileSync(
      join(dir, 'amp.xml'),
      `<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY big "${'x'.repeat(1_000)}">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n<p>${refs}</p></body></text></TEI>`,
    );
    const r = recto(['render', join(dir, 'amp.xml'), '--out', join(dir, 'out'), '--formats', 'html']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/amp\.xml:4:\d+: error \[xml-entity-expansion\]/);
  });

  it('refuses external, parameter and self-referring entities, and nesting beyond 40', () => {
    const dir = tempDir('recto-entity-refused-');
    const body = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>';
    const cases: [string, string, RegExp][] = [
      ['external.xml', '<!ENTITY x SYSTEM "file:///etc/passwd">', /external entity "x"/],
      ['parameter.xml', '<!ENTITY % p "x"> %p;', /parameter entity/],
      ['parameter-external.xml', '<!ENTITY % p SYSTEM "file:///etc/passwd">', /parameter entity "%p"/],
      ['parameter-nested.xml', '<!ENTITY % p "&#37;q;">', /parameter entity "%p"/],
      ['loop.xml', '<!ENTITY a "&b;"><!ENTITY b "&a;">', /refers to itself/],
      [
        'deep.xml',
        Array.from({ length: 45 }, (_, k) => `<!ENTITY e${k} "${k < 44 ? `&e${k + 1};` : 'end'}">`).join(''),
        /nest more than 40 deep/,
      ],
    ];
    for (const [name, decls, message] of cases) {
      writeFileSync(join(dir, name), `<?xml version="1.0"?><!DOCTYPE TEI [${decls}]>${body}`);
      const r = recto(['render', join(dir, name), '--out', join(dir, 'out'), '--formats', 'html']);
      expect(r.status, name).toBe(1);
      expect(r.stderr, name).toContain(`${name}:1:1: error [xml-entity-declaration]`);
      expect(r.stderr, name).toMatch(message);
    }
  });
});

describe('a DOCTYPE written for a DTD', () => {
  it('is read past: parameter entities with a plain literal, never referred to, and ATTLISTs (FreeDict)', () => {
    const dir = tempDir('recto-dtd-subset-');
    writeFileSync(
      join(dir, 'dtd.xml'),
      '<?xml version="1.0"?>\n<!DOCTYPE TEI PUBLIC "-//TEI P5//EN" "http://example.org/tei.dtd" [\n<!ENTITY % TEI.dictionaries "INCLUDE" >\n<!ATTLIST xptr url CDATA #IMPLIED >\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader><text><body><p>Read past.</p></body></text></TEI>',
    );
    const r = recto(['model', join(dir, 'dtd.xml')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('"Read past."');
  });
});

describe('an editors\' note set in the line (place="inline")', () => {
  it('stands apart from the word it follows in the HTML and the PDF (testnotes1: `amet [Inline note…] ipsum`)', () => {
    const out = tempDir('recto-inline-note-');
    const file = join(DIR, 'tei-stylesheets-testnotes1.xml');
    const r = recto(['render', file, '--out', out, '--formats', 'html,pdf']);
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(join(out, 'html/docs', readdirSync(join(out, 'html/docs'))[0] ?? ''), 'utf8');
    expect(page).toMatch(
      /amet <span class="editorial-note">.*\[Inline note in fifth paragraph\]<\/span> ipsum/,
    );
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, pdf), '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, ' ')).toContain('amet [Inline note in fifth paragraph] ipsum');
  }, 120_000);
});

describe('TEI P4', () => {
  it('is read as P5 with one notice (tei-p4-converted), its IDREF pointers as links', () => {
    const r = recto(['model', join(DIR, 'perseus-p4-greek.xml')]);
    expect(r.status, r.stderr).toBe(0);
    const dir = tempDir('recto-p4-');
    writeFileSync(
      join(dir, 'p4.xml'),
      '<?xml version="1.0"?>\n<TEI.2 lang="en"><teiheader><filedesc><titlestmt><title>P4</title></titlestmt><publicationstmt><p>x</p></publicationstmt><sourcedesc><p>x</p></sourcedesc></filedesc></teiheader>\n<text><body><div1 id="d1"><head>Book One</head><p>See <xref target="d1">here</xref>, <persname>Homer</persname>.</p></div1></body></text></TEI.2>',
    );
    const out = join(dir, 'out');
    const rendered = recto(['render', join(dir, 'p4.xml'), '--out', out, '--formats', 'html,epub']);
    expect(rendered.status, rendered.stderr).toBe(0);
    expect(rendered.stderr.match(/\[tei-p4-converted\]/g)).toHaveLength(1);
    expect(rendered.stderr).toContain('p4.xml:2:1: info [tei-p4-converted]');
    expect(rendered.stderr).not.toContain('unknown-element');
    const model = recto(['model', join(dir, 'p4.xml')]).stdout;
    expect(model).toContain('heading section level 1 "Book One"');
    expect(model).toMatch(/paragraph "See here, Homer\." \[link, name\]/);
  });
});

describe('unknown elements', () => {
  it('keep every word apart in every format (an eTree whose leaves touch)', () => {
    const model = recto(['model', join(DIR, 'tree.xml')]).stdout;
    expect(model).toContain('"S NP Sam VP V kissed NP Pat"');
  });
});
