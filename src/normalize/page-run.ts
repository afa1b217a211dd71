/**
 * The precision guard of the page breaks read from weak evidence (a number alone on a line, a
 * number inside a running head, a labelled page line): one such number proves little, but a
 * book's pages show themselves as a run. The numbers a document's weak page breaks give, in text
 * order, must mostly rise (pages may be skipped, a plate or a cut in the copy; a roman-numbered
 * front matter comes before the arabic pages; the OCR misreads a figure now and then: `so` for
 * 50, `S2` for 52), must not be years, and where the text between them is a page's, must be spaced
 * as a page's text is: a few hundred to a few thousand characters a page, not the length of a
 * chapter (`CHAPTER 12` … `CHAPTER 13`) nor of a list item or a verse line; and as a page's end
 * cuts a sentence more often than not, some of them stand inside a sentence (a section's numbers
 * never do). Strong markers
 * (`[Page 225]`, `[Pg 12]`, star paging) never pass through here: they stand alone.
 */

/** A page number's value: arabic, roman (front matter), or read through the OCR's usual misreadings. */
export interface PageValue {
  kind: 'arabic' | 'roman';
  value: number;
}

// (what the OCR takes a figure for: `S2` 52, `so` 50, `I 1` 11, `3D` 30, `1 G` 16, `]()` 10)
const OCR_FIGURES: Record<string, string> = {
  S: '5',
  s: '5',
  O: '0',
  o: '0',
  D: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  ']': '1',
  '!': '1',
  G: '6',
  B: '8',
  '(': '0',
  ')': '',
};

const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };

function romanValue(text: string): number | null {
  if (!/^[ivxlcdm]{1,8}$/i.test(text)) return null;
  let total = 0;
  const digits = [...text.toLowerCase()].map((c) => ROMAN_VALUES[c] ?? 0);
  for (const [k, v] of digits.entries()) total += v < (digits[k + 1] ?? 0) ? -v : v;
  return total;
}

/** What a printed page number is worth, or null where it reads as none (`*`, a word). */
export function pageValue(printed: string): PageValue | null {
  const text = printed.trim().replace(/^["“]/, '');
  if (/^\d{1,4}$/.test(text)) return { kind: 'arabic', value: Number(text) };
  // (a roman folio is a lower-case one as books print their front matter; `I` alone is a misread 1)
  const roman = /^[ivxlc]{1,8}$/.test(text) ? romanValue(text) : null;
  if (roman !== null) return { kind: 'roman', value: roman };
  const figures = [...text.replace(/ /g, '')].map((c) => (/\d/.test(c) ? c : OCR_FIGURES[c]));
  const read = figures.every((f) => f !== undefined) ? figures.join('') : '';
  if (/^\d{1,4}$/.test(read)) return { kind: 'arabic', value: Number(read) };
  return null;
}

/** A year, not a page (`1776`, `1898`): a run of them is a list of dates. */
const isYear = (v: PageValue): boolean => v.kind === 'arabic' && v.value >= 1400 && v.value <= 2099;

/** A weak page break proposed: its number as printed and where it stands in the source. */
export interface ProposedPage {
  n: string;
  offset: number;
  /** Whether the text runs on across the break: a sentence the page cut (unknown: left out). */
  runsOn?: boolean;
}

/**
 * Whether the text before a break and the text after it are one sentence going on (`… and the`
 * / `king sent …`), as a page's end cuts one most of the time; a section's number stands between
 * a finished paragraph and a new one.
 */
export const runsOn = (before: string, after: string): boolean =>
  !/[.!?:;"”’)\]]$/.test(before) || /^\p{Ll}/u.test(after);

/** The longest rising chain of values, in text order (roman before arabic): the indexes in it. */
function risingChain(values: (PageValue | null)[]): number[] {
  const rank = (v: PageValue): number => (v.kind === 'roman' ? v.value : 100_000 + v.value);
  const best: number[][] = [];
  let longest: number[] = [];
  for (const [k, v] of values.entries()) {
    best[k] = [];
    if (!v) continue;
    let chain: number[] = [];
    for (let j = 0; j < k; j++) {
      const w = values[j];
      if (w && rank(w) < rank(v) && (best[j] as number[]).length > chain.length) chain = best[j] as number[];
    }
    best[k] = [...chain, k];
    if ((best[k] as number[]).length > longest.length) longest = best[k] as number[];
  }
  return longest;
}

/** The fewest and most characters of text a printed page holds, as the guard allows them. */
const PAGE_CHARS = { min: 150, max: 9000 };

/** What the guard weighs: how many numbers, how many it could read, how many rise, the median page's length. */
export interface PageRunStats {
  numbered: number;
  years: number;
  read: number;
  rising: number;
  /** How many of the breaks a sentence runs on across, of how many the text around shows. */
  runOn: number;
  judged: number;
  /** Characters of text a page, the median over the rising pages that follow one another. */
  pageChars?: number;
}

export function pageRunStats(pages: ProposedPage[]): PageRunStats {
  const numbered = pages.filter((p) => p.n.trim() !== '');
  const values = numbered.map((p) => pageValue(p.n));
  const years = values.filter((v) => v !== null && isYear(v)).length;
  const read = values.filter((v) => v !== null).length;
  const chain = risingChain(values);
  const perPage: number[] = [];
  for (let k = 1; k < chain.length; k++) {
    const a = chain[k - 1] as number;
    const b = chain[k] as number;
    const va = values[a] as PageValue;
    const vb = values[b] as PageValue;
    if (va.kind !== vb.kind) continue;
    const chars = (numbered[b] as ProposedPage).offset - (numbered[a] as ProposedPage).offset;
    perPage.push(chars / (vb.value - va.value));
  }
  const sorted = [...perPage].sort((x, y) => x - y);
  const pageChars = sorted[Math.floor(sorted.length / 2)];
  const judged = numbered.filter((p) => p.runsOn !== undefined);
  const runOn = judged.filter((p) => p.runsOn).length;
  return {
    numbered: numbered.length,
    years,
    read,
    rising: chain.length,
    pageChars,
    runOn,
    judged: judged.length,
  };
}

/**
 * Whether a document's weak page breaks read as a book's pages: most of their numbers rise, few
 * are years, and the text between two that follow one another is a page's length for each page
 * between them. One alone cannot show a run: it passes on its own rule's evidence (not a year).
 * `headed`: a running head recurs over the pages (their furniture shows them by more than numbers);
 * `strict`: how many of the numbers must rise, and a page's fewest characters, where the form
 * itself proves less (a number alone with no margin around it).
 */
export function formsPageRun(
  pages: ProposedPage[],
  headed = false,
  strict: { minRising: number; minPageChars: number } = { minRising: 0.6, minPageChars: PAGE_CHARS.min },
): boolean {
  const s = pageRunStats(pages);
  if (s.numbered < 2) return s.years === 0;
  if (s.years * 2 >= s.numbered) return false;
  // (most of the numbers the OCR could read rise, one after another)
  if (s.read < 2 || s.rising * 10 < s.read * strict.minRising * 10) return false;
  // (pages end mid-sentence more often than not: of three breaks or more, two in three or more
  // between finished paragraphs are a list's or a section's numbers, unless a running head that
  // recurs over them shows the pages by itself)
  if (!headed && s.judged >= 3 && s.runOn * 3 < s.judged) return false;
  // (the text of a page between two pages that follow one another)
  return s.pageChars === undefined || (s.pageChars >= strict.minPageChars && s.pageChars <= PAGE_CHARS.max);
}

/** Each weak form's marks accepted in the source read last (a property of the whole document: found once). */
const accepted = { source: '', marks: new Map<object, Set<number>>() };

/**
 * Whether the mark of a weak inline form at `at` stands in a run of the form's marks that reads as
 * a book's pages. `find` gives every mark of the form in the source, each at its offset; `labelled`:
 * the form names the page (`Page 12`), so a page may end at a sentence's end there.
 */
export function inPageRun(
  form: object,
  source: string,
  at: number,
  find: () => ProposedPage[],
  labelled = false,
): boolean {
  if (accepted.source !== source) {
    accepted.source = source;
    accepted.marks.clear();
  }
  let marks = accepted.marks.get(form);
  if (!marks) {
    const found = find().sort((a, b) => a.offset - b.offset);
    marks = new Set(formsPageRun(found, labelled) ? found.map((f) => f.offset) : []);
    accepted.marks.set(form, marks);
  }
  return marks.has(at);
}
