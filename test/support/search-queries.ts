import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTruth } from './corpus-truth.ts';

/**
 * Search queries taken from a FRUS volume's plain texts and truth files, each with the document
 * it comes from (`d0010` for `0010.txt`, the HTML edition's page id). Every query is checked here
 * to stand in its document's text (or record), so the expected document is the phrase's own.
 */
export interface SearchQuery {
  kind: 'note' | 'title' | 'person-date' | 'joined' | 'page-break' | 'paragraph';
  query: string;
  expected: string;
}

const norm = (s: string): string =>
  s.toLowerCase().replace(/[‘’]/g, "'").replace(/["“”]/g, '').replace(/\s+/g, ' ').trim();
const WORD = /^[A-Za-z][A-Za-z’'-]*[A-Za-z]$/;
const docId = (file: string): string => `d${file.replace(/\.txt$/, '')}`;

/** Every k-th of a list, so the sample spreads over the volume. */
const spread = <T>(list: T[], n: number): T[] =>
  list.length <= n ? list : Array.from({ length: n }, (_, k) => list[Math.floor((k * list.length) / n)] as T);

export function volumeQueries(corpus: string): SearchQuery[] {
  const files = readdirSync(corpus)
    .filter((f) => /^\d+\.txt$/.test(f))
    .sort();
  const texts = new Map(files.map((f) => [f, readFileSync(join(corpus, f), 'utf8')]));
  // A phrase is taken only where the volume has it once (so it names one document).
  const flat = new Map(files.map((f) => [f, norm((texts.get(f) ?? '').replace(/\n+\[Page \d+\]\n+/g, ' '))]));
  const unique = (phrase: string): boolean =>
    [...flat.values()].filter((t) => t.includes(norm(phrase))).length === 1;
  const truths = files.map((f) => ({
    file: f,
    truth: readTruth(corpus, f) as ReturnType<typeof readTruth> & Extra,
  }));
  interface Extra {
    title?: string;
    dateline?: string;
    source_line?: string;
  }
  const out: SearchQuery[] = [];

  // A note's phrase: six plain words from the middle of the document's longest note.
  // Spread over the volume: every sixth annotated document until 24 phrases are found.
  const noted = truths.filter((t) => t.truth.notes.count > 0);
  for (const { file, truth } of noted.filter((_, k) => k % 6 === 0)) {
    if (out.length >= 24) break;
    const note = [...truth.notes.texts].sort((a, b) => b.length - a.length)[0] ?? '';
    const words = note.split(/\s+/);
    for (let at = Math.floor(words.length / 3); at + 6 <= words.length; at++) {
      const window = words.slice(at, at + 6);
      if (!window.every((w) => WORD.test(w))) continue;
      const phrase = window.join(' ');
      if (!unique(phrase)) continue;
      out.push({ kind: 'note', query: `"${phrase}"`, expected: docId(file) });
      break;
    }
  }

  // A title the volume gives one document only, typed without quotes.
  const titles = new Map<string, string[]>();
  for (const { file, truth } of truths)
    if (truth.title) titles.set(truth.title, [...(titles.get(truth.title) ?? []), file]);
  const single = [...titles.entries()].filter(([, f]) => f.length === 1);
  for (const [title, [file]] of spread(single, 14))
    if (file) out.push({ kind: 'title', query: title, expected: docId(file) });

  // A person and a date: who drafted it (its source note) and the day it is dated.
  const people = truths.flatMap(({ file, truth }) => {
    const drafter = /Drafted (?:by|in [\w ]+? by) ([^,.;]+?)(?:[,.;]| and )/.exec(
      truth.source_line ?? '',
    )?.[1];
    const person = drafter?.split(' ').pop();
    const date = /([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(truth.dateline ?? '')?.[1];
    return person && /^[A-Z][a-zA-Z’'-]+$/.test(person) && date ? [{ file, query: `${person} ${date}` }] : [];
  });
  for (const { file, query } of spread(people, 12))
    out.push({ kind: 'person-date', query, expected: docId(file) });

  // Phrases across a break of the plain text: a sentence cut by a blank line (and a page marker),
  // which the edition joins into one paragraph (the TEI's extraction-break milestones, d0151 and
  // d0282) or, where it does not, leaves as two paragraphs that a phrase still runs across
  // (d0483); and words either side of a page marker inside a line.
  const across: SearchQuery[] = [];
  for (const [file, text] of texts) {
    // a line that stops mid-sentence, a blank line (and a page marker), and its sentence running on
    const joined =
      /([A-Za-z’',“]+ [A-Za-z’',“]+ [A-Za-z’',“]*[A-Za-z,])\n\n(?:\[Page \d+\]\n\n)?([a-z]{2,}[a-z,]* [A-Za-z’',]+ [A-Za-z’',]+)/g;
    for (const m of text.matchAll(joined))
      across.push({ kind: 'joined', query: `"${m[1]} ${m[2]}"`, expected: docId(file) });
    const inline = /([A-Za-z]+ [A-Za-z]+ [A-Za-z]+) ?\[Page \d+\] ?([A-Za-z]+ [A-Za-z]+ [A-Za-z]+)/g;
    for (const m of text.matchAll(inline))
      across.push({ kind: 'page-break', query: `"${m[1]} ${m[2]}"`, expected: docId(file) });
  }
  const acrossUnique = across
    .map((q) => ({ ...q, query: q.query.replace(/(?<!^)["“”](?!$)/g, '') }))
    .filter((q) => unique(q.query.slice(1, -1)));
  out.push(...acrossUnique.filter((q) => q.kind === 'joined'));
  out.push(
    ...spread(
      acrossUnique.filter((q) => q.kind === 'page-break'),
      8,
    ),
  );

  // A few words of a paragraph, typed without quotes (how a reader remembers a sentence).
  for (const file of spread(files, 10)) {
    const paragraphs = (texts.get(file) ?? '')
      .split(/\n{2,}/)
      .filter((p) => p.length > 300 && !p.startsWith('Source:'));
    const words = (paragraphs[0] ?? '').split(/\s+/).filter((w) => WORD.test(w) && w.length > 5);
    const pick = words.slice(2, 6);
    if (pick.length === 4) out.push({ kind: 'paragraph', query: pick.join(' '), expected: docId(file) });
  }
  return out;
}
