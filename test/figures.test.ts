import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { epubcheck, readEpub } from './support/epub.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * Figures (#27): a small TEI with a real PNG and a real JPEG beside it (test/fixtures/figures/)
 * and a PNG inside it (`binaryObject`): each image is in the HTML site (copied under its assets),
 * in the EPUB (listed in the package with its media type; EPUBCheck 0 errors, 0 warnings) and in
 * the PDF (pdfimages lists it). An image that is not found, an address that leaves the folder and
 * an embedded video player are visible placeholders with their address in every format, each one
 * warning at its line:column; `--assets DIR` is looked in.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/figures');

/** A tiny PNG made here (8 × 8, red), for the binaryObject. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let r = 0xffffffff;
    for (const x of b) r = (crcTable[(r ^ x) & 255] as number) ^ (r >>> 8);
    return (r ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8; // bits
  header[9] = 2; // RGB
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: 8 }, () => [200, 30, 30]).flat()),
  ]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: 8 }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BINARY = tinyPng().toString('base64');

const tei = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Figures</title></titleStmt>
      <publicationStmt><p>A test.</p></publicationStmt>
      <sourceDesc><p>Made for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="document" xml:id="d1" n="1">
        <head>1. Memorandum with figures</head>
        <p>The map below shows the border.</p>
${body}
        <p>The end.</p>
      </div>
    </body>
  </text>
</TEI>
`;

const FOUND = tei(`        <figure xml:id="fig-map">
          <graphic url="map.png" width="60px" height="40px"/>
          <head>The border in 1950</head>
          <figDesc>A gradient from dark blue to gold.</figDesc>
        </figure>
        <figure>
          <graphic url="photo.jpg" mimeType="image/jpeg"/>
          <p>The delegation arriving</p>
        </figure>
        <figure>
          <binaryObject mimeType="image/png">
${BINARY.replace(/(.{60})/g, '$1\n')}
          </binaryObject>
          <head>A red square</head>
        </figure>`);

const MISSING = tei(`        <figure>
          <head>Plan of the embassy</head>
          <p>Ground floor</p>
          <graphic url="plans/embassy.png"/>
        </figure>`);

const OTHERS = tei(`        <figure>
          <graphic url="https://example.org/seal.png"/>
        </figure>
        <figure>
          <graphic url="../secret.png"/>
          <p>Outside the folder</p>
        </figure>
        <figure>
          <head>Reel 1</head>
          <div xmlns="http://www.w3.org/1999/xhtml" style="display:none"> 600x338 </div>
          <script xmlns="http://www.w3.org/1999/xhtml" type="text/javascript" src="http://admin.example.com/js/Player.js"/>
          <object xmlns="http://www.w3.org/1999/xhtml" id="myExperience1" class="BrightcoveExperience">
            <param name="width" value="600"/>
            <param name="@videoPlayer" value="3652221451001"/>
          </object>
        </figure>
        <figure>
          <graphic url="Document A.1" width="26pc"/>
        </figure>
        <figure>
          <graphic url="assets-only.png"/>
          <head>From the assets folder</head>
        </figure>`);

const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Rendered {
  out: string;
  stderr: string;
  status: number | null;
  page: string;
  book: Map<string, string>;
  epubFile: string;
  pdfFile: string;
  pdfText: string;
}

function render(xml: string, files: Record<string, string> = {}, extra: string[] = []): Rendered {
  const dir = tempDir();
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(dir, name));
  const file = join(dir, 'figures.xml');
  writeFileSync(file, xml);
  const out = join(dir, 'out');
  const r = recto(['render', file, '--out', out, ...extra], { env: { SOURCE_DATE_EPOCH: '1' } });
  const epub = readdirSync(out).find((f) => f.endsWith('.epub')) ?? '';
  const pdf = readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '';
  return {
    out,
    stderr: r.stderr,
    status: r.status,
    page: readFileSync(join(out, 'html/docs/d1.html'), 'utf8'),
    book: readEpub(join(out, epub)),
    epubFile: join(out, epub),
    pdfFile: join(out, pdf),
    pdfText: run('pdftotext', ['-layout', join(out, pdf), '-']),
  };
}

/** Where a piece of the TEI starts: `line:column` (1-based), as a diagnostic names it. */
function at(xml: string, needle: string): string {
  const offset = xml.indexOf(needle);
  const before = xml.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

const chapterWith = (book: Map<string, string>, text: string): string =>
  [...book.entries()].find(([name, t]) => name.endsWith('.xhtml') && t.includes(text))?.[1] ?? '';

const figureWarnings = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => /warning \[(figure-[a-z-]+|[a-z]+-image-type)\]/.test(l));

describe('a TEI with a PNG and a JPEG beside it and a PNG inside it', () => {
  let r: Rendered;
  beforeAll(() => {
    r = render(FOUND, { 'map.png': join(FIXTURES, 'map.png'), 'photo.jpg': join(FIXTURES, 'photo.jpg') });
    expect(r.status, r.stderr).toBe(0);
  });

  it('HTML: each image an img with its description as alternative text, copied under the assets', () => {
    const imgs = [...r.page.matchAll(/<img class="figure-image" src="([^"]+)" alt="([^"]*)"/g)];
    expect(imgs.map((m) => m[2])).toEqual([
      'A gradient from dark blue to gold.', // figDesc
      'The delegation arriving', // no figDesc, no head: the caption
      'A red square', // the head
    ]);
    const site = join(r.out, 'html/docs');
    const bytes = imgs.map((m) => readFileSync(join(site, m[1] as string)));
    expect(bytes[0]?.equals(readFileSync(join(FIXTURES, 'map.png')))).toBe(true);
    expect(bytes[1]?.equals(readFileSync(join(FIXTURES, 'photo.jpg')))).toBe(true);
    expect(bytes[2]?.equals(tinyPng())).toBe(true);
    expect(imgs.every((m) => (m[1] as string).startsWith('../assets/figures/'))).toBe(true);
    expect(r.page).toContain('<figcaption>The border in 1950</figcaption>');
    expect(r.page).toContain('id="fig-map"');
    expect(r.page).toContain('assets/figures.css');
    // the binaryObject is an image, not its base64 text
    expect(r.page).not.toContain(BINARY.slice(0, 40));
    expect(figureWarnings(r.stderr)).toEqual([]);
  });

  it('EPUB: each image in the book and in the package with its media type; EPUBCheck 0 errors, 0 warnings', () => {
    const opf = r.book.get('OEBPS/content.opf') ?? '';
    const items = [...opf.matchAll(/<item id="figure_\d+" href="(images\/[^"]+)" media-type="([^"]+)"/g)];
    expect(items.map((m) => m[2])).toEqual(['image/png', 'image/jpeg', 'image/png']);
    for (const m of items) expect(r.book.has(`OEBPS/${m[1]}`)).toBe(true);
    const chapter = chapterWith(r.book, 'figure-image');
    expect(chapter).toContain(`src="${items[0]?.[1]}"`);
    expect(chapter).not.toContain(BINARY.slice(0, 40));
    const check = epubcheck(r.epubFile);
    expect(check.output.split('\n').filter((l) => /^(ERROR|WARNING|FATAL)/.test(l))).toEqual([]);
    expect([check.errors, check.warnings]).toEqual([0, 0]);
  });

  it('PDF: pdfimages lists the three images (PNG, JPEG, the embedded PNG), each with its caption', () => {
    const list = run('pdfimages', ['-list', r.pdfFile])
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc …
    expect(list.map((c) => [c[3], c[4], c[8]])).toEqual([
      ['60', '40', 'image'],
      ['43', '64', 'jpeg'],
      ['8', '8', 'image'],
    ]);
    for (const caption of ['The border in 1950', 'The delegation arriving', 'A red square'])
      expect(r.pdfText).toContain(caption);
    expect(r.pdfText).not.toContain('Image not included');
  });

  it('the same input gives the same bytes (EPUB and PDF)', () => {
    const again = render(FOUND, {
      'map.png': join(FIXTURES, 'map.png'),
      'photo.jpg': join(FIXTURES, 'photo.jpg'),
    });
    expect(readFileSync(again.epubFile).equals(readFileSync(r.epubFile))).toBe(true);
    expect(readFileSync(again.pdfFile).equals(readFileSync(r.pdfFile))).toBe(true);
  });
});

describe('a TEI whose image is missing', () => {
  let r: Rendered;
  beforeAll(() => {
    r = render(MISSING);
    expect(r.status, r.stderr).toBe(0);
  });

  it('exactly one warning, at the graphic’s line:column, for all three formats', () => {
    const warnings = figureWarnings(r.stderr);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      `figures.xml:${at(MISSING, '<graphic url="plans')}: warning [figure-image-missing] image "plans/embassy.png" not found`,
    );
  });

  it('a placeholder with the address, the caption kept, in every format', () => {
    const placeholder =
      '<p class="figure-placeholder"><span class="figure-notice">Image not included</span>: <span class="figure-address">plans/embassy.png</span> <span class="figure-description">Plan of the embassy</span></p>';
    expect(r.page).toContain(placeholder);
    expect(r.page).toContain('<figcaption>Plan of the embassyGround floor</figcaption>');
    expect(chapterWith(r.book, 'figure-placeholder')).toContain(placeholder);
    expect(r.pdfText).toMatch(/Image not included: plans\/embassy\.png Plan of the embassy/);
    expect(r.pdfText).toContain('Plan of the embassyGround floor');
    expect(
      run('pdfimages', ['-list', r.pdfFile])
        .split('\n')
        .slice(2)
        .filter((l) => l.trim()),
    ).toEqual([]);
    expect([...r.book.keys()].filter((k) => k.startsWith('OEBPS/images/'))).toEqual([]);
  });
});

describe('links, labels, a path out of the folder, a video player and --assets', () => {
  let r: Rendered;
  let assets: string;
  beforeAll(() => {
    const dir = tempDir();
    assets = join(dir, 'assets');
    mkdirSync(assets, { recursive: true });
    copyFileSync(join(FIXTURES, 'map.png'), join(assets, 'assets-only.png'));
    // a real image just outside the folders looked in: never taken
    copyFileSync(join(FIXTURES, 'map.png'), join(dir, 'secret.png'));
    r = render(OTHERS, {}, ['--assets', assets]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('a URL is a link, a label is text, a video player says it was there; one warning each', () => {
    expect(r.page).toContain(
      '<a class="figure-address" href="https://example.org/seal.png">https://example.org/seal.png</a>',
    );
    expect(r.page).toContain('<span class="figure-address">Document A.1</span>');
    expect(r.page).toContain(
      '<span class="figure-notice">Video not included</span>: <span class="figure-address">videoPlayer 3652221451001</span>',
    );
    expect(r.page).not.toContain('600x338');
    expect(r.page).not.toContain('<figure><figcaption></figcaption></figure>');
    const rules = figureWarnings(r.stderr).map((l) =>
      /\.xml:(\d+:\d+): warning \[([a-z-]+)\]/.exec(l)?.slice(1),
    );
    expect(rules).toEqual([
      [at(OTHERS, '<graphic url="https'), 'figure-image-missing'], // the URL: not fetched
      [at(OTHERS, '<graphic url="../secret'), 'figure-image-missing'], // outside the folder
      [at(OTHERS, '<object'), 'figure-embedded'], // the player
      [at(OTHERS, '<graphic url="Document'), 'figure-image-missing'], // a label
    ]);
    const epub = chapterWith(r.book, 'figure-placeholder');
    expect(epub).toContain('<a class="figure-address" href="https://example.org/seal.png">');
    expect(epub).toContain('Video not included');
    expect(r.pdfText).toContain('Video not included: videoPlayer 3652221451001');
    expect(r.pdfText).toContain('Image not included: Document A.1');
  });

  it('a path that leaves the folder is not followed; the --assets folder is looked in', () => {
    expect(r.page).toContain('<span class="figure-address">../secret.png</span>');
    const imgs = [...r.page.matchAll(/<img class="figure-image" src="([^"]+)" alt="([^"]*)"/g)];
    expect(imgs.map((m) => m[2])).toEqual(['From the assets folder']);
    expect(existsSync(join(r.out, 'html/docs', imgs[0]?.[1] ?? ''))).toBe(true);
    expect(
      run('pdfimages', ['-list', r.pdfFile])
        .split('\n')
        .slice(2)
        .filter((l) => l.trim()),
    ).toHaveLength(1);
  });

  it('--assets must be a folder', () => {
    const file = join(tempDir(), 'x.xml');
    writeFileSync(file, MISSING);
    const bad = recto(['render', file, '--out', tempDir(), '--assets', join(tempDir(), 'nope')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no such folder');
  });
});
