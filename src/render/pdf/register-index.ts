import type { ModelEdition } from '../../model/edition.ts';
import { indexKey, indexOrder } from '../../model/mentions.ts';
import { fold, nameTokens } from '../../register/names.ts';
import type { RegisterEntry } from '../../register/types.ts';
import type { Item, Opening } from './blocks.ts';
import type { FontSet } from './fonts.ts';
import { breakLines } from './lines.ts';
import type { Placed } from './page.ts';
import type { Paginator } from './paginate.ts';
import type { PdfStyle } from './style.ts';

/**
 * The back-of-book index of the register: every entry mentioned in the documents, alphabetical,
 * with the numbers of the pages its mentions are printed on, set in two columns. The pages are
 * those the layout recorded for each mention's anchor as the pages were drawn (all of them are
 * drawn before the index opens), so a number is always a page the name stands on. The Paginator
 * sets one column; the index places its lines itself, column by column, on pages it opens.
 */
const GUTTER = 18; // points between the columns
const OPENING: Opening = {
  title: 'Index of Names',
  id: '#register-index',
  runningHead: 'Index of Names',
  division: true,
};

/** A line of the index: an entry (`Kennan, George F., 721, 723`), a sub-entry, or a cross-reference. */
interface IndexLine {
  text: string;
  sub: boolean; // set under its entry, one em further in
}

/** The lines of one entry, kept together in a column, and where they sort. */
interface IndexGroup {
  key: string;
  lines: IndexLine[];
}

/** A name's words as the register compares them (names.ts), a possessive's `'s` left off. */
const words = (s: string): string[] => nameTokens(s).map((t) => fold(t).replace(/'s$/, ''));

/**
 * The variants of an entry spelt with another surname (`Litvinoff` for Litvinov, Maxim; a
 * source's `Lippman`): what the index sends a reader on from, and sets apart under the entry.
 */
function spellings(entry: RegisterEntry): { form: string; surname: string }[] {
  const comma = entry.name.indexOf(',');
  const own = comma >= 0 ? words(entry.name.slice(0, comma)) : words(entry.name).slice(0, 1);
  return entry.variants.flatMap((form) => {
    const tokens = words(form.includes(',') ? form.slice(0, form.indexOf(',')) : form);
    const surname = form.includes(',')
      ? tokens.join(' ')
      : comma < 0
        ? (tokens[0] ?? '')
        : (tokens.at(-1) ?? '');
    return surname && !own.includes(surname) && own.join(' ') !== surname ? [{ form, surname }] : [];
  });
}

/** A variant as an index heading: `Lippman`; `Merchant, Livie` for a name in Western order. */
function heading(form: string): string {
  const tokens = form.trim().split(/\s+/);
  return form.includes(',') || tokens.length < 2
    ? form
    : `${tokens.at(-1)}, ${tokens.slice(0, -1).join(' ')}`;
}

/**
 * The index's groups: each entry mentioned with its page numbers; the pages where the text spells
 * the name as one of its variants in a sub-entry (`as Lippman, 722`); and a cross-reference from
 * each such variant (`Lippman, see Lippmann, Walter`).
 */
function indexGroups(edition: ModelEdition, pageOf: (anchor: string) => number | undefined): IndexGroup[] {
  const groups: IndexGroup[] = [];
  const pagesOf = (list: { anchor: string }[]): number[] =>
    [...new Set(list.flatMap((m) => pageOf(m.anchor) ?? []))].sort((a, b) => a - b);
  for (const e of indexOrder(edition.register)) {
    const mentions = edition.mentions.get(e.id) ?? [];
    if (pagesOf(mentions).length === 0) continue;
    const variants = spellings(e);
    const main: typeof mentions = [];
    const bySpelling = new Map<string, typeof mentions>();
    for (const m of mentions) {
      const spelt = variants.find((v) => words(m.words).includes(v.surname));
      if (spelt) bySpelling.set(spelt.form, [...(bySpelling.get(spelt.form) ?? []), m]);
      else main.push(m);
    }
    const pages = pagesOf(main);
    const lines: IndexLine[] = [
      { text: pages.length ? `${e.name}, ${pages.join(', ')}` : e.name, sub: false },
    ];
    for (const v of variants) {
      const spelt = pagesOf(bySpelling.get(v.form) ?? []);
      if (spelt.length) lines.push({ text: `as ${v.form}, ${spelt.join(', ')}`, sub: true });
    }
    groups.push({ key: indexKey(e.name), lines });
    for (const v of variants)
      groups.push({
        key: indexKey(heading(v.form)),
        lines: [{ text: `${heading(v.form)}, see ${e.name}`, sub: false }],
      });
  }
  return groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function placeRegisterIndex(
  p: Paginator,
  edition: ModelEdition,
  fonts: FontSet,
  style: PdfStyle,
  pageOf: (anchor: string) => number | undefined,
): void {
  if (!edition.register.some((e) => (edition.mentions.get(e.id)?.length ?? 0) > 0)) return;
  // The page being filled is handed on first: a mention on the book's last page has its page
  // number only once that page is complete.
  p.openRecto();
  const entries = indexGroups(edition, pageOf);
  if (entries.length === 0) return;

  const { size, leading } = style.small;
  const column = (p.measure - GUTTER) / 2;
  const hang = size; // continuation lines are indented one em under the entry's first line
  const title = breakLines(
    [{ kind: 'text', text: OPENING.title, style: 'regular' }],
    p.measure,
    style.title.size,
    0,
    fonts,
    false,
  );
  const heading = p.takeBlock();
  title.forEach((line, k) => {
    p.current.body.push({
      line,
      y: k * style.title.leading,
      size: style.title.size,
      leading: style.title.leading,
      align: 'left',
      leftIndent: 0,
      tag: 'H1',
      block: heading,
      index: k,
      of: title.length,
      // the index opens here: its bookmark, its destination, its running head on the pages after
      opening: k === 0 ? OPENING : undefined,
    });
  });
  let top = style.title.leading * (title.length + 1); // where the columns start on this page
  let col = 0;
  let y = top;
  for (const group of entries) {
    const lines = group.lines.flatMap((entry) => {
      const inset = entry.sub ? size : 0; // a sub-entry one em further in
      const items: Item[] = [{ kind: 'text', text: entry.text, style: 'regular' }];
      return breakLines(items, column - hang - inset, size, -hang, fonts, false).map((line) => ({
        line,
        inset,
      }));
    });
    const tag = p.takeBlock();
    // An entry stays in one column, with its sub-entries, when it fits in one.
    if (y > top && y + lines.length * leading > p.height) {
      if (col === 0) {
        col = 1;
        y = top;
      } else {
        p.newPage();
        top = 0;
        col = 0;
        y = 0;
      }
    }
    for (const [k, { line, inset }] of lines.entries()) {
      const placed: Placed = {
        line,
        y,
        size,
        leading,
        align: 'left',
        leftIndent: col * (column + GUTTER) + hang + inset,
        tag: 'P',
        block: tag,
        index: k,
        of: lines.length,
      };
      p.current.body.push(placed);
      y += leading;
    }
  }
}
