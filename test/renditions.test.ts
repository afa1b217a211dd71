import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { readingText } from '../src/model/reading-text.ts';
import type { Block } from '../src/model/types.ts';
import { documentBlocks, type Item, type PdfBlock } from '../src/render/pdf/blocks.ts';
import { parseTei } from '../src/tei/read.ts';
import { epubcheck, readEpub } from './support/epub.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * Issue #27 (renditions, white space, ids, the list of terms, internal remarks): a small TEI read
 * by the model and rendered by the CLI. Each rendition feature reaches the HTML as its element or
 * class and the PDF as its text style or alignment; an unknown rend value is kept as a class and
 * reported once; the indentation of pretty-printed TEI between an element and punctuation is no
 * space; a duplicate xml:id is reported and made unique; a gloss links to its term; an internal
 * remark and a comment are out of the text and reported; an element of another namespace keeps its
 * words and is reported.
 */
const TEI = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Renditions</title></titleStmt>
      <publicationStmt><p>A test.</p></publicationStmt>
      <sourceDesc><p>Made for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <front>
      <div type="section" xml:id="terms">
        <head>Abbreviations and Terms</head>
        <list type="terms">
          <item>
            <hi rend="strong">
              <term xml:id="t_NIE1">NIE</term>,</hi> National Intelligence Estimate</item>
        </list>
      </div>
    </front>
    <body>
      <div type="chapter" xml:id="ch1">
        <head>Iran</head>
        <div type="document" xml:id="d1" n="1">
          <head>1. National Intelligence Estimate</head>
          <p>
            <gloss target="#t_NIE1">NIE</gloss> 34–64</p>
          <p rend="center">IRAN</p>
          <p rend="right">Washington, May 20</p>
          <p rend="indent">An indented paragraph.</p>
          <p rend="sectiontitleital">I. Iran's Problems</p>
          <p>Looks: <hi rend="italic">italic</hi>, <hi rend="bold">bold</hi>, <hi rend="strong">strong</hi>, <hi rend="smallcaps">Small</hi>, x<hi rend="superscript">2</hi>, H<hi rend="subscript">2</hi>O, <hi rend="underline">under</hi>, <hi style="font-style: italic">styled</hi>, <hi rendition="#bold">pointed</hi>, <hi rend="sparkly">odd</hi> and <hi rend="sparkly">odd again</hi>.</p>
          <p>The Secretary-General (
            <persName>Lie</persName>
            ) left for
            <placeName>Paris</placeName>
            , November 19.<!-- check the date --> <uh-oh>is this the right Lie?</uh-oh>Then home.</p>
          <p xml:id="d1p1">First of two.</p>
          <p xml:id="d1p1">Second of two.</p>
          <p>A <file xmlns="http://history.state.gov/ns/other">reference kept</file> here.</p>
        </div>
      </div>
    </body>
  </text>
</TEI>
`;

let dir: string;
let out: string;
let page: string;
let terms: string;
let stderr: string;
let book: Map<string, string>;

beforeAll(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'rend.xml'), TEI);
  out = join(dir, 'out');
  const r = recto(['render', join(dir, 'rend.xml'), '--out', out, '--formats', 'html,epub,pdf']);
  expect(r.status, r.stderr).toBe(0);
  stderr = r.stderr;
  page = readFileSync(join(out, 'html/docs/d1.html'), 'utf8');
  terms = readFileSync(join(out, 'html/docs/terms.html'), 'utf8');
  book = readEpub(join(out, readdirSync(out).find((f) => f.endsWith('.epub')) ?? ''));
}, 120_000);

const model = () => editionModel(parseTei(TEI, 'rend.xml'));
const blocksOf = (id: string): Block[] => model().documents.find((d) => d.id === id)?.blocks ?? [];
const pdfBlock = (words: string): PdfBlock | undefined =>
  documentBlocks(blocksOf('d1')).find((b) =>
    b.items.some((i) => i.kind === 'text' && i.text.includes(words)),
  );
const pdfStyle = (words: string): Item | undefined =>
  pdfBlock(words)?.items.find((i) => i.kind === 'text' && i.text.includes(words));

describe('renditions', () => {
  it('reach the HTML as elements and classes', () => {
    expect(page).toMatch(/<p id="para-\d+" class="rend-center">IRAN<\/p>/);
    expect(page).toMatch(/<p id="para-\d+" class="rend-right">Washington, May 20<\/p>/);
    expect(page).toMatch(/<p id="para-\d+" class="rend-indent">An indented paragraph\.<\/p>/);
    expect(page).toMatch(/<p id="para-\d+" class="rend-section-title rend-italic">I\. Iran's Problems<\/p>/);
    for (const html of [
      '<i>italic</i>',
      '<b>bold</b>',
      '<strong>strong</strong>',
      '<span class="smallcaps">Small</span>',
      'x<sup>2</sup>',
      'H<sub>2</sub>O',
      '<u>under</u>',
      '<i>styled</i>',
      '<b>pointed</b>',
      '<span class="hi rend-sparkly">odd</span>',
    ])
      expect(page).toContain(html);
  });

  it('reach the EPUB the same way, styled by its style sheet', () => {
    const chapter = [...book].find(([, text]) => text.includes('IRAN'))?.[1] ?? '';
    expect(chapter).toMatch(/<p id="para-\d+" class="rend-center">IRAN<\/p>/);
    expect(chapter).toContain('<strong>strong</strong>');
    const css = [...book].find(([name]) => name.endsWith('.css'))?.[1] ?? '';
    for (const c of ['.rend-center', '.rend-right', '.rend-indent', '.rend-section-title'])
      expect(css).toContain(c);
  });

  it('are the PDF’s alignment, indent and type', () => {
    expect(pdfBlock('IRAN')).toMatchObject({ align: 'center', indent: 0 });
    expect(pdfBlock('Washington, May 20')).toMatchObject({ align: 'right', indent: 0 });
    expect(pdfBlock('An indented paragraph.')?.leftIndent).toBeGreaterThan(0);
    expect(pdfBlock("I. Iran's Problems")).toMatchObject({ align: 'left', keepWithNext: true });
    expect(pdfStyle("I. Iran's Problems")).toMatchObject({ style: 'italic' });
    expect(pdfStyle('italic')).toMatchObject({ style: 'italic' });
    expect(pdfStyle('bold')).toMatchObject({ style: 'bold' });
    expect(pdfStyle('strong')).toMatchObject({ style: 'bold' });
    expect(pdfStyle('styled')).toMatchObject({ style: 'italic' });
    expect(pdfStyle('pointed')).toMatchObject({ style: 'bold' });
    // small capitals, drawn from capitals: the lower case at 78 %
    expect(pdfStyle('MALL')).toMatchObject({ text: 'MALL', scale: 0.78 });
  });

  it('print centred and right-aligned in the PDF', () => {
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
    const text = execFileSync('pdftotext', ['-layout', join(out, pdf), '-'], { encoding: 'utf8' });
    const iran = text.split('\n').find((l) => l.trim() === 'IRAN') ?? '';
    const right = text.split('\n').find((l) => l.trim() === 'Washington, May 20') ?? '';
    expect(iran.indexOf('IRAN')).toBeGreaterThan(20);
    expect(right.indexOf('Washington')).toBeGreaterThan(iran.indexOf('IRAN'));
  });

  it('an unknown value is reported once, at its first use, with a rule id and a count', () => {
    const lines = stderr.split('\n').filter((l) => l.includes('[tei-unknown-rend]'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/rend\.xml:32:\d+: warning \[tei-unknown-rend\] rendition "sparkly" .* \(2×\)/);
  });
});

describe('white space as TEI means it', () => {
  it('drops the indentation between an element and punctuation', () => {
    const text = readingText(blocksOf('d1')).text;
    expect(text).toContain('The Secretary-General (Lie) left for Paris, November 19.');
    expect(page).toContain('(<span class="name person">Lie</span>)');
    expect(page).toMatch(/<span class="name place">Paris<\/span>, November 19\./);
  });

  it('keeps a space on one line: the text’s own', () => {
    const m = editionModel(
      parseTei(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>A ( <hi>b</hi> ) c , d</p></body></text></TEI>',
        'x.xml',
      ),
    );
    expect(readingText(m.documents[0]?.blocks ?? []).text).toContain('A ( b ) c , d');
  });
});

describe('duplicate ids, remarks, other namespaces', () => {
  it('reports a duplicate xml:id where it is given again and makes it unique in the HTML', () => {
    expect(stderr).toMatch(/rend\.xml:39:\d+: warning \[tei-duplicate-id\] xml:id "d1p1" is given 2 times/);
    expect(page).toContain('<p id="d1p1">First of two.</p>');
    expect(page).toContain('<p id="d1p1-2">Second of two.</p>');
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('keeps an internal remark and a comment out of every format, and reports them', () => {
    expect(stderr).toMatch(/warning \[tei-internal-remark\] <uh-oh>/);
    expect(stderr).toMatch(/rend\.xml:37:\d+: info \[tei-comment\]/);
    const pdf = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
    const text = execFileSync('pdftotext', [join(out, pdf), '-'], { encoding: 'utf8' });
    for (const format of [page, [...book.values()].join('\n'), text]) {
      expect(format).not.toContain('right Lie');
      expect(format).not.toContain('check the date');
    }
    expect(page).toContain('November 19. Then home.');
  });

  it('keeps the words of an element of another namespace in every format, and reports it', () => {
    expect(stderr).toMatch(
      /warning \[html-unknown-element\] <\{http:\/\/history\.state\.gov\/ns\/other\}file>/,
    );
    expect(page).toContain('<span class="tei-unknown">reference kept</span>');
    expect([...book.values()].join('\n')).toContain('reference kept');
  });
});

describe('the list of terms', () => {
  it('links a gloss to its term, which has an anchor there', () => {
    expect(page).toContain('<a class="internal term" href="terms.html#t_NIE1">NIE</a> 34–64');
    expect(terms).toContain('<span class="term" id="t_NIE1">NIE</span>');
    const chapter = [...book].find(([, text]) => text.includes('34–64'))?.[1] ?? '';
    const target = /<a class="internal term" href="([^"#]+)#t_NIE1">NIE<\/a>/.exec(chapter)?.[1] ?? '';
    expect(target).not.toBe('');
    const termChapter = [...book].find(([name]) => name.endsWith(target))?.[1] ?? '';
    expect(termChapter).toContain('id="t_NIE1"');
  });

  it('sets a gloss’s words alone in print, with no page reference', () => {
    expect(pdfBlock('NIE')?.items.some((i) => i.kind === 'pageref')).toBe(false);
  });

  it('passes EPUBCheck', () => {
    const epub = readdirSync(out).find((f) => f.endsWith('.epub')) ?? '';
    const result = epubcheck(join(out, epub));
    expect(result.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
  }, 120_000);
});
