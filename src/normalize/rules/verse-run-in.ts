import type { Block, Span } from '../blocks.ts';

/**
 * Rule `verse`, run-in stanzas: a copy that lost a poem's line breaks (a newspaper's OCR text, a
 * web page that joins a stanza's lines) prints each stanza as one paragraph, its lines run
 * together — `Ye isles that stud the southern sea, Ye colouies on Austral shore. Hark to our
 * shouts of Jubilee That rend the air …`. The lines still show where they began: each opens with a
 * capital, and where no sentence ends there, the capital falls on a word prose writes in lower
 * case mid-sentence (`sea, Ye`, `Jubilee That`, `memory Of`). Such a paragraph is a stanza (`lg`),
 * a line (`l`) from each capital so placed or each sentence's start, when:
 * - two lines or more begin so mid-sentence (prose capitalizes such a word after a comma only in
 *   a title, `Monday, The Times`) and it makes three lines or more, each of 3 to 14 words (a verse
 *   line's length), with no figures but a stanza's number before it (`1. “Wise, truly, …`);
 * - or it follows such a stanza, paragraph after paragraph (the rest of the poem: a stanza whose
 *   lines end with their sentences, `How shall I ever … refuge? Will he …`, or a stanza cut
 *   short), in two lines or more, or one beginning mid-sentence, none longer than 18 words (a
 *   line beginning with `I` is not seen: `sin, I question, I go` stays in one `l`).
 * One source line only: a paragraph wrapped over several lines is left as prose.
 */

/** Words prose writes in lower case mid-sentence, and a verse line opens with a capital (not `I`, not `May` or `Will`, names too). */
const LINE_OPENERS = new Set(
  (
    'and but or nor for yet so as that which who whom whose when where while whilst how what why if though ' +
    'till ere than to of in on at by with from along upon unto into through o oh ah aye ye thou thee thy ' +
    'thine he she it we they you his her its our their my your the this these those is are was were be ' +
    'shall let all no not now then there here each every some like beneath above below across around ' +
    'beyond within without'
  ).split(' '),
);

/** A stanza's number as printed before it (`1. “`, `a. “`, an OCR's `2.`), the only figures a run-in stanza may hold. */
const STANZA_NUMBER = /^(?:\d{1,3}|[a-z])\.\s+/u;

/** The most characters a run-in stanza holds (twenty lines of 14 words and more). */
const MAX_STANZA = 2000;

const wordCount = (s: string): number => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * Where each line of a run-in stanza begins in its text, and how many begin mid-sentence. A word
 * that would open a line of one or two words opens none (`offence, O Varana, That thou …`: the
 * `O` calls on a name inside the line).
 */
function lineStarts(text: string): { starts: number[]; midSentence: number } {
  const found: { at: number; mid: boolean }[] = [{ at: 0, mid: false }];
  const word = /(\S+)(\s+)(\p{Lu}\p{Ll}*)(?=[\s,;:!?.]|$)/gu;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const before = m[1] ?? '';
    const opener = m[3] ?? '';
    const at = m.index + before.length + (m[2] ?? '').length;
    word.lastIndex = at;
    const after = text.slice(at + opener.length).match(/^[\s,;:]*(\S)/u)?.[1] ?? '';
    if (/[.!?:;]["'’”)]*$/u.test(before) || /^[!?]$/u.test(before)) {
      found.push({ at, mid: false }); // a sentence ends, and the next line begins with it
    } else if (
      LINE_OPENERS.has(opener.toLowerCase()) &&
      opener !== 'I' &&
      (/,$/u.test(before) || (/\p{Ll}$/u.test(before) && (/^\p{Ll}/u.test(before) || /\p{Ll}/u.test(after))))
    ) {
      found.push({ at, mid: true });
    }
  }
  const kept = found.filter(
    (f, k) => !f.mid || wordCount(text.slice(f.at, found[k + 1]?.at ?? text.length)) >= 3,
  );
  return { starts: kept.map((f) => f.at), midSentence: kept.filter((f) => f.mid).length };
}

/** A paragraph's lines, if it reads as a run-in stanza (`alone`) or as one after another (`after`). */
function stanzaLines(span: Span, after: boolean): Span[] | null {
  // (a stanza is short: a longer paragraph is prose, and is not scanned word by word)
  if (span.text.length > MAX_STANZA) return null;
  const number = STANZA_NUMBER.exec(span.text)?.[0] ?? '';
  if (/\d/u.test(span.text.slice(number.length))) return null;
  const { starts, midSentence } = lineStarts(span.text.slice(number.length));
  const cuts = starts.map((s, k) => (k === 0 ? 0 : s + number.length));
  const lines = cuts.map((from, k) => {
    const to = cuts[k + 1] ?? span.text.length;
    return { text: span.text.slice(from, to).trimEnd(), offset: span.offset + from };
  });
  const counts = lines.map((l) => wordCount(l.text));
  const verse = after
    ? (lines.length >= 2 || midSentence >= 1) && counts.every((c) => c >= 1 && c <= 18)
    : midSentence >= 2 && lines.length >= 3 && counts.every((c) => c >= 3 && c <= 14);
  return verse ? lines : null;
}

/**
 * Run-in stanzas among a body's blocks: a one-line paragraph read as above becomes a line group;
 * `sameLine` says whether a span's text stands on one source line.
 */
export function runInStanzas(blocks: Block[], sameLine: (span: Span) => boolean): Block[] {
  let previous = false;
  return blocks.map((b): Block => {
    const span = b.kind === 'p' && b.spans.length === 1 ? b.spans[0] : undefined;
    const lines = span && sameLine(span) ? stanzaLines(span, previous) : null;
    previous = lines !== null;
    return lines ? { kind: 'verse', lines, quoted: false } : b;
  });
}
