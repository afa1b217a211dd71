import { declaredPrint } from '../declared.ts';
import { printer, type Rule, rendTokens, rendValue } from '../rule.ts';
import { fromSuperscript, markOf, type NoteItem, type NoteStyle, superscript } from './note-list.ts';

/**
 * Rule `footnote-ref`: reference numbers glued to the text (`France.47`, `Lippman’s59`,
 * `Paper1`, `of 19558`) are paired, in order, with the note list. Numbers that are not
 * references (`1930's`, `Feb. 3`, `No. 730`, `7.5 trains`) are told apart by what they are
 * glued to; the pairing itself is a small dynamic programme that prefers strong candidates whose
 * label equals the note's number, so one odd number cannot shift every later note.
 */
export interface RefCandidate {
  offset: number; // absolute offset of the first digit (of the mark, for a marked reference)
  label: string;
  strength: number;
  length?: number; // of the reference as printed, when not the label's (`/1/`, `[1]`)
}

/**
 * A marked list's references (`French./1/`, `differ.[1]`, `once.*`): the list's marks glued to
 * the text before them, paired in order, each note with the next reference printing its mark.
 */
export function pairMarked(spans: Span[], style: NoteStyle, notes: NoteItem[]): RefPairing {
  const found: RefCandidate[] = [];
  const marks = new Set(notes.map((n) => markOf(style, n.label ?? String(n.listNumber))));
  for (const span of spans) {
    for (const mark of marks) {
      for (let at = span.text.indexOf(mark); at !== -1; at = span.text.indexOf(mark, at + mark.length)) {
        const before = span.text[at - 1] ?? '';
        const after = span.text[at + mark.length] ?? '';
        // Glued to what it refers to; not part of a longer run of the mark (`**bold**`, `* * *`).
        if (!before || /\s/.test(before) || before === mark[0] || (after && !/[\s.,;:)\]’”"—–-]/.test(after)))
          continue;
        // (a superscript after a figure is a power or a unit: `10²`, `m²`'s figure)
        if (style === 'superscript' && /\d/.test(before)) continue;
        const label =
          style === 'symbol' ? mark : style === 'superscript' ? fromSuperscript(mark) : mark.slice(1, -1);
        found.push({ offset: span.offset + at, label, strength: 3, length: mark.length });
      }
    }
  }
  found.sort((a, b) => a.offset - b.offset);
  const anchors: (RefCandidate | null)[] = [];
  let next = 0;
  for (const note of notes) {
    const label = note.label ?? String(note.listNumber);
    const k = found.findIndex((c, i) => i >= next && c.label === label);
    anchors.push(k === -1 ? null : (found[k] ?? null));
    if (k !== -1) next = k + 1;
  }
  return { anchors };
}

export interface Span {
  text: string;
  offset: number;
}

const MONTH_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) $/;
// (`∥`, `‖`: the parallels the Journals of the Continental Congress close a passage with)
const GLUE = /[\p{L}\p{M}.,;:’”"')\]!?…∥‖]/u;
const TAIL_OK = /^(?:$|[\s.,;:)\]’”"—–\-!?…*])/u;

/** A designation before a number: `NSDM `, `Deptel `, `Embtel `, `telegram `, `No. ` (not `FY `). */
const DESIGNATION_BEFORE = /(?:\b(?!FY |CY )\p{Lu}{2,}|[Tt]els?|[Tt]elegrams?|[Aa]irgrams?|No\.) $/u;

const DAYS: Record<string, number> = { Feb: 29, Apr: 30, Jun: 30, Sep: 30, Nov: 30 };
const daysIn = (month: string): number => DAYS[month] ?? 31;

export function findRefCandidates(spans: Span[]): RefCandidate[] {
  const out: RefCandidate[] = [];
  for (const span of spans) {
    const t = span.text;
    for (const m of t.matchAll(/\d+/g)) {
      const digits = m[0];
      const at = m.index ?? 0;
      const before = t[at - 1] ?? '';
      const tail = t.slice(at + digits.length, at + digits.length + 1);
      // After punctuation a reference may run into the next word (`Paris.4It is`).
      if (!TAIL_OK.test(tail) && !(/[.,;:’”)]/.test(before) && /\p{L}/u.test(tail))) continue;
      if (before && GLUE.test(before)) {
        if (digits.length > 3 || digits.startsWith('0')) continue;
        // `6:18 p.m.`: minutes, not a reference.
        if (before === ':' && /^ ?(?:[ap]\.m\.|[AP]\.?M\b)/.test(t.slice(at + digits.length))) continue;
        // `[Page 284]1. What …`: an enumerator after a page marker, not a reference.
        if (before === ']' && /\[Page [^\]]*\]$/.test(t.slice(Math.max(0, at - 16), at))) continue;
        out.push({ offset: span.offset + at, label: digits, strength: glueStrength(t, at) });
        continue;
      }
      // The number a line starts with (`774. Re Embtel …`, a telegram's or paragraph's number) has
      // nothing before it to be glued to.
      if (at === 0) continue;
      // A note number glued to a day of the month: `of June 121 and` → June 12 + note 1.
      // (`June 1971` is a month and year: it goes to the year rule below.)
      const day = /^(?:1[6-9]|20)\d\d/.test(digits)
        ? null
        : MONTH_BEFORE.exec(t.slice(Math.max(0, at - 10), at));
      const month = day?.[0].slice(0, 3) ?? '';
      // (`December 11, 1958` is a date: a year after the day rules the split out.)
      const isFullDate = /^,? (1[6-9]|20)\d\d/.test(t.slice(at + digits.length));
      if (day && digits.length >= 2 && digits.length <= 4 && !isFullDate && Number(digits) > daysIn(month)) {
        for (let split = 1; split < digits.length; split++) {
          const dayPart = Number(digits.slice(0, split));
          const label = digits.slice(split);
          if (dayPart >= 1 && dayPart <= 31 && !label.startsWith('0')) {
            out.push({ offset: span.offset + at + split, label, strength: 0.8 });
          }
        }
        continue;
      }
      // `note of March 25 re access` may be March 2 + note 5: a weak reading, which only a note
      // list that expects that number makes win.
      if (day && digits.length === 2 && !isFullDate && !digits.endsWith('0') && Number(digits[0]) <= 3) {
        out.push({ offset: span.offset + at + 1, label: digits.slice(1), strength: 0.4 });
        continue;
      }
      // After a dash only a designation's number (`A–2662`, `NSDM–483`, `NIE 34–663`) may carry one;
      // so may a paper's number after its slash (`NSC 152/33` → NSC 152/3 + note 3).
      const dashed =
        (/[–-]/.test(before) && /[\p{Lu}\d]/u.test(t[at - 2] ?? '')) ||
        (before === '/' && /\d/.test(t[at - 2] ?? ''));
      if (before !== '' && !/\s/.test(before) && !dashed) continue;
      if (/^[.,:]\d/.test(t.slice(at + digits.length))) continue;
      // The number of a telegram or memorandum (`NSDM 1612`, `Deptel 1614`) is not a year.
      const designated = dashed || DESIGNATION_BEFORE.test(t.slice(Math.max(0, at - 12), at));
      // A note number glued to a year: `Treaty of 19558 and` → 1955 + note 8.
      const year = designated ? null : /^(1[6-9]\d\d|20\d\d)([1-9]\d?)$/.exec(digits);
      if (year) {
        out.push({ offset: span.offset + at + 4, label: year[2] ?? '', strength: 0.8 });
        continue;
      }
      // Glued to another number (`Berlin’s 3461 to` → telegram 346 + note 1): only the label
      // agreeing with the note list makes one of these win. Page numbers, days of the month
      // and years are numbers in their own right.
      const lead = t.slice(Math.max(0, at - 12), at);
      if (/(?:^|\[|\n)Page $/.test(lead) || (/^(1[6-9]|20)\d\d$/.test(digits) && !designated)) continue;
      if (MONTH_BEFORE.test(lead) && !/^(1[6-9]|20)\d\d/.test(digits)) continue;
      // A reference set off by a space at the end of a line after a word (`The Secretary of State
      // to the Acting Secretary of State 19`, as some web copies print the title's note): weak,
      // so only a note list expecting that number makes it win.
      if (
        !designated &&
        digits.length <= 3 &&
        /\p{Ll} $/u.test(lead) &&
        t.slice(at + digits.length).trim() === ''
      )
        out.push({ offset: span.offset + at, label: digits, strength: 1 });
      for (let split = Math.max(1, digits.length - 2); split < digits.length; split++) {
        const label = digits.slice(split);
        if (!label.startsWith('0')) out.push({ offset: span.offset + at + split, label, strength: 0.3 });
      }
    }
  }
  return out;
}

function glueStrength(t: string, at: number): number {
  const before = t[at - 1] ?? '';
  const twoBefore = t[at - 2] ?? '';
  const digits = /^\d+/.exec(t.slice(at))?.[0] ?? '';
  // `7.5`, `3,250`: a decimal or a thousands separator, unless a year ends there (`1958.3`) —
  // or the number ends a sentence (`Embtel 922.2 Joint State-Defense …`, `State 17347.2` at the
  // end of the paragraph) or a clause (`May 26,4 and`: a thousands separator has three digits).
  if ((before === '.' || before === ',' || before === ':') && /\d/.test(twoBefore)) {
    const rest = t.slice(at + digits.length);
    if (before === '.' && (rest === '' || /^ \p{Lu}\p{Ll}/u.test(rest))) return 2.5;
    if (before === ',' && digits.length < 3 && /^(?:$|\s)/.test(rest)) return 2.5;
    return /(?:^|\D)(?:1[6-9]|20)\d\d[.,]$/.test(t.slice(Math.max(0, at - 6), at)) ? 1.5 : 0.6;
  }
  // `C5`, `B52`: a single capital letter with a number is a designation, not a reference.
  if (/\p{Lu}/u.test(before) && !/\p{L}/u.test(twoBefore)) return 0.5;
  return 3;
}

export interface RefPairing {
  /** For each note (in list order), the chosen candidate, or null when none could be found. */
  anchors: (RefCandidate | null)[];
}

const UNANCHORED = -50;
const OFFSET_CANDIDATES = 12;
const OFFSET_NOTES = 3;

/**
 * Chooses, in text order, one candidate per note, maximising strength plus agreement between
 * each label and the number the note is expected to carry. Printed labels may run on from an
 * earlier document (`France.47` for the first note), so the expected number is the note's
 * position plus an offset; every offset suggested by a strong candidate is tried.
 */
export function pairRefs(
  unsorted: RefCandidate[],
  notes: NoteItem[],
  options: { sourceNote?: boolean; exact?: boolean } = {},
): RefPairing {
  // A list printing the volume's own numbers (an OCR page's foot): a reference must carry its
  // note's number; a note whose reference the copy lost stays unanchored, not pinned to another.
  if (options.exact) {
    // (Not the weakest readings either: `pp. 1-171` is no page range plus note 1.)
    const likely = unsorted.filter((c) => c.strength >= 0.8).sort((a, b) => a.offset - b.offset);
    const pairing = pairWithOffset(likely, notes, 0);
    return {
      anchors: pairing.anchors.map((c, i) => (c && Number(c.label) === notes[i]?.listNumber ? c : null)),
    };
  }
  const candidates = [...unsorted].sort((a, b) => a.offset - b.offset);
  // Offsets are suggested where they show: by the first strong candidates against the first
  // notes. (Every candidate against every note made thousands of offsets, each a whole pairing,
  // on a document with thousands of notes: minutes instead of a second.)
  const offsets = new Set<number>(options.sourceNote ? [1, 0] : [0]);
  const strong = candidates.filter((c) => c.strength >= 3).slice(0, OFFSET_CANDIDATES);
  for (const c of strong) {
    for (const note of notes.slice(0, OFFSET_NOTES)) offsets.add(Number(c.label) - note.listNumber);
  }
  const results = [...offsets].map((offset) => ({ offset, ...pairWithOffset(candidates, notes, offset) }));
  // A web copy numbers its list from 1 but keeps the volume's references (`of State 19`,
  // `a.m.20` against notes 1 and 2): an offset that alone gives every note (two or more) a
  // reference of its number, none of them weak, has earned its place.
  const agreeing = results.filter(
    (r) =>
      notes.length >= 2 &&
      r.anchors.every(
        (c, i) => c !== null && c.strength >= 1 && Number(c.label) === (notes[i]?.listNumber ?? 0) + r.offset,
      ),
  );
  const earned = agreeing.length === 1 ? agreeing[0]?.offset : undefined;
  let best: { score: number; anchors: (RefCandidate | null)[] } | null = null;
  for (const result of results) {
    const { offset } = result;
    // Numbering from 1 is the rule; another offset must earn its place. Where the document opens
    // with a source note, references from 2 against a list from 1 are as likely: later FRUS
    // volumes print the source note as footnote 1 (`…to the Department of State1`), and a copy
    // that gives it as the source line renumbers the list but not the references. That offset is
    // tried first, so it wins a tie.
    if (offset !== 0 && !(offset === 1 && options.sourceNote) && offset !== earned) result.score -= 6;
    if (!best || result.score > best.score) best = result;
  }
  return { anchors: best?.anchors ?? [] };
}

function pairWithOffset(
  candidates: RefCandidate[],
  notes: NoteItem[],
  offset: number,
): { score: number; anchors: (RefCandidate | null)[] } {
  const m = candidates.length;
  const k = notes.length;
  // Candidates that overlap (`June 121`: 21 or 1) are alternatives: a candidate taken for a note
  // follows the last candidate that ends before it, never one it shares digits with.
  const before = new Int32Array(m + 1);
  for (let j = 1; j <= m; j++) {
    const start = (candidates[j - 1] as RefCandidate).offset;
    let t = j - 1;
    while (
      t > 0 &&
      (candidates[t - 1] as RefCandidate).offset + (candidates[t - 1] as RefCandidate).label.length > start
    )
      t--;
    before[j] = t;
  }
  // best[j][i]: best score using the first j candidates for the first i notes.
  const best: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(k + 1).fill(-Infinity));
  const how: Uint8Array[] = Array.from({ length: m + 1 }, () => new Uint8Array(k + 1));
  const row0 = best[0] as Float64Array;
  row0[0] = 0;
  for (let i = 1; i <= k; i++) {
    row0[i] = (row0[i - 1] ?? 0) + UNANCHORED;
    (how[0] as Uint8Array)[i] = 2;
  }
  for (let j = 1; j <= m; j++) {
    const c = candidates[j - 1] as RefCandidate;
    const prev = best[j - 1] as Float64Array;
    const free = best[before[j] ?? 0] as Float64Array;
    const cur = best[j] as Float64Array;
    const h = how[j] as Uint8Array;
    for (let i = 0; i <= k; i++) {
      let score = (prev[i] ?? -Infinity) - (c.strength >= 3 ? 1 : 0);
      let move = 0;
      if (i > 0) {
        const note = notes[i - 1] as NoteItem;
        const agrees = Number(c.label) === note.listNumber + offset;
        const take = (free[i - 1] ?? -Infinity) + c.strength + (agrees ? 4 : 0);
        if (take > score) {
          score = take;
          move = 1;
        }
        const skipNote = (cur[i - 1] ?? -Infinity) + UNANCHORED;
        if (skipNote > score) {
          score = skipNote;
          move = 2;
        }
      }
      cur[i] = score;
      h[i] = move;
    }
  }
  const anchors: (RefCandidate | null)[] = new Array(k).fill(null);
  let j = m;
  let i = k;
  while (i > 0) {
    const move = (how[j] as Uint8Array)[i];
    if (move === 1) {
      anchors[i - 1] = candidates[j - 1] ?? null;
      i--;
      j = before[j] ?? 0;
    } else if (move === 2) i--;
    else j--;
  }
  return { score: (best[m] as Float64Array)[k] ?? -Infinity, anchors };
}

/**
 * The rule: a note set at its reference prints the reference as the text printed it: its number
 * glued to the word (`France.47`), or the list's mark (`/1/`, `[1]`, `*`).
 */
export const footnoteRef: Rule = {
  id: 'footnote-ref',
  family: 'generic',
  unparse: [
    printer(
      'note',
      (e) => e.attrs.place === 'foot' && e.attrs.type !== 'unanchored',
      (e, ctx) => {
        const n = e.attrs.n ?? '';
        const declared = declaredPrint(e, 'noteReference', ctx.rendition, n);
        if (declared !== undefined) return declared;
        // (a reference printed otherwise than its number: the sign the OCR made of it, `^`)
        const mark = rendValue(e, 'ref-mark');
        if (mark !== undefined) return mark;
        const tokens = rendTokens(e);
        if (tokens.includes('mark-slash')) return `/${n}/`;
        if (tokens.includes('mark-fn-hash')) return `[FN#${n}]`;
        if (tokens.includes('mark-paren') || tokens.includes('ref-paren')) return `(${n})`;
        if (tokens.includes('mark-superscript') || tokens.includes('ref-superscript')) return superscript(n);
        // (a footnote block's reference is its label in brackets: `Emperor[A]`)
        const bracketed = ['mark-bracket', 'footnote-block', 'ref-bracket'].some((t) => tokens.includes(t));
        return bracketed ? `[${n}]` : n;
      },
    ),
  ],
};
