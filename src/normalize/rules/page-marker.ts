import { el } from '../../tei/node.ts';
import { type InlineRule, matchAt } from '../inline.ts';
import { inPageRun, type ProposedPage } from '../page-run.ts';
import { printer } from '../rule.ts';

// (a number in brackets, `[Page [506]]`, is a page the volume's editors supplied: `pb n="[506]"`)
const PAGE = /\[(Facsimile )?Page ?(\[\d{1,5}\]|[^\]\n]*)\]/y;
/** The Text Creation Partnership's mark of a page that prints no number (an unpaginated leaf). */
const UNNUMBERED = '[Page]';
const VALID = /^(?:\d{1,5}|[ivxlcdm]{1,8}|\[\d{1,5}\])$/i;

/**
 * A valid page marker at the start of a line (`[Page 15]`, `[Page 15]Chicago, …`): how long it is
 * with the spaces after it, or 0. The header takes it off a line before classifying the rest.
 */
export function leadingPageMarker(text: string): number {
  if (text.startsWith(UNNUMBERED)) return /^\[Page\]\s*/.exec(text)?.[0].length ?? 0;
  const m = /^\[(?:Facsimile )?Page (\[\d{1,5}\]|[^\]\n]*)\]\s*/.exec(text);
  if (!m) return /^Page \d{1,5}\s*$/.test(text) ? text.length : 0; // a page view's `Page 1` line
  return VALID.test(m[1] ?? '') ? m[0].length : 0;
}

/**
 * Rule `page-marker`: `[Page 225]` (or `[Facsimile Page 1]`), alone or inside a paragraph →
 * `<pb n="225"/>` at that point. The number is taken as printed, spaces and all: only a marker
 * whose number is a page number (`[Page 225]`, `[Page xii]`, a supplied one `[Page [506]]`, as the
 * volume's own `pb n="[506]"`) is one; `[Page abc]` or
 * `[Page  12]` stays text with a warning, so what is read is what `recto text` writes back.
 * `[Page]`, the Text Creation Partnership's mark of a leaf printed with no number (a title page,
 * its verso), is a break with none: `<pb/>`.
 */
export const pageMarker: InlineRule = {
  id: 'page-marker',
  family: 'frus',
  trigger: '[',
  parse(ctx, at, end) {
    const m = matchAt(PAGE, ctx.source, at, end);
    if (!m) return null;
    const n = m[2] ?? '';
    if (m[0] === UNNUMBERED)
      return { nodes: [el('pb', { 'xml:id': ctx.ids.take('pg') })], next: at + m[0].length };
    if (!VALID.test(n) || !m[0].includes('Page ')) {
      ctx.diag.warn(
        'page-marker-invalid',
        `page marker "${m[0]}" has no page number; kept as text`,
        ctx.positions.at(at),
      );
      return { nodes: [m[0]], next: at + m[0].length };
    }
    // `[Facsimile Page 1]`: a page of a document the volume reproduces in facsimile.
    const type = m[1] ? 'facsimile' : undefined;
    const id = ctx.ids.take(type ? `fpg${n}` : `pg${n}`);
    return { nodes: [el('pb', { n, type, 'xml:id': id })], next: at + m[0].length };
  },
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === undefined,
      (e) =>
        e.attrs.n === undefined
          ? UNNUMBERED
          : e.attrs.type === 'facsimile'
            ? `[Facsimile Page ${e.attrs.n}]`
            : `[Page ${e.attrs.n}]`,
    ),
  ],
};

// (not over a note list's first entry, `Page 1` / `[1] Metamorphoseon …`: a notes page's label
// for the page whose notes follow, no break of its own; nor over a rule of underscores, the
// Jain eLibrary's index of its scan, whose printed page follows the rule: form `scan-rule`)
const PAGE_LINE = /Page (\d{1,5})(?=[ \t]*(?:\n|$))(?![ \t]*\n(?:\[\d{1,3}\] |_{8,}))/y;

/** Every `Page 12` line of a source that rule `page-line` reads, each where it stands. */
function pageLines(source: string): ProposedPage[] {
  const found: ProposedPage[] = [];
  for (const line of source.matchAll(/^Page \d/gm)) {
    PAGE_LINE.lastIndex = line.index;
    const m = PAGE_LINE.exec(source);
    if (m && m.index === line.index) found.push({ n: m[1] ?? '', offset: line.index });
  }
  return found;
}

/**
 * Rule `page-line`, the web page views' form: a line that is only `Page 1` (the University of
 * Wisconsin's FRUS text pages head each printed page so) → `<pb n="1" rend="page-line"/>`.
 */
export const pageLine: InlineRule = {
  id: 'page-line',
  family: 'frus',
  trigger: 'P',
  parse(ctx, at, end) {
    const lineStart = ctx.source.lastIndexOf('\n', at - 1) + 1;
    if (ctx.source.slice(lineStart, at).trim() !== '') return null;
    PAGE_LINE.lastIndex = at;
    const m = PAGE_LINE.exec(ctx.source);
    if (!m || m.index !== at || at + m[0].length > end) return null;
    const n = m[1] ?? '';
    // (`Page 12` alone on a line is a label other text may print too: a run of them must rise)
    if (!inPageRun(pageLine, ctx.source, at, () => pageLines(ctx.source), true)) return null;
    return {
      nodes: [el('pb', { n, rend: 'page-line', 'xml:id': ctx.ids.take(`pg${n}`) })],
      next: at + m[0].length,
    };
  },
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'page-line',
      (e) => `Page ${e.attrs.n ?? ''}`,
    ),
  ],
};
