import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recto, tempDir } from './support/run.ts';

/**
 * Every script in print (#32): a text in eight scripts built to PDF gives every character back
 * through pdftotext (right-to-left words in the order they were written), each script from an
 * embedded, subset font of the fallback chain; a character no font has is one warning at its
 * source line and column and a visible placeholder.
 */
const SAMPLES = {
  latin: 'Maſſachuſetts', // long s, from EB Garamond's Latin Extended file
  marks: 'q\u0304 and n\u0303', // combining marks: q̄ (no precomposed form), ñ
  greek: 'λόγος',
  cyrillic: 'Москва',
  hebrew: 'שלום עולם',
  arabic: 'السلام عليكم',
  chinese: '中国',
  symbols: '∑ ☺',
  emoji: '😀',
};
/**
 * Words with marks the fonts set off the pen, each glyph where it is seen (a point inside its
 * letter, a vowel below it): drawn so, the word once came apart in pdftotext, its points on a
 * line of their own, the letters of a vowelled Arabic word scattered.
 */
const MARKED = {
  pointed: 'שָׁלוֹם',
  pointedLast: 'מֶלֶךְ', // ends with a point: the first glyph in visual order
  vowelled: 'كَتَبَ', // its ت the dotless glyph عليكم's ي is drawn with
  tanwin: 'مُحَمَّدٌ',
  macron: 'am\u0304a', // EB Garamond sets this macron off the pen too
};
// Letters Noto Naskh draws inside a word with one dotless glyph, the dots glyphs of their own (a
// PDF maps a glyph to one text): ج in the first word, ح in the second, which once read مجمد
// (set before the marked words: the first word to use a glyph gives it its text)
const SHARED = ['نجم', 'محمد'];
const NO_FONT = '\uE000'; // private use: XML allows it, no font of the PDF has it
const TEXT = [
  'Eight scripts',
  '',
  // a plain q before q̄: the base's glyph is the same glyph in both, and a PDF maps a glyph to one
  // text (the q of a temporary folder's name in the title once took the macron away, CI run 38)
  `Latin with long s: ${SAMPLES.latin}; a plain q; with marks: ${SAMPLES.marks}.`,
  '',
  `Greek: ${SAMPLES.greek}. Cyrillic: ${SAMPLES.cyrillic}.`,
  '',
  `Hebrew: ${SAMPLES.hebrew}. Arabic: ${SAMPLES.arabic}.`,
  '',
  `Dotted: ${SHARED[0]}. Dotless: ${SHARED[1]}.`,
  '',
  `Pointed: ${MARKED.pointed}. Last: ${MARKED.pointedLast}. Vowelled: ${MARKED.vowelled}. Tanwin: ${MARKED.tanwin}. Macron: ${MARKED.macron}.`,
  '',
  `Chinese: ${SAMPLES.chinese}. Symbols: ${SAMPLES.symbols}. Emoji: ${SAMPLES.emoji}.`,
  '',
  `A character no font has: ${NO_FONT}.`,
  '',
].join('\n');

const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
// pdftotext wraps a right-to-left run in embedding marks (U+202B … U+202C), and a right-to-left
// word that ends with a mark carries a right-to-left mark (U+200F, U+061C) that keeps the mark
// with it: format characters, the words are what count
const plain = (s: string): string => s.replace(/[\u202A-\u202E\u200F\u061C]/g, '');
const squash = (s: string): string => s.replace(/\s+/g, '');

let output: string;
let text: string;
let fonts: string[];
let sourceFile: string;

beforeAll(() => {
  const sources = tempDir();
  const out = tempDir();
  mkdirSync(sources, { recursive: true });
  sourceFile = join(sources, '001.txt');
  writeFileSync(sourceFile, TEXT);
  const r = recto(['build', '--sources', sources, '--out', out, '--formats', 'pdf', '--no-cache'], {
    env: { SOURCE_DATE_EPOCH: '1' },
  });
  output = r.stdout + r.stderr;
  expect(r.status, output).toBe(0);
  const pdf = join(out, readdirSync(out).find((f) => f.endsWith('.pdf')) as string);
  text = plain(run('pdftotext', ['-enc', 'UTF-8', pdf, '-']));
  fonts = run('pdffonts', [pdf]).split('\n').slice(2).filter(Boolean);
}, 120_000);

describe('every script in print', () => {
  it.each(Object.entries(SAMPLES))('gives the %s sample back through pdftotext', (_name, sample) => {
    // (Arabic letters joined by cursive attachment are set a few at a time: pdftotext may see a
    // space inside a word, never a letter lost or out of order)
    expect(squash(text)).toContain(squash(sample));
  });

  it.each(Object.entries(MARKED))(
    'gives the %s word back whole, each mark with its letter, in reading order, once',
    (_name, sample) => {
      // (marks come back in canonical order, a shin dot before a qamats: the same text by
      // Unicode's canonical equivalence)
      const nfc = text.normalize('NFC');
      const word = sample.normalize('NFC');
      expect(nfc).toContain(word);
      // its ink (each glyph where it is drawn) reads as nothing: the word comes back once
      expect(nfc.split(word)).toHaveLength(2);
    },
  );

  it('gives back each of the letters that share a glyph', () => {
    for (const word of SHARED) expect(text).toContain(word);
  });

  it('keeps the words of a right-to-left phrase in the order they were written', () => {
    expect(text).toContain(SAMPLES.hebrew);
  });

  it('embeds a subset of every fallback font it needed', () => {
    for (const name of [
      'EBGaramond-Regular',
      'NotoSerifHebrew-Regular',
      'NotoNaskhArabic-Regular',
      'NotoSerifSC-Regular',
      'NotoSansMath-Regular',
      'NotoSansSymbols-Regular',
      'NotoEmoji-Regular',
    ]) {
      const line = fonts.find((f) => f.split(/\s+/)[0]?.endsWith(`+${name}`));
      expect(line, `${name} in\n${fonts.join('\n')}`).toBeDefined();
      // emb sub uni
      expect(line?.split(/\s+/).slice(-5, -2), line).toEqual(['yes', 'yes', 'yes']);
    }
    for (const line of fonts) expect(line.split(/\s+/).slice(-5, -3), line).toEqual(['yes', 'yes']);
    // EB Garamond's own files: Latin, Latin Extended (ſ), Greek, Cyrillic
    expect(fonts.filter((f) => f.includes('+EBGaramond-Regular')).length).toBeGreaterThanOrEqual(4);
  });

  it('warns once, at the source line and column, for a character no font has, and prints a placeholder', () => {
    const warnings = output.split('\n').filter((l) => l.includes('[pdf-missing-glyph]'));
    expect(warnings).toHaveLength(1);
    expect(output).toMatch(/; 1 warnings/); // and counted in the build's summary
    const line = TEXT.split('\n').findIndex((l) => l.includes(NO_FONT)) + 1;
    const column = (TEXT.split('\n')[line - 1] as string).indexOf(NO_FONT) + 1;
    expect(warnings[0]).toContain(`${sourceFile}:${line}:${column}: warning [pdf-missing-glyph] U+E000`);
    expect(text).toContain('A character no font has: \uFFFD.');
    expect(text).not.toContain(NO_FONT);
  });
});
