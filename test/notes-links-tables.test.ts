import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitAtMarkers } from '../src/render/html/split-markers.ts';
import { epubcheck, readEpub } from './support/epub.ts';
import { nestedLinks } from './support/markup.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * Issue #27 (rendering): a note of several paragraphs (a list, a quotation inside) is set as blocks,
 * not inside a span, in the HTML notes list, the EPUB footnote aside and the EPUB "Notes in full";
 * a page break or a note reference inside a link (a linked name, a `ref`) never puts a link inside
 * a link; table header cells say what they head (`scope`). A small TEI rendered by the CLI.
 */
const LONG = Array(20)
  .fill('The committee met again and the members read the whole of the report aloud.')
  .join(' ');

const TEI = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Notes with blocks</title></titleStmt>
      <publicationStmt><p>A test.</p></publicationStmt>
      <sourceDesc><p>Made for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="document" xml:id="d1" n="1">
        <head>1. Memorandum</head>
        <p>The meeting with <persName ref="#radek">Karl <pb n="133" xml:id="pg_133"/>Radek</persName> began late.<note n="1" xml:id="d1fn1"><p>First paragraph of the note.</p><list><item>one point</item><item>another point</item></list><p>Second paragraph of the note.</p></note>
        See the <ref target="https://example.org/report">report <pb n="134" xml:id="pg_134"/>of <hi rend="italic">the <pb n="135" xml:id="pg_135"/>mission</hi></ref> and <persName ref="#radek">Radek<note n="2" xml:id="d1fn2"><p>A note inside a linked name.</p></note> himself</persName>.<note n="3" xml:id="d1fn3"><p>${LONG}</p><quote><p>A quoted paragraph.</p></quote><p>Last words.</p></note></p>
        <table>
          <row role="label"><cell>Date</cell><cell>Place</cell></row>
          <row><cell role="label">Monday</cell><cell>Berlin</cell></row>
        </table>
        <p>Short note.<note n="4" xml:id="d1fn4">Only words.</note></p>
      </div>
    </body>
  </text>
  <standOff>
    <listPerson><person xml:id="radek"><persName>Radek, Karl</persName></person></listPerson>
  </standOff>
</TEI>
`;

let out: string;
let page: string;
let book: Map<string, string>;
let chapter: string;

beforeAll(() => {
  const dir = tempDir();
  writeFileSync(join(dir, 'notes.xml'), TEI);
  out = join(dir, 'out');
  const r = recto(['render', join(dir, 'notes.xml'), '--out', out, '--formats', 'html,epub', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  page = readFileSync(join(out, 'html/docs/d1.html'), 'utf8');
  const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
  book = readEpub(join(out, epub ?? ''));
  chapter =
    [...book].find(([name, text]) => name.endsWith('.xhtml') && text.includes('Memorandum'))?.[1] ?? '';
  expect(chapter).toContain('fn-d1fn1');
});

describe('a note of several blocks', () => {
  it('is a list item holding its paragraphs and list as blocks in the HTML notes list', () => {
    const item = /<li id="fn-d1fn1"[^>]*>([\s\S]*?)<\/li>\n/.exec(page)?.[1] ?? '';
    expect(item).toMatch(
      /<div class="note-body"><p>First paragraph of the note\.<\/p><ul class="list">.*<\/ul><p>Second paragraph of the note\.<\/p><\/div>/,
    );
    expect(item).not.toContain('<span class="note-body"><p>');
    // a note of words alone stays as it was
    expect(page).toContain('<span class="note-label">4</span> <span class="note-body">Only words.</span>');
  });

  it('is blocks in the EPUB footnote aside and in "Notes in full"', () => {
    expect(chapter).toMatch(/<aside [^>]*id="fn-d1fn1"><div class="note"><a [^>]*>1<\/a> <p>First paragraph/);
    const notes = book.get('OEBPS/notes.xhtml') ?? '';
    expect(notes).toMatch(
      /<div class="note-body"><p>The committee[^<]*<\/p><blockquote><p>A quoted paragraph\.<\/p>/,
    );
    expect(notes).not.toMatch(/<span class="note-body">\s*<(p|blockquote|ul)\b/);
  });

  it('passes EPUBCheck: no error, no warning', () => {
    const epub = readdirSync(out).find((f) => f.endsWith('.epub'));
    const result = epubcheck(join(out, epub ?? ''));
    expect(result.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
    expect([result.errors, result.warnings]).toEqual([0, 0]);
  }, 120_000);
});

describe('a page break or a note reference inside a link', () => {
  it('never puts a link inside a link, in the HTML page or the EPUB chapters', () => {
    expect(nestedLinks(page)).toBe(0);
    for (const [name, text] of book) if (name.endsWith('.xhtml')) expect(nestedLinks(text), name).toBe(0);
  });

  it('closes the link before the page marker and opens it again after it (the anchor on the first part)', () => {
    expect(page).toContain(
      '<a class="mention person" id="d1-m1" href="../register/radek.html" data-card="Radek, Karl">Karl </a><span class="pb" id="p133" data-page="133"><a class="pb-link" href="#p133"',
    );
    expect(page).toContain(
      '</span><a class="mention person" href="../register/radek.html" data-card="Radek, Karl">Radek</a> began late.',
    );
    // an italic around a page break is closed and opened again with the link
    expect(page).toMatch(
      /<a class="external" href="https:\/\/example.org\/report">of <i>the <\/i><\/a><span class="pb" id="p135"[^>]*>.*?<\/span><a class="external" href="https:\/\/example.org\/report"><i>mission<\/i><\/a>/,
    );
    // a note's reference inside a linked name stands between the two parts of the name's link
    expect(page).toContain(
      '<a class="mention person" id="d1-m2" href="../register/radek.html" data-card="Radek, Karl">Radek</a><a class="noteref" id="fnref-d1fn2" href="#fn-d1fn2" role="doc-noteref" aria-label="Note 2">2</a><a class="mention person" href="../register/radek.html" data-card="Radek, Karl"> himself</a>',
    );
    expect(chapter).toMatch(/<span epub:type="pagebreak"[^>]*id="page134"/);
  });

  it('splits nothing where there is no marker', () => {
    const words = [{ kind: 'text', text: 'plain' }] as const;
    expect(splitAtMarkers([...words])).toEqual([{ run: words }]);
    expect(splitAtMarkers([])).toEqual([]);
  });
});

describe('table header cells', () => {
  it('head their column (a header row) or their row (the first cell of a row of data)', () => {
    // (the HTML page's rows carry ids for search hits to land on, #31: `<tr id="table-2-row-1">`)
    for (const text of [page, chapter]) {
      expect(text).toMatch(/<tr(?: id="[^"]+")?><th scope="col">Date<\/th><th scope="col">Place<\/th><\/tr>/);
      expect(text).toMatch(/<tr(?: id="[^"]+")?><th scope="row">Monday<\/th><td>Berlin<\/td><\/tr>/);
    }
  });
});
