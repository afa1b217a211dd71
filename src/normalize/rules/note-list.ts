import { localName, type TeiElement, type TeiNode } from '../../tei/node.ts';
import { declaredPrint, templateParts } from '../declared.ts';
import type { Line } from '../lines.ts';
import type { NoteItem, NoteList, NoteStyle } from '../note-types.ts';
import { printer, type Rule, rendTokens, rendValue, type UnparseContext } from '../rule.ts';
import { ARROW, arrowList } from './arrow-notes.ts';
import { isBoilerplate } from './boilerplate.ts';
import { aloneList, bareAloneList } from './note-list-alone.ts';
import { introduced, versesNotNotes } from './note-list-guards.ts';

/** The styles whose references print the list's mark (`/1/`, `[1]`, `*`), not a glued number. */
export const MARKED_STYLES: ReadonlySet<NoteStyle> = new Set([
  'slash',
  'bracket',
  'symbol',
  'paren',
  'superscript',
]);

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A number in superscript digits (`12` → `¹²`), as a reference or a list's label prints it. */
export const superscript = (digits: string): string =>
  [...digits].map((d) => SUPERSCRIPT_DIGITS[Number(d)] ?? d).join('');
/** A number printed in superscript digits read as digits (`¹²` → `12`). */
export const fromSuperscript = (sup: string): string =>
  [...sup].map((c) => (SUPERSCRIPT_DIGITS.includes(c) ? String(SUPERSCRIPT_DIGITS.indexOf(c)) : c)).join('');

const NUMBERED = /^( {1,4})(\d{1,4})\. (.*)$/;

/**
 * Rule `note-list`: the footnotes listed at the end of a document, either `  1. text` (indented,
 * which tells them from numbered body paragraphs) or `- text↩`. Scans back from the end,
 * passing over blank and boilerplate lines.
 */
export function findNoteList(lines: Line[], options: ListOptions = {}): NoteList | null {
  let i = lines.length - 1;
  const passed = (k: number): boolean =>
    lines[k]?.text.trim() === '' || isBoilerplate(lines[k]?.text ?? '') || (options.skip?.has(k) ?? false);
  while (i >= 0 && passed(i)) i--;
  const last = lines[i];
  if (!last) return null;
  if (NUMBERED.test(last.text)) {
    const list = numberedList(lines, i);
    return introduced(lines, list.firstLine) || versesNotNotes(lines, list) ? null : list;
  }
  return (
    markedList(lines, i) ??
    aloneList(lines, i) ??
    bareAloneList(lines, i) ??
    gluedList(lines, i) ??
    arrowList(lines, i) ??
    lineList(lines, i, options.styles ?? [])
  );
}

export interface ListOptions {
  /** Lines the list may end above: a page's folio, set apart already. */
  skip?: ReadonlySet<number>;
  /** The line styles the document's families print lists in (`spaced`, `footnote-line`). */
  styles?: NoteStyle[];
}

const LINE_STYLES: [NoteStyle, RegExp][] = [
  ['footnote-line', /^(\s{0,4})(?:Footnote (\d{1,3}):[ \t]+)(\S.*)$/],
  ['spaced', /^(\s{0,4})(\d{1,3}) (?=\p{Lu}|["“‘(])(\S.*)$/u],
  ['paren', /^(\s{0,4})\((\d{1,3})\) (\S.*)$/],
];

/**
 * Notes of a style a web page sets one to a paragraph, blank lines between them, at the end:
 * `Footnote 1: …`, `1 See …` (the number and a space), `(1) …`, numbered one after another.
 */
function lineList(lines: Line[], lastIndex: number, styles: NoteStyle[]): NoteList | null {
  for (const [style, re] of LINE_STYLES) {
    if (!styles.includes(style) || !re.test(lines[lastIndex]?.text ?? '')) continue;
    const found: Line[] = [];
    for (let i = lastIndex; i >= 0; i--) {
      const line = lines[i] as Line;
      if (line.text.trim() === '') continue;
      if (!re.test(line.text)) break;
      found.unshift(line);
    }
    const items = found.map((line): NoteItem => {
      const m = re.exec(line.text) as RegExpExecArray;
      const label = m[2] ?? '';
      const text = (m[3] ?? '').trimEnd();
      const offset = line.offset + line.text.length - (m[3] ?? '').length;
      return {
        listNumber: Number(label),
        text,
        offset,
        line,
        label,
        start: line.offset + (m[1] ?? '').length,
        end: offset + text.length,
      };
    });
    const first = items[0];
    if (!first || items.some((it, k) => k > 0 && it.listNumber !== (items[k - 1]?.listNumber ?? 0) + 1))
      continue;
    return { style, items, firstLine: first.line.index, endLine: lastIndex + 1 };
  }
  return null;
}

const GLUED = /^(\d{1,2})(\p{Lu}\p{Ll}.*)$/u;
/** The longest line an OCR page's glued note may be (a printed note of a page's width, or a few joined). */
const GLUED_LINE_MAX = 600;

/**
 * An OCR page's footnotes at its foot, each number glued to its note (`1The papers included`),
 * the last lines of the document, numbered one after another. Such pages print the volume's own
 * numbers, so a reference must carry its note's number (see `pairRefs`' `exact`).
 */
function gluedList(lines: Line[], lastIndex: number): NoteList | null {
  const found: Line[] = [];
  for (let i = lastIndex; i >= 0; i--) {
    const line = lines[i] as Line;
    if (!GLUED.test(line.text.trim())) break;
    found.unshift(line);
  }
  const items = found.map((line): NoteItem => {
    const t = line.text.trim();
    const m = GLUED.exec(t) as RegExpExecArray;
    const lead = line.text.length - line.text.trimStart().length;
    const number = m[1] ?? '';
    const text = (m[2] ?? '').trimEnd();
    const offset = line.offset + lead + number.length;
    return {
      listNumber: Number(number),
      text,
      offset,
      line,
      start: line.offset + lead,
      end: offset + text.length,
    };
  });
  const first = items[0];
  if (!first || items.some((it, k) => k > 0 && it.listNumber !== (items[k - 1]?.listNumber ?? 0) + 1))
    return null;
  // (an OCR page's lines are a printed line's length: one of many hundreds of characters is a web
  // copy's paragraph, its number glued to its first word, `1This is an appeal …`, public.resource.org's)
  if (items.some((it) => it.line.text.length > GLUED_LINE_MAX)) return null;
  return { style: 'glued', items, firstLine: first.line.index, endLine: lastIndex + 1 };
}

const MARKED: [NoteStyle, RegExp][] = [
  ['slash', /^(\s{0,4})\/(\d{1,3})\/[ \t]*(\S.*)$/],
  ['bracket', /^(\s{0,4})\[(\d{1,3})\][ \t]*(\S.*)$/],
  // Not a row of asterisks (`* * * * *` is an omission).
  ['symbol', /^(\s{0,4})(\*{1,3}|†|‡)[ \t]+(?![*\s]*$)(\S.*)$/],
  ['superscript', /^(\s{0,4})([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}) (\S.*)$/],
];

/**
 * How the list prints an entry's label, its text following: `1. `, `/1/ `, `[1] `, `* `, `- `
 * (arrow), `1` (glued to its text), `1` and a blank line (alone). When the source sets it otherwise
 * (two spaces after the mark), the label stands apart and the white space between is kept as it is.
 */
export function entryLabel(style: NoteStyle, label: string, template?: string): string {
  switch (style) {
    case 'declared': {
      const [before, after] = templateParts(template ?? '{n} ');
      return `${before}${label}${after}`;
    }
    case 'numbered':
      return `${label}. `;
    case 'keyed':
      // (the part of a note after a page line prints no key)
      return label ? `${label}. ` : '';
    case 'arrow':
      return '- ';
    case 'slash':
      return `/${label}/ `;
    case 'bracket':
      return `[${label}] `;
    case 'fn-hash':
      return `[FN#${label}] `;
    case 'symbol':
      return `${label} `;
    case 'superscript':
      return `${superscript(label)} `;
    case 'glued':
      return label;
    case 'alone':
      return `${label}\n\n`;
    case 'footnote-block':
      return `[Footnote ${label}: `;
    case 'note-block':
      return `[Note ${label}: ${label} `;
    case 'footnote-line':
      return `Footnote ${label}: `;
    case 'spaced':
      return `${label} `;
    case 'paren':
      return `(${label}) `;
    case 'closing-paren':
      return `${label}) `;
    case 'page-foot':
      // (a note whose label the OCR lost prints none)
      return label ? `${label} ` : '';
  }
}

/** What closes an entry of the style, when something does: `↩`, or the bracket of a note block. */
export const entryClose = (style: NoteStyle): string | undefined =>
  style === 'arrow' ? ARROW : style === 'footnote-block' || style === 'note-block' ? ']' : undefined;

/** The reference a marked note's label is printed as in the text. */
export function markOf(style: NoteStyle, label: string): string {
  if (style === 'slash') return `/${label}/`;
  if (style === 'bracket') return `[${label}]`;
  if (style === 'fn-hash') return `[FN#${label}]`;
  if (style === 'paren') return `(${label})`;
  if (style === 'superscript') return superscript(label);
  return label;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * `/1/ …`, `[1] …` or `* …` lines ending the document, one note each. Taken for notes only if the
 * text above prints the first note's mark glued to a word (`French./1/`, `once.*`): a list of
 * `* ` items ending a body is a list.
 */
function markedList(lines: Line[], lastIndex: number): NoteList | null {
  const style = MARKED.find(([, re]) => re.test(lines[lastIndex]?.text ?? ''))?.[0];
  const re = MARKED.find(([s]) => s === style)?.[1];
  if (!style || !re) return null;
  const found: Line[] = [];
  for (let i = lastIndex; i >= 0; i--) {
    const line = lines[i] as Line;
    if (line.text.trim() === '') continue;
    if (!re.test(line.text)) break;
    found.unshift(line);
  }
  const items = found.map((line, k): NoteItem => {
    const m = re.exec(line.text) as RegExpExecArray;
    const rest = m[3] ?? '';
    // (a superscript label is its number, printed so: `¹` is note 1)
    const label = style === 'superscript' ? fromSuperscript(m[2] ?? '') : (m[2] ?? '');
    const offset = line.offset + line.text.length - rest.length;
    return {
      listNumber: style === 'symbol' ? k + 1 : Number(label),
      text: rest.trimEnd(),
      offset,
      line,
      label,
      start: line.offset + (m[1] ?? '').length,
      end: offset + rest.trimEnd().length,
    };
  });
  const first = items[0];
  if (!first?.label) return null;
  const above = lines
    .slice(0, first.line.index)
    .map((l) => l.text)
    .join('\n');
  if (!new RegExp(`\\S${escapeRe(markOf(style, first.label))}(?=\\s|$)`).test(above)) return null;
  return { style, items, firstLine: first.line.index, endLine: lastIndex + 1 };
}

function numberedList(lines: Line[], lastIndex: number): NoteList {
  const found: Line[] = [];
  for (let i = lastIndex; i >= 0; i--) {
    const line = lines[i];
    if (!line || !NUMBERED.test(line.text)) break;
    found.unshift(line);
  }
  const items = found.map((line): NoteItem => {
    const m = NUMBERED.exec(line.text);
    const indent = m?.[1] ?? '';
    const num = m?.[2] ?? '';
    const text = m?.[3] ?? '';
    const offset = line.offset + indent.length + num.length + 2;
    return {
      listNumber: Number(num),
      text,
      offset,
      line,
      start: line.offset + indent.length,
      end: offset + text.length,
    };
  });
  return { style: 'numbered', items, firstLine: found[0]?.index ?? 0, endLine: lastIndex + 1 };
}

const STYLE_TOKENS: [string, NoteStyle][] = [
  ['declared', 'declared'],
  ['footnote-block', 'footnote-block'],
  ['note-block', 'note-block'],
  ['footnote-line', 'footnote-line'],
  ['spaced', 'spaced'],
  ['mark-paren', 'paren'],
  ['mark-close-paren', 'closing-paren'],
  ['mark-superscript', 'superscript'],
  ['page-foot', 'page-foot'],
  ['keyed', 'keyed'],
  ['arrow', 'arrow'],
  ['mark-slash', 'slash'],
  ['mark-bracket', 'bracket'],
  ['mark-fn-hash', 'fn-hash'],
  ['mark-symbol', 'symbol'],
  ['mark-alone', 'alone'],
  ['mark-glued', 'glued'],
];

/** How a note's list printed it, from its `rend`: its style and the label it printed. */
function entryOf(note: TeiElement): { style: NoteStyle; label: string } {
  const tokens = rendTokens(note);
  const style = STYLE_TOKENS.find(([t]) => tokens.includes(t))?.[1] ?? 'numbered';
  return { style, label: rendValue(note, 'list-number') ?? note.attrs.n ?? '' };
}

/** The milestone between the parts of a note printed at the feet of two pages (rule `page-foot-note`). */
export const isNoteContinued = (n: TeiNode): boolean =>
  typeof n !== 'string' && localName(n.name) === 'milestone' && n.attrs.type === 'note-continued';

/**
 * A note's content in the parts printed apart: one, or (a note continued over the page) the part
 * at its own page's foot and each part at the foot of a page after, split at their milestones.
 */
export function noteParts(note: TeiElement): TeiNode[][] {
  const parts: TeiNode[][] = [[]];
  for (const c of note.children) {
    if (isNoteContinued(c)) parts.push([]);
    else parts.at(-1)?.push(c);
  }
  return parts;
}

/** A note's entry as the source printed it: its label (unless set apart), its text, its closing `↩` or `]`. */
function printEntry(note: TeiElement, ctx: UnparseContext): string {
  const tokens = rendTokens(note);
  const { style, label } = entryOf(note);
  const head = tokens.includes('label-apart')
    ? ''
    : (declaredPrint(note, 'noteList', ctx.rendition, label) ?? entryLabel(style, label));
  const close = entryClose(style);
  const open = tokens.includes('arrow-open') || tokens.includes('open');
  const glued = close && !open && !tokens.includes('close-apart');
  // (where the entry stands, only its first part: the others are printed at the pages after)
  return `${head}${ctx.print(noteParts(note)[0] ?? [])}${glued ? close : ''}`;
}

const anchored = (e: TeiElement, ctx: UnparseContext): TeiElement | undefined =>
  ctx.note((e.attrs.corresp ?? '').replace(/^#/, ''));

/**
 * The rule: each note is set at its reference (rule `footnote-ref` prints the mark there); where
 * the list or the text printed it an `anchor` stands (`type="note"`, and `note-label` /
 * `note-close` when the label or the closing mark stood apart from the text), so `recto text`
 * prints it back in place. A note with no reference stays where it is printed (`type="unanchored"`).
 */
export const noteList: Rule = {
  id: 'note-list',
  family: 'generic',
  unparse: [
    printer(
      'anchor',
      (e) => e.attrs.type === 'note',
      (e, ctx) => {
        const note = anchored(e, ctx);
        return note ? printEntry(note, ctx) : '';
      },
    ),
    printer(
      'anchor',
      (e) => e.attrs.type === 'note-label',
      (e, ctx) => {
        const note = anchored(e, ctx);
        if (!note) return '';
        const { style, label } = entryOf(note);
        return (declaredPrint(note, 'noteList', ctx.rendition, label) ?? entryLabel(style, label)).trimEnd();
      },
    ),
    printer(
      'anchor',
      (e) => e.attrs.type === 'note-close',
      (e, ctx) => {
        const note = anchored(e, ctx);
        return (note && entryClose(entryOf(note).style)) ?? ARROW;
      },
    ),
    printer('note', (e) => e.attrs.type === 'unanchored', printEntry),
  ],
};

export type { NoteItem, NoteList, NoteSpan, NoteStyle } from '../note-types.ts';
