import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEdition } from '../src/model/documents.ts';
import { inlineText } from '../src/normalize/unparse.ts';
import { isElement, localName, type TeiNode } from '../src/tei/node.ts';
import { readTei } from '../src/tei/read.ts';
import { ROOT, recto, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

/** The seed edition's print PDF, checked with poppler and qpdf, page by page. */
const ARTIFACTS = join(ROOT, 'test-artifacts');
const env = { SOURCE_DATE_EPOCH: '1700000000' };
let out: string;
let pdf: string;
let pages: string[];

const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
const squash = (s: string): string => s.replace(/\s+/g, '');
/** Words as letters and digits only, hyphenation at line ends undone. */
const wordsOf = (s: string): string[] =>
  s
    .replace(/(\p{L})-[ \t]*\n\s*(\p{Ll})/gu, '$1$2')
    .toLowerCase()
    .split(/[\s\-–—/]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);

/** Reading text of a TEI element as the PDF sets it (corrections, brackets; notes apart). */
function reading(n: TeiNode): string {
  if (typeof n === 'string') return n;
  const name = localName(n.name);
  if (name === 'note' && n.attrs.place === 'foot') return n.attrs.n ?? ''; // the reference number, set glued
  if (['note', 'fw', 'desc', 'sic', 'teiHeader', 'pb', 'lb'].includes(name)) return ' ';
  if (name === 'gap') return ' […] ';
  if (name === 'supplied') return `[${n.children.map(reading).join('')}${n.attrs.cert === 'low' ? '?' : ''}]`;
  const inner = n.children.map(reading).join('');
  return [
    'p',
    'head',
    'salute',
    'signed',
    'item',
    'dateline',
    'label',
    'bibl',
    'idno',
    'quote',
    'list',
  ].includes(name)
    ? ` ${inner} `
    : inner;
}

beforeAll(() => {
  out = tempDir();
  const r = recto(['build', '--out', out, '--formats', 'tei,pdf'], { env });
  expect(r.status, r.stderr).toBe(0);
  pdf = join(out, 'soviet-conduct.pdf');
  const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
  pages = Array.from({ length: count }, (_, k) =>
    run('pdftotext', ['-f', String(k + 1), '-l', String(k + 1), '-layout', pdf, '-']),
  );
});

describe('the print PDF', () => {
  it('embeds every font, is tagged, has the configured page size, and passes qpdf --check', () => {
    const fonts = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.split(/\s+/).slice(-5, -4)[0], f).toBe('yes');
    const info = run('pdfinfo', [pdf]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+432 x 648 pts/);
    expect(info).toMatch(/Title:\s+The Sources of Soviet Conduct/);
    expect(info).toMatch(/CreationDate:\s+Tue Nov 14 22:13:20 2023 UTC/);
    expect(info).toMatch(/Metadata Stream:\s+yes/);
    expect(run('pdfinfo', ['-meta', pdf])).toContain('The Sources of Soviet Conduct');
    expect(() => run('qpdf', ['--check', pdf])).not.toThrow();
  });

  it('has the document language, an outline entry per document, and the structure tree', () => {
    const json = JSON.parse(run('qpdf', ['--json', '--json-key=outlines', pdf])) as {
      outlines: { title: string }[];
    };
    expect(json.outlines.map((o) => o.title)).toEqual([
      'Introduction',
      'Report on Soviet Foreign Policy to the Fifth All-Russian Congress of Soviets',
      'The Ambassador in the Soviet Union (Bullitt) to the Secretary of State',
      'The Long Telegram',
      '123. Department of State Briefing Paper', // (the number its printed volume gives it, as the contents)
      'The Chargé in the Soviet Union (Kennan) to the Secretary of State',
      'Index of Names', // the back-of-book index of the seeds' register (issue #19)
    ]);
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', pdf, '-']);
    expect(qdf).toMatch(/\/Lang \(en\)/);
    expect(qdf).toMatch(/\/StructTreeRoot/);
    for (const tag of ['/H1', '/P', '/Note', '/Artifact']) expect(qdf).toContain(tag);
  });

  it('tags every link with its words and its annotation together, under one Document root', () => {
    const tree = spawnSync('pdfinfo', ['-struct-text', pdf], { encoding: 'utf8' });
    expect(tree.stderr).not.toMatch(/Warning|Error/);
    const lines = tree.stdout.split('\n');
    expect(lines[0]).toBe('Document');
    // each Link: its text (a quoted line) and its annotation (an object reference), nothing else
    const links: string[][] = [];
    lines.forEach((line, k) => {
      if (!/^\s*Link\b/.test(line)) return;
      const depth = line.search(/\S/);
      const children: string[] = [];
      for (let j = k + 1; j < lines.length && (lines[j] ?? '').search(/\S/) > depth; j++)
        children.push((lines[j] ?? '').trim());
      links.push(children);
    });
    const annotations = (
      run('qpdf', ['--qdf', '--object-streams=disable', pdf, '-']).match(/\/Subtype \/Link/g) ?? []
    ).length;
    expect(links.length).toBe(annotations);
    for (const children of links) {
      expect(
        children.some((c) => /^".+"$/.test(c)),
        children.join(' | '),
      ).toBe(true);
      expect(
        children.filter((c) => /^Object \d+ \d+$/.test(c)),
        children.join(' | '),
      ).toHaveLength(1);
    }
    // a contents entry: the title and its page number, one link; its words spaced as in print
    // (spaces are space characters, which the structure's text keeps)
    expect(links.map((c) => c[0])).toContainEqual('"The Long Telegram14"');
  });

  it('starts every document at the page the contents give, on a right-hand page where the style says', () => {
    // documents run on as FRUS prints them unless templates/pdf/style.json asks for a page or a
    // right-hand page each; the introduction and the first document open a right-hand page
    const start = (
      JSON.parse(readFileSync(join(ROOT, 'templates/pdf/style.json'), 'utf8')) as {
        documents: { start: string };
      }
    ).documents.start;
    const toc = pages.find((p) => /^\s*Contents\s*$/m.test(p)) ?? '';
    const entries = [...toc.matchAll(/^\s*(\S.*?\S)\s{2,}(\d+)\s*$/gm)].map(
      (m) => [m[1] ?? '', Number(m[2])] as const,
    );
    expect(entries).toHaveLength(6);
    for (const [k, [title, page]] of entries.entries()) {
      if (k < 2 || start === 'recto') expect(page % 2, title).toBe(1);
      // (a document the contents number by the number its source gives, `123. Department of State
      // Briefing Paper`, where its heading prints the title as the plain text does, unnumbered)
      const shown = squash(pages[page - 1] ?? '');
      const wanted = squash(title.replace(/…$/, ''));
      const unnumbered = squash(title.replace(/…$/, '').replace(/^\d+\. /, ''));
      expect(shown.includes(wanted) || shown.includes(unnumbered), `${title}: ${shown.slice(0, 80)}`).toBe(
        true,
      );
    }
  });

  it('sets each of the five notes at the foot of the page where its reference falls', async () => {
    const edition = readEdition(await readTei(join(out, 'tei', 'edition.xml')));
    let notes = 0;
    for (const doc of edition.documents) {
      for (const container of [...all(doc.div, 'p'), ...all(doc.div, 'head')]) {
        container.children.forEach((child, k) => {
          if (!isElement(child) || localName(child.name) !== 'note' || child.attrs.place !== 'foot') return;
          notes++;
          const before = wordsOf(container.children.slice(0, k).map(reading).join('')).slice(-3).join('');
          const label = child.attrs.n ?? '';
          const noteStart = wordsOf(inlineText(child.children)).slice(0, 6).join('');
          const refPage = pages.findIndex((p) => wordsOf(p).join('').includes(`${before}${label}`));
          const notePage = pages.findIndex((p) => wordsOf(p).join('').includes(`${label}${noteStart}`));
          expect(refPage, `reference ${label}`).toBeGreaterThan(-1);
          expect(notePage, `note ${label}`).toBe(refPage);
        });
      }
    }
    expect(notes).toBe(5);
  });

  it('leaves no text of the TEI out (every word, in order, notes included)', async () => {
    const edition = readEdition(await readTei(join(out, 'tei', 'edition.xml')));
    // PDF words in reading order; a word hyphenated at the foot of a page continues after the
    // folio and running head, so a line-end `expan-` may be completed a few words later.
    const tokens = pages
      .join('\n')
      .split('\n')
      .flatMap((line) => {
        const parts = line.trim().split(/\s+/).filter(Boolean);
        return parts.flatMap((part, k) => {
          const continues = k === parts.length - 1 && /\p{L}-$/u.test(part);
          return wordsOf(part).map((text, j, all) => ({
            text,
            continues: continues && j === all.length - 1,
          }));
        });
      });
    const find = (w: string, from: number): number => {
      for (let j = from; j < tokens.length; j++) {
        const t = tokens[j] as { text: string; continues: boolean };
        if (t.text === w) return j;
        if (t.continues && w.startsWith(t.text)) {
          const rest = w.slice(t.text.length);
          for (let k = j + 1; k < Math.min(tokens.length, j + 60); k++)
            if (tokens[k]?.text === rest) return k;
        }
      }
      return -1;
    };
    for (const doc of edition.documents) {
      const docWords = wordsOf(reading(doc.div));
      let at = 0;
      const missing: string[] = [];
      for (const w of docWords) {
        const found = find(w, at);
        if (found === -1) missing.push(w);
        else at = found + 1;
      }
      expect(missing, doc.title).toEqual([]);
      for (const note of all(doc.div, 'note').filter((n) => n.attrs.place === 'foot')) {
        expect(wordsOf(pages.join('\n')).join(' ')).toContain(wordsOf(inlineText(note.children)).join(' '));
      }
    }
  });

  it('prints the source page numbers in the outer margin and running heads on the pages', () => {
    const text = pages.join('\f');
    for (const n of ['225', '226', '227', '193', '722', '723']) expect(text).toContain(`[${n}]`);
    const verso = pages.findIndex(
      (p, k) => k > 12 && k % 2 === 1 && /The Sources of Soviet Conduct/.test(p.split('\n')[0] ?? ''),
    );
    expect(verso).toBeGreaterThan(-1);
    const recto = pages.find((p) =>
      /The Ambassador in the Soviet Union \(Bullitt\) to the Secretary of State/.test(p.split('\n')[0] ?? ''),
    );
    expect(recto).toBeDefined();
  });

  it('renders a page with a footnote to PNG (test artifact)', () => {
    const page = pages.findIndex((p) => p.includes('Signed on May 2, 1935')) + 1;
    expect(page).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    run('pdftoppm', [
      '-f',
      String(page),
      '-l',
      String(page),
      '-r',
      '110',
      '-png',
      '-singlefile',
      pdf,
      join(ARTIFACTS, 'pdf-footnote-page'),
    ]);
    expect(readFileSync(join(ARTIFACTS, 'pdf-footnote-page.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('is byte-identical across two builds with the same SOURCE_DATE_EPOCH', () => {
    const again = tempDir();
    expect(recto(['build', '--out', again, '--formats', 'tei,pdf'], { env }).status).toBe(0);
    const hash = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
    expect(hash(join(again, 'soviet-conduct.pdf'))).toBe(hash(pdf));
  });

  it('takes its trim size from the style (A5 and Letter selectable)', () => {
    const a5 = tempDir();
    expect(
      recto(['build', '--out', a5, '--formats', 'tei,pdf'], { env: { ...env, RECTO_PDF_TRIM: 'A5' } }).status,
    ).toBe(0);
    expect(run('pdfinfo', [join(a5, 'soviet-conduct.pdf')])).toMatch(/Page size:\s+419\.53 x 595\.28 pts/);
  });
});
