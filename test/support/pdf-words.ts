import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run.ts';

/**
 * The words of a PDF as poppler reads them (`pdftotext -bbox`), page by page, sorted by where
 * they stand: inside the text block (the running text and the footnotes), in the outer margin
 * (the source's page numbers), or in the head and foot (running heads, folios), from the page
 * geometry of `templates/pdf/style.json`.
 */
export interface PdfWord {
  text: string;
  x: number;
  y: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  number: number; // 1-based
  text: PdfWord[]; // in the text block, in poppler's reading order
  margin: PdfWord[]; // beside the text block (source page numbers)
}

interface Style {
  margins: { top: number; bottom: number; inner: number; outer: number };
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

export function pdfPages(path: string): PdfPage[] {
  const style = JSON.parse(readFileSync(join(ROOT, 'templates/pdf/style.json'), 'utf8')) as Style;
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pages: PdfPage[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const width = Number(m[1]);
    const height = Number(m[2]);
    const number = pages.length + 1;
    // Odd pages are rectos: the inner margin is on the left.
    const left = number % 2 === 1 ? style.margins.inner : style.margins.outer;
    const right = width - (number % 2 === 1 ? style.margins.outer : style.margins.inner);
    const page: PdfPage = { number, text: [], margin: [] };
    for (const w of (m[3] ?? '').matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const word = {
        text: decode(w[5] ?? ''),
        x: Number(w[1]),
        y: Number(w[2]),
        x2: Number(w[3]),
        y2: Number(w[4]),
      };
      const middle = (word.y + word.y2) / 2;
      if (middle < style.margins.top - 2 || middle > height - style.margins.bottom + 2) continue; // head, foot
      if (word.x2 < left - 1 || word.x > right + 1) page.margin.push(word);
      else page.text.push(word);
    }
    page.text = readingOrder(page.text, right);
    pages.push(page);
  }
  return pages;
}

/**
 * Words in lines, top to bottom, each left to right: a word belongs to the line its box overlaps by
 * more than half (a raised note number belongs to its line).
 */
export function wordLines(list: PdfWord[]): { top: number; bottom: number; words: PdfWord[] }[] {
  const lines: { top: number; bottom: number; words: PdfWord[] }[] = [];
  for (const w of [...list].sort((a, b) => a.y2 - b.y2)) {
    const line = lines.find(
      (l) => Math.min(l.bottom, w.y2) - Math.max(l.top, w.y) > 0.5 * Math.min(w.y2 - w.y, l.bottom - l.top),
    );
    if (line) {
      line.words.push(w);
      line.top = Math.min(line.top, w.y);
      line.bottom = Math.max(line.bottom, w.y2);
    } else lines.push({ top: w.y, bottom: w.y2, words: [w] });
  }
  lines.sort((a, b) => a.bottom - b.bottom);
  for (const l of lines) l.words.sort((a, b) => a.x - b.x);
  return lines;
}

/** The reading order of a page's words (poppler's own puts a raised note number after the rest of the page). */
function readingOrder(list: PdfWord[], right: number): PdfWord[] {
  return bands(wordLines(list)).flatMap((band) => byColumns(band, right));
}

/** Lines set one under another at the leading, with no space between them (a paragraph, a table's row). */
function bands<L extends { top: number; bottom: number }>(lines: L[]): L[][] {
  const out: L[][] = [];
  for (const line of lines) {
    const band = out.at(-1);
    const last = band?.at(-1);
    if (band && last && line.top - last.bottom < 2) band.push(line);
    else out.push([line]);
  }
  return out;
}

/** Wider than any word space of a justified line: the gutter between a table's columns. */
const GUTTER = 15;
/**
 * Wider than any word space of a cell (set ragged, its spaces natural): inside a row known to be
 * one, a column may start after less than a full gutter where a squeezed column's longest word
 * ran into it (`Chairman` `Army`, 15 points apart).
 */
const CELL_GAP = 8;

const gapsOf = (l: { words: PdfWord[] }): number[] =>
  l.words.slice(1).map((w, k) => w.x - (l.words[k] as PdfWord).x2);

/**
 * A line set in columns: a gutter wider than any word space. A justified line spaced out (a word
 * nothing could break follows) has wide gaps too, but all alike and reaching the right edge. All
 * alike: the narrowest word space near the widest (parts of a word poppler split where the type
 * changes, `336` `b`, touch and are no word space); a row that fills the measure may have two
 * gutters wider than the rest (`Hound  216 … 522  522 … 336b`): not alike.
 */
function inColumns(l: { words: PdfWord[] }, right: number): boolean {
  const gaps = gapsOf(l);
  const widest = Math.max(0, ...gaps);
  const spaces = gaps.filter((g) => g >= 0.6);
  const full = Math.abs((l.words.at(-1)?.x2 ?? 0) - right) < 0.6;
  const alike = spaces.length === 0 || Math.min(...spaces) > widest - 5;
  return widest >= GUTTER && !(full && alike);
}

/**
 * A band's words in reading order: line by line, or, where its lines are in columns (a table's
 * row), each column's lines before the next column's, as a reader reads a row cell by cell.
 */
function byColumns(band: { words: PdfWord[] }[], right: number): PdfWord[] {
  if (band.length === 1 || !band.some((l) => inColumns(l, right))) return band.flatMap((l) => l.words);
  const starts: number[] = [];
  for (const l of band)
    gapsOf(l).forEach((g, k) => {
      const w = l.words[k + 1] as PdfWord;
      if (g >= CELL_GAP && !starts.some((x) => Math.abs(x - w.x) < 3)) starts.push(w.x);
    });
  starts.sort((a, b) => a - b);
  const column = (w: PdfWord): number => starts.filter((x) => w.x >= x - 3).length;
  const out: PdfWord[] = [];
  for (let c = 0; c <= starts.length; c++)
    for (const l of band) for (const w of l.words) if (column(w) === c) out.push(w);
  return out;
}

/** The first page of each outline entry (the documents' openings), from qpdf. */
interface OutlineEntry {
  title: string;
  destpageposfrom1: number;
  kids?: OutlineEntry[];
}

export function outlinePages(path: string): { title: string; page: number }[] {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json', '--json-key=outlines', path], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    }),
  ) as { outlines: OutlineEntry[] };
  // the documents (and introduction, index) in order: a division's entry (a reader's unit, a
  // volume's chapter) holds its documents' as kids, and is not a document itself
  const leaves = (list: OutlineEntry[]): OutlineEntry[] =>
    list.flatMap((o) => (o.kids?.length ? leaves(o.kids) : [o]));
  return leaves(json.outlines).map((o) => ({ title: o.title, page: o.destpageposfrom1 }));
}
