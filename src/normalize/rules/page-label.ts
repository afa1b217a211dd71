import type { Line } from '../lines.ts';
import { formsPageRun, type ProposedPage, runsOn } from '../page-run.ts';
import { printer, type Rule } from '../rule.ts';
import type { Cutout } from '../segment.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `page-label` (family `generic`): a line that is nothing but a page's label, the word
 * `page` (`pg`, `p.`) and its number, in whatever brackets or rules the copy sets it: a
 * transcriber's `[page 2]`, a PDF extraction's `--- Page 3 ---` or `=== PAGE 4 ===`, a web
 * copy's `**[Page 2]**`, a page footer's `Page 2 of 10`, `<page 12>`, `(Page xii)` (bare, only the
 * footer's form: `PAGE 001` heads a cable's page in a FRUS document's text). The page
 * begins there: `<pb n="2" rend="page-label"/>` and the line kept as forme work
 * (`<fw type="pageNum">`), which prints it back. The brackets must close what they open. Only
 * where the document's labels read as a book's pages (rising, not years: page-run.ts); the forms
 * other rules read (`[Page 12]`, `Page 12` alone, `[Pg 12]`, `-- page 12 --`, `p. 12`) are
 * theirs. And a PDF's centred folio between spaced dashes (`- 12 -`, `— 12 —`), as a run that
 * falls inside a sentence now and then (a section's number between dashes never does).
 */
const LABEL =
  /^(?<open>[-=*#~_|<[({ \t]*?)(?<word>page|pg\.?|p\.)[ \t]?(?<n>\d{1,4}|[ivxlc]{1,7})(?:[ \t]+of[ \t]+\d{1,4})?(?<close>[ \t\-=*#~_|>\])}]*)$/i;

/** The forms the other page rules read (page-marker, page-line, page-forms). */
const OTHER_RULES = [
  /^\[(?:Facsimile )?Page [^\]]*\]$/,
  /^Page \d{1,5}$/,
  /^\[\[Page [A-Z]?\w{1,5}\]\]$/,
  /^\[Pg \w{1,4}\]$/i,
  /^\[p\. \w{1,4}\]$/,
  /^-{2,} page \w{1,8} -{2,}$/,
  /^p\. \d{1,4}$/,
];

const CLOSING: Record<string, string> = { '[': ']', '(': ')', '{': '}', '<': '>' };

/** Whether the brackets after the number close those before it, innermost first. */
function balanced(open: string, close: string): boolean {
  const opened = [...open].filter((c) => c in CLOSING).map((c) => CLOSING[c]);
  const closed = [...close].filter((c) => /[\])}>]/.test(c));
  return opened.reverse().join('') === closed.join('');
}

/** The page a line labels (its number as printed), or null where the line is none of these. */
export function pageLabel(text: string): string | null {
  const t = text.trim();
  if (OTHER_RULES.some((re) => re.test(t))) return null;
  const m = LABEL.exec(t);
  if (!m?.groups) return null;
  const { open = '', close = '', word = '', n = '' } = m.groups;
  if (!balanced(open, close)) return null;
  // (bare, `pg 12` is a citation's page, `PAGE 001` a cable's page head (a FRUS document's
  // text, no page of the edition); a page footer's `Page 5 of 12` says what it is)
  const bare = open.trim() === '' && close.trim() === '';
  if (bare && !(/^page$/i.test(word) && / of \d/i.test(t))) return null;
  return n;
}

/**
 * A folio between spaced dashes alone on a line, as a PDF's text gives a page's centred number
 * (`- 12 -`, `— 12 —`; `-12-` unspaced is page-forms' `dashes`): the page it numbers, or null.
 */
export function dashedFolio(text: string): string | null {
  const m = /^[ \t]*([-–—]{1,2})[ \t]+(\d{1,4})[ \t]+([-–—]{1,2})[ \t]*$/.exec(text);
  return m && m[1] === m[3] ? (m[2] ?? null) : null;
}

/** The labelled page lines of a text, if they read as a book's pages. */
export function findPageLabels(lines: Line[], taken: ReadonlySet<number>): Cutout[] {
  const find = (read: (text: string) => string | null) =>
    lines.flatMap((line) => {
      const n = taken.has(line.index) ? null : read(line.text);
      return n === null ? [] : [{ line, n }];
    });
  const labels = find(pageLabel);
  const dashed = find(dashedFolio);
  // (the label names the page: its word is evidence enough that a sentence may end at it; a
  // number between dashes may be a section's, unless a sentence runs on across some of them)
  const found = [
    ...(formsPageRun(
      labels.map((f) => ({ n: f.n, offset: f.line.offset })),
      true,
    )
      ? labels
      : []),
    // (and of three at least: two numbers between dashes that rise are as often a document's
    // first two poems or sections, `— 2 —` over one and `— 3 —` over the next, as two pages)
    ...(dashed.length >= 3 && formsPageRun(dashed.map((f) => proposed(f.line, f.n, lines))) ? dashed : []),
  ].sort((a, b) => a.line.index - b.line.index);
  return found.map(({ line, n }) => ({
    block: { kind: 'furniture', span: spanOf(line), role: 'pageNum', page: { n, rend: 'page-label' } },
    firstLine: line.index,
    endLine: line.index + 1,
  }));
}

/** The rule's inverse: the label's `fw` prints its line; the page break it carries prints nothing. */
export const pageLabelRule: Rule = {
  id: 'page-label',
  family: 'generic',
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'page-label',
      () => '',
    ),
  ],
};

/** A folio line as the page-run guard weighs it: where it stands, and whether a sentence runs on across it. */
function proposed(line: Line, n: string, lines: Line[]): ProposedPage {
  const text = (step: 1 | -1): string => {
    for (let j = line.index + step; j >= 0 && j < lines.length; j += step) {
      const t = (lines[j] as Line).text.trim();
      if (t) return t;
    }
    return '';
  };
  const before = text(-1);
  const after = text(1);
  return { n, offset: line.offset, runsOn: before && after ? runsOn(before, after) : undefined };
}
