import { execFileSync } from 'node:child_process';
import { editionModel } from '../../src/model/edition.ts';
import { nameTokens } from '../../src/register/names.ts';
import { readTei } from '../../src/tei/read.ts';
import { outlinePages } from './pdf-words.ts';

/**
 * The PDF's back-of-book index of the register read back with pdftotext, and each of its page
 * numbers checked against the text of that page (register-formats.test.ts, locator-audit.test.ts).
 */

/** Each page's text as pdftotext reads it (one run for the whole book; pages split at the form feed). */
export function pdfPageTexts(pdf: string): string[] {
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 })
    .split('\f')
    .slice(0, -1);
}

/** A page's text as one line of words: a word hyphenated at a line's end is one word, quotes straight. */
export const flatText = (text: string): string =>
  text
    .replace(/-\n\s*/g, '')
    .replace(/\s+/g, ' ')
    // (the text's typographic quotes, a contents line's straight ones: the same words)
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"');

/**
 * The PDF's index (from the page its outline entry `Index of Names` points at to the end) as `name → pages`.
 * pdftotext reads the two columns one after the other; each page's first line (the title or the
 * running head) and its folio are left out. An entry is a name (words and commas, no digit) and
 * then its numbers; a new name begins after a number. A sub-entry (`as Lippman, 28`) is keyed
 * `main|as Lippman`; a cross-reference (`Lippman, see Lippmann, Walter`) is a line of its own.
 */
export function pdfIndex(
  pdf: string,
  texts = pdfPageTexts(pdf),
): { entries: Map<string, number[]>; see: [string, string][] } {
  const pages = texts.length;
  const first = outlinePages(pdf).findLast((o) => o.title === 'Index of Names')?.page ?? pages + 1;
  const entries = new Map<string, number[]>();
  const see: [string, string][] = [];
  let name: string[] = [];
  let main = '';
  let numbers: number[] | undefined;
  for (let n = first; n <= pages; n++) {
    const lines = (texts[n - 1] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const line of lines.slice(1).filter((l) => l !== String(n))) {
      const xref = /^(.+?), see (.+)$/.exec(line);
      if (xref) {
        see.push([xref[1] ?? '', xref[2] ?? '']);
        name = [];
        numbers = undefined;
        continue;
      }
      for (const token of line.split(/,\s*/)) {
        for (const part of token.split(/(?<=^\d+)\s+/)) {
          if (!part) continue;
          if (/^\d+$/.test(part)) {
            if (!numbers) {
              numbers = [];
              const key = name[0]?.startsWith('as ') ? `${main}|${name.join(', ')}` : name.join(', ');
              if (!key.includes('|')) main = key;
              entries.set(key, numbers);
            }
            numbers.push(Number(part));
          } else {
            if (numbers) name = [];
            numbers = undefined;
            name.push(part);
          }
        }
      }
    }
  }
  return { entries, see };
}

/** Every page number of the PDF index is a page where the entry's name, or a form its mentions print, is found. */
export async function checkPdfIndex(
  pdf: string,
  master: string,
  texts = pdfPageTexts(pdf),
): Promise<{ entries: number; subEntries: number; see: number; numbers: number; misses: string[] }> {
  const edition = editionModel(await readTei(master));
  const { entries: index, see } = pdfIndex(pdf, texts);
  const misses: string[] = [];
  let numbers = 0;
  for (const [key, pages] of index) {
    const [name = '', sub] = key.split('|');
    const entry = edition.register.find((e) => e.name === name);
    if (!entry) {
      misses.push(`${name}: not in the register`);
      continue;
    }
    // a sub-entry's pages print its spelling; an entry's, its name or a form its mentions print
    const forms = (
      sub
        ? [sub.replace(/^as /, '')]
        : [
            nameTokens(entry.name.split(',')[0] ?? entry.name).join(' '),
            ...entry.variants,
            ...(edition.mentions.get(entry.id) ?? []).map((m) => m.words),
          ]
    ).map((f) => f.toLowerCase().replace(/\s+/g, ' '));
    for (const page of pages) {
      numbers++;
      const text = flatText(texts[page - 1] ?? '').toLowerCase();
      if (!forms.some((f) => f && text.includes(f))) misses.push(`${key}: p. ${page}`);
    }
  }
  // a cross-reference goes from a variant of an entry to that entry, which the index holds
  for (const [from, to] of see) {
    const entry = edition.register.find((e) => e.name === to);
    if (!entry || (!index.has(to) && ![...index.keys()].some((k) => k.startsWith(`${to}|`))))
      misses.push(`${from}, see ${to}: no such entry`);
    else if (!entry.variants.some((v) => v === from || v.split(/\s+/).at(-1) === from.split(',')[0]))
      misses.push(`${from}, see ${to}: not a variant of it`);
  }
  const subEntries = [...index.keys()].filter((k) => k.includes('|')).length;
  return { entries: index.size - subEntries, subEntries, see: see.length, numbers, misses };
}
