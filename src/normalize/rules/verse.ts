import type { Block, BlockRule, Span } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { spanOf } from '../spans.ts';
import { hardWrapJoins } from './hard-wrap.ts';
import { lineNumbers, wordsOf } from './verse-numbers.ts';
import {
  attribution,
  evenlyWrapped,
  marginNumber,
  quatrains,
  signedOff,
  verseLike,
  verseLines,
  verseStretch,
} from './verse-runs.ts';

/**
 * Rule `verse`: a stanza — a run of short lines, each beginning with a capital as verse lines do,
 * of several words, that is no wrapped prose, no list and no roll of names — is a line group
 * (`lg`, a line `l` each). Where it stands decides whether it is verse:
 * - indented, it is verse quoted in prose (a stanza in a letter): `quote/lg`, in any document
 *   (a speech of a play, its heading first, is no quotation: `lg`);
 * - after a play's speech heading (`_M. Ant._     Trēs philosophī dē Tusculō`), its lines set
 *   under the first line's words, it is the speech in verse (a song, a recitation): `lg`, in any
 *   document (a speech in prose goes back to the margin);
 * - at the margin, it is verse only in a document that sets its verse there (family `verse`:
 *   three such stanzas or more), so a list of names or short lines in a memorandum stays a list,
 *   and a short speech of a play whose songs are indented stays prose.
 * A verse line too long for the page goes on in a turnover, a line indented deeper that goes on
 * with the sentence (`… and of all the` / `    growths of the earth....`): one `l` over both.
 */
/** A list's item: a bullet, or an enumerator (`3.`, `b)`, `(iv)`), not a speaker's abbreviated name (`Ham.`). */
const LIST_LINE = /^(?:[-•*] |\(?(?:\d{1,3}|\p{L}|[ivxlcdm]{2,6}|[IVXLCDM]{2,6})[.)] )/u;

/**
 * A play's speech heading: the speaker's name in italics (`_M. Ant._ `, `_Filch._ `) or in capitals
 * (`MRS. PEACHUM. `; not a roman numeral), then the speech.
 */
const SPEECH_HEADING =
  /^(?:_[^_\s][^_\n]{0,30}\._|(?![IVXLCDM]+\.)\p{Lu}[\p{Lu}.'’ -]{1,28}\p{Lu}\.) +(?=\S)/u;

/** Words a verse line seldom ends on, and a title page's or a contents list's lines often do. */
const FUNCTION_WORD = /(?:^|[^\p{L}])(?:the|a|an|of|and|to|in|that|with|for|by|from|or|at|as|on)[,'"’”]*$/iu;

/** A reference to a note glued to the word or sign before it (`slew:(68)`, `īnsontem.[3]`). */
const NOTE_REFERENCE = /(?<=[\p{L}\p{P}])(?:\(\d{1,3}\)|\[\d{1,3}\])/gu;

/** Words that stand in lower case inside a name or a title (`Assistant to the Secretary of the Treasury`, `Ludwig van Beethoven`). */
const NAME_PARTICLE =
  /^(?:of|the|and|to|for|in|at|on|a|an|de|del|della|di|da|du|des|la|le|van|von|der|den|y|e|et)$/;

/** A line that names someone or something: every word a capital (`Mārcus Tullius Cicerō.`, `The Attorney General`). */
function nameLine(line: string): boolean {
  const words = line
    .split(/\s+/)
    .map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((w) => /\p{L}/u.test(w));
  return words.length > 0 && words.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLE.test(w));
}

const indentOf = (text: string): number => text.length - text.trimStart().length;

/**
 * For each line of a run, whether it is a turnover: the end of the verse line before it, set on
 * a line of its own because that line filled the measure (it is as long as the stanza's longest),
 * indented deeper than the stanza's lines, going on with the sentence (lower case, after a line
 * that does not end one). A verse line turns over once, and few of them do: deeper lines after
 * every other line are a paragraph's hanging indentation, not verse.
 */
function turnovers(texts: string[]): boolean[] {
  const base = Math.min(...texts.map(indentOf));
  const widest = Math.max(...texts.map((t) => t.trim().length));
  const turned = texts.map((t, k) => {
    const before = (texts[k - 1] ?? '').trim();
    return (
      k > 0 &&
      indentOf(t) > base + 1 &&
      /^\p{Ll}/u.test(t.trim()) &&
      before.length >= 0.9 * widest &&
      !/[.!?;:]["'’”)]*$/u.test(before)
    );
  });
  const count = turned.filter(Boolean).length;
  if (count * 4 > texts.length || turned.some((t, k) => t && turned[k - 1])) return texts.map(() => false);
  return turned;
}

/**
 * A sentence set at a page's measure, not verse: every line but the last as wide as the widest
 * (within a sixth; fifty characters or more, wider than a pentameter's line), the last less than
 * half as wide, and the sentence running on over every line's end, no line but the last ending on
 * a stop or a comma (`Evidences that the French Government desires to annex` / `Luxemburg.`, an
 * entry of a list of papers). A stanza whose last line is short (a Sapphic's Adonic, `So have
 * your breeches!`; Cowper's `God made the country, and man made the town;` / … / `In the
 * country?`) has lines that end a phrase.
 */
function wrappedAtMeasure(lines: string[]): boolean {
  const widest = Math.max(...lines.map((l) => l.length));
  const body = lines.slice(0, -1);
  const last = lines.at(-1) ?? '';
  return (
    widest >= 50 &&
    body.every((l) => l.length >= widest * (5 / 6) && /[\p{L}\d]$/u.test(l)) &&
    last.length < widest / 2
  );
}

/**
 * Whether a run's lines form a stanza. `quoted`: the run is a quotation, which may begin inside a
 * verse line (`'the Mighty Source` / `Of all things, …`): its first line need not begin with a capital.
 */
export function isStanza(texts: string[], quoted = false): boolean {
  const numbers = lineNumbers(texts.map((t) => t.trim()));
  const printed = texts.map((t, k) => {
    const line = wordsOf(t.trim(), numbers[k]);
    return k === 0 ? line.replace(SPEECH_HEADING, '') : line;
  });
  if (printed.some((l) => l.length < 2 || l.length > 75)) return false;
  // the verse lines: each printed line with its turnover (a number at the left as the spaces it fills)
  const turned = turnovers(
    texts.map((t, k) => (numbers[k]?.left !== undefined ? t.replace(/\d+/, (d) => ' '.repeat(d.length)) : t)),
  );
  const lines: string[] = [];
  printed.forEach((l, k) => {
    if (turned[k] && lines.length) lines[lines.length - 1] += ` ${l}`;
    else lines.push(l);
  });
  if (lines.length < 2 || lines.some((l) => LIST_LINE.test(l))) return false;
  // not a contents list, an index, a dateline or a title page: no page numbers or years (a note's
  // reference glued to a word is none), no word broken at the line end, no lines in capitals
  if (lines.some((l) => /\d\d/.test(l.replace(NOTE_REFERENCE, '')) || /\p{L}-$/u.test(l))) return false;
  if (lines.filter((l) => /\p{Lu}{3}/u.test(l) && l === l.toUpperCase()).length * 2 >= lines.length)
    return false;
  // not a roll of names (a cast, those present, a distribution list)
  if (lines.filter(nameLine).length * 2 > lines.length) return false;
  // not a letter's close or a signature
  if (signedOff(texts, nameLine)) return false;
  const capitalized = lines.filter((l, k) => (quoted && k === 0) || /^[\p{P}\s]*\p{Lu}/u.test(l)).length;
  const words = printed.map((l) => l.split(/\s+/).length);
  const average = words.reduce((a, b) => a + b, 0) / printed.length;
  // (a line long enough to turn over may have more words than a line of verse has)
  const most = Math.max(...words.filter((_, k) => !turned[k + 1]));
  if (capitalized / lines.length < 0.75 || average < 2.5 || most > 14) return false;
  // a line broken before the words it leads to (`A HISTORY OF THE`), not a phrase ended (`cast them by!`)
  if (lines.filter((l) => FUNCTION_WORD.test(l)).length > lines.length * 0.2) return false;
  if (wrappedAtMeasure(lines) || evenlyWrapped(lines)) return false;
  return hardWrapJoins(lines) === null;
}

/**
 * Whether a run is indented: every line (a copy that begins inside a line, in lower case, has
 * lost that line's indentation with its beginning: its first line does not count).
 */
const indented = (run: Line[]): boolean =>
  run.every(
    (l, k) =>
      /^\s/.test(l.text) ||
      // (a line number in the margin before an indented stanza's line: `5  And vultures, …`)
      (marginNumber(l.text) !== null && run.some((o) => /^\s/.test(o.text))) ||
      (k === 0 && l.offset === 0 && run.length > 2 && /^\p{Ll}/u.test(l.text)),
  );

/**
 * Where a speech set as verse begins its lines: a speech heading at the margin, the other lines
 * indented to where its words begin (or deeper); -1 if the run is not so set.
 */
function speechColumn(run: Line[]): number {
  const first = run[0]?.text ?? '';
  const heading = SPEECH_HEADING.exec(first);
  if (!heading || run.length < 2) return -1;
  const column = heading[0].length;
  const rest = run.slice(1).map((l) => indentOf(l.text));
  return rest.every((c) => c >= column) && rest.includes(column) ? column : -1;
}

/** How a run stands: indented, a speech in verse, at the margin in quotation marks, or at the margin. */
type Setting = 'indented' | 'speech' | 'in-quotes' | 'margin';

/** A quotation's marks: opened at its first line's start, closed at its last line's end (a full stop or comma after). */
const QUOTE_OPEN = /^[“"‘']/u;
const QUOTE_CLOSE = /[\p{L}\p{P}][”"’'][.,;:!?)]*$/u;

/**
 * A run at the margin that is one quotation, set apart from the prose by blank lines with its own
 * line breaks (`'Is there, who, lock'd from ink and paper, scrawls` / `With desperate charcoal
 * round his darkened walls?'`): a book prints verse it quotes so, in any document. No line but the
 * first opens a quotation (a dialogue's speeches each do), none but the last closes one.
 */
function inQuotes(run: Line[]): boolean {
  const texts = run.map((l) => l.text.trim());
  return (
    run.length >= 2 &&
    // (verse lines are short: a long line is no stanza's, and is not scanned)
    texts.every((t) => t.length <= 120) &&
    QUOTE_OPEN.test(texts[0] ?? '') &&
    QUOTE_CLOSE.test(texts.at(-1) ?? '') &&
    // (every line after the first begins with a capital: a quoted notice wrapped at the measure goes on in lower case)
    texts.slice(1).every((t) => /^\p{Lu}/u.test(t)) &&
    texts.slice(0, -1).every((t) => !QUOTE_CLOSE.test(t))
  );
}

function settingOf(run: Line[]): Setting {
  if (indented(run)) return 'indented';
  if (speechColumn(run) >= 0) return 'speech';
  return inQuotes(run) ? 'in-quotes' : 'margin';
}

/** The fewest lines of a poem with its poet's name under it (fewer, and it is a letter's close and its signer). */
const MIN_STANZA_SIGNED = 4;

/** A stanza this long is a poem, whatever else the document holds. */
const LONG_STANZA = 10;

/**
 * How a document shows that it sets its verse at the margin: three stanzas there or more, or one
 * long one (a poem of one stanza on a page of prose, `Address to an Atom.`), or two that are most
 * of its lines (a poem's page: a sonnet's octave and sestet, a licence line after them); null if it
 * does not.
 */
export function verseShown(lines: Line[]): string | null {
  let count = 0;
  let longest = 0;
  let inStanzas = 0;
  let run: Line[] = [];
  const end = (): void => {
    // (a poem and its poet's name under it: the poem)
    if (run.length > MIN_STANZA_SIGNED && attribution(run.at(-1)?.text ?? '', nameLine)) {
      const poem = run.slice(0, -1);
      if (!isStanza(run.map((l) => l.text)) && isStanza(poem.map((l) => l.text))) run = poem;
    }
    const setting = run.length ? settingOf(run) : 'indented';
    if ((setting === 'margin' || setting === 'in-quotes') && isStanza(run.map((l) => l.text))) {
      count++;
      inStanzas += run.length;
      longest = Math.max(longest, run.length);
    }
    run = [];
  };
  // (a long stretch of verse lines among other lines of a run: a poem a web page sets so)
  const stretches = (): void => {
    const found = longStanzaIn(run);
    if (found && settingOf(run.slice(found.from, found.from + found.lines)) === 'margin')
      longest = Math.max(longest, found.lines);
  };
  for (const line of lines) {
    if (line.text.trim() === '') {
      stretches();
      end();
    } else run.push(line);
  }
  stretches();
  end();
  if (count >= 3) return `${count} stanzas`;
  const printed = lines.filter((l) => l.text.trim() !== '').length;
  if (count === 2 && inStanzas * 3 >= printed * 2) return `2 stanzas, ${inStanzas} of its ${printed} lines`;
  return longest >= LONG_STANZA ? `a stanza of ${longest} lines` : null;
}

/**
 * A long stanza among a run's other lines, after one that is no verse line (`|`, `Written by` /
 * `John Keats |` / thirty lines of the ballad): where it begins and how many lines it holds, or
 * null. Such a run is no list of short lines: it holds a poem (rule `list` leaves it).
 */
export function longStanzaIn(run: Line[]): { from: number; lines: number } | null {
  for (let k = 0; k < run.length; k++) {
    if (k > 0 && verseLike((run[k - 1] as Line).text)) continue;
    const lines = verseLines(run, k);
    // (a run that is all verse lines is the stanza or none: the rule reads it whole)
    if (lines === run.length) return null;
    if (lines >= LONG_STANZA && isStanza(run.slice(k, k + lines).map((l) => l.text)))
      return { from: k, lines };
  }
  return null;
}

/** Words that lead to a quotation: they end on a colon or a dash (`parodied in Buchanan's "Fleshly School":`, `Unbound:”—`). */
export const LEAD_IN = /(?::|—|--)[\p{Pf}"'’”)]*(?:—|--)?$/u;
const OPENS_QUOTE = /^[“"‘]/u;
const CLOSES_QUOTE = /[”"’][.,;:!?—]*$/u;

/**
 * Verse quoted in a note (an entry of a note list or a note block, whose prose runs on long lines
 * or wraps at the measure), a stanza (no wrapped prose, no list) a verse line a line:
 * - indented, as the body sets verse quoted in prose, after a blank line or a lead-in
 *   (`[Footnote 2: So Cowper:` / blank line / `    God made the country, and man made the town;` …);
 * - or at the margin in quotation marks, after the words that lead to it on a line ending with
 *   a colon or a dash: a quotation opened at a line's start and closed at a later line's end.
 * The lines [from, to) of each among the note's lines (as printed, indentation and all).
 */
export function quotedStanzas(texts: string[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const trimmed = texts.map((t) => t.trim());
  const isIndented = (k: number): boolean => /^\s/.test(texts[k] ?? '') && trimmed[k] !== '';
  for (let k = 1; k < texts.length; k++) {
    let to = -1;
    // (set apart by a blank line or after a lead-in: a note's lines indented under its first are its hanging indentation)
    const apart = trimmed[k - 1] === '' || LEAD_IN.test(trimmed[k - 1] ?? '');
    if (isIndented(k) && !isIndented(k - 1) && apart) {
      to = k;
      while (isIndented(to)) to++;
      if (!isStanza(texts.slice(k, to))) to = -1;
    } else if (LEAD_IN.test(trimmed[k - 1] ?? '') && OPENS_QUOTE.test(trimmed[k] ?? '')) {
      // (a quotation closed on its first line is no stanza's)
      const close = CLOSES_QUOTE.test(trimmed[k] ?? '')
        ? -1
        : trimmed.findIndex((t, j) => j > k && CLOSES_QUOTE.test(t));
      if (close !== -1 && isStanza(trimmed.slice(k, close + 1))) to = close + 1;
    }
    if (to === -1) continue;
    out.push({ from: k, to });
    k = to - 1;
  }
  return out;
}

/** The stanza's lines as spans: a line each, a turnover joined to the line it ends. */
function lineSpans(run: Line[]): Span[] {
  const turned = turnovers(run.map((l) => l.text));
  const out: Span[] = [];
  run.forEach((line, k) => {
    const span = spanOf(line);
    const prev = out.at(-1);
    if (turned[k] && prev) {
      // (the span's text stands for the source's characters: the line break as white space)
      const gap = span.offset - prev.offset - prev.text.length;
      out[out.length - 1] = { text: `${prev.text}${' '.repeat(gap)}${span.text}`, offset: prev.offset };
    } else out.push(span);
  });
  return out;
}

/**
 * A stanza's first line set apart from it by a blank line (a web copy's rendering): one line that
 * begins like a verse line and ends on a comma — its sentence goes on in the stanza after it, as
 * a heading's or a paragraph's does not.
 */
function openingLine(run: Line[], next: Line[] | undefined, setting: Setting): boolean {
  const line = run[0]?.text.trim() ?? '';
  if (run.length !== 1 || !next || settingOf(next) !== setting) return false;
  if (!/^\p{Lu}[\p{L}'’ ,-]*\p{L},$/u.test(line) || line.length > 75 || nameLine(line)) return false;
  return isStanza(next.map((l) => l.text));
}

function verseRule(settings: Setting[], family: 'generic' | 'verse'): BlockRule {
  return {
    id: 'verse',
    family,
    parse(whole, next) {
      // (a long stanza further on: the lines before it are not its own, and are read first)
      if ((longStanzaIn(whole)?.from ?? 0) > 0) return null;
      // the whole run, or the stretch of verse lines it begins with (a poem among a web page's lines)
      const read = (run: Line[]): Line[] | null => {
        const setting = settingOf(run);
        if (!settings.includes(setting)) return null;
        const texts = run.map((l) => l.text);
        const shown = isStanza(texts, setting === 'in-quotes');
        return shown || (run === whole && openingLine(run, next, setting)) ? run : null;
      };
      const stretch = verseStretch(whole);
      const run =
        read(whole) ??
        (stretch ? read(whole.slice(0, stretch)) : null) ??
        // (a poem and its poet's name under it, in one run: the poem)
        (whole.length > MIN_STANZA_SIGNED && attribution(whole.at(-1)?.text ?? '', nameLine)
          ? read(whole.slice(0, -1))
          : null);
      if (!run) return null;
      const setting = settingOf(run);
      // (an indented speech of a play is the play's, not a quotation)
      const quoted =
        setting === 'in-quotes' ||
        (setting === 'indented' && !SPEECH_HEADING.test((run[0]?.text ?? '').trim()));
      const spans = lineSpans(run);
      // (stanzas set with no blank line between them: a line group each)
      const sizes =
        spans.length === run.length ? (quatrains(run.map((l) => l.text)) ?? [spans.length]) : [spans.length];
      let from = 0;
      const blocks = sizes.map((size): Block => {
        from += size;
        return { kind: 'verse', lines: spans.slice(from - size, from), quoted };
      });
      return { blocks, lines: run.length };
    },
  };
}

/** An indented stanza or one in quotation marks, in any document (verse quoted in prose), or a speech set as verse. */
export const quotedVerse = verseRule(['indented', 'speech', 'in-quotes'], 'generic');
/** A stanza of a verse document, at the margin. */
export const verse = verseRule(['margin'], 'verse');
