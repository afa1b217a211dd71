import { el } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { inPageRun, type ProposedPage, runsOn } from '../page-run.ts';
import { type FamilyId, printer, rendTokens } from '../rule.ts';

/**
 * Rule `page-forms`: the page markers of other publishers than FRUS, each a form with its family
 * (the family's rules read a document only when its signs show it, or the manifest states it):
 * `[[Page H4144]]` (the Congressional Record, GPO), `[Pg 12]` (Project Gutenberg's HTML copies),
 * `{12}` and `[p. 12]` (older Gutenberg texts), `[p337]` (Sefaria's U.S. Reports),
 * `Page 507 | Page image` (the Library of Congress's American Memory), `p. 85` (sacred-texts.com),
 * `v1:387` (the American Archives), law reports' `Page 308 U. S. 166` (Justia), `[97 U.S.App.D.C. 70]`
 * (a parallel reporter's page, CourtListener) and `[ 347 U.S. 483 , 487]` (FindLaw), each with its
 * reporter in `ed`, `-119-` and `---- page 239 ----` (documentary editions' web
 * texts), `<noinclude><pagequality level="4" … />` (a Wikisource page's raw source, where each
 * transcluded page begins: no number). Each is `<pb n="…" rend="…"/>` with its page number as
 * printed; `rend` names the form, so `recto text` prints it back. A form marked `line` is one only
 * alone on its line.
 */
interface PageForm {
  rend: string;
  family: FamilyId;
  /** Sticky; group 1 is the page number as printed (named group `n` where the form has more groups). */
  pattern: RegExp;
  line?: boolean;
  print: (n: string, tokens: Record<string, string>, ed: string) => string;
  /** What else of the printed form the number does not tell (`rend` tokens: `dashes:20`). */
  tokens?: (m: RegExpExecArray) => Record<string, string>;
  /** What, just before the form, makes it something else (tried on the few characters before it). */
  notAfter?: RegExp;
  /** What must stand just before the form (tried on the line or two before it). */
  after?: RegExp;
  /** The characters the form may start with, where printing `1` does not start so (a rule each). */
  trigger?: string;
  /** The page's image, where the form names it (`facs="log343_001.gif"`; printed as token `facs`). */
  facs?: (m: RegExpExecArray) => string;
  /** The edition the page is of, where the form names it (a law report's reporter: `ed="U.S."`). */
  ed?: (m: RegExpExecArray) => string;
  /**
   * A form other text may take (a number in parentheses or between dashes, `p. 12` on a line):
   * read only where the document's marks of the form read as a book's pages (page-run.ts).
   */
  weak?: boolean;
  /** A weak form that names the page (`[page 2]`): a page may end at a sentence's end there. */
  labelled?: boolean;
}

const ROMAN = '[ivxlcdm]{1,8}';

const FORMS: PageForm[] = [
  {
    rend: 'double-bracket',
    family: 'generic',
    pattern: new RegExp(`\\[\\[Page ([A-Z]?\\d{1,5}|${ROMAN})\\]\\]`, 'y'),
    print: (n) => `[[Page ${n}]]`,
  },
  {
    rend: 'pg',
    family: 'generic',
    pattern: new RegExp(`\\[(Pg) (?<n>\\d{1,4}|${ROMAN})\\]`, 'iy'),
    // (`[pg 12]`, `[PG 12]` as printed: the word's case in token `word`, `Pg` by default)
    print: (n, t) => `[${t.word ?? 'Pg'} ${n}]`,
    tokens: (m): Record<string, string> => (m[1] === 'Pg' ? {} : { word: m[1] ?? '' }),
  },
  {
    // a transcriber's page mark in the text, in lower case or capitals (`[page 2] say that`; the
    // mark alone on its line is rule `page-label`; `[Page 2]` is rule `page-marker`)
    rend: 'page-bracket',
    family: 'generic',
    pattern: new RegExp(`\\[(page|PAGE) (?<n>\\d{1,4}|${ROMAN})\\]`, 'y'),
    print: (n, t) => `[${t.word ?? 'page'} ${n}]`,
    tokens: (m) => ({ word: m[1] ?? '' }),
    weak: true,
    labelled: true,
  },
  {
    rend: 'brace',
    family: 'gutenberg',
    pattern: /\{(\d{1,4})\}/y,
    print: (n) => `{${n}}`,
  },
  {
    rend: 'p-dot',
    family: 'gutenberg',
    pattern: new RegExp(`\\[p\\. (\\d{1,4}|${ROMAN})\\]`, 'y'),
    print: (n) => `[p. ${n}]`,
  },
  {
    rend: 'p-glued',
    family: 'law-report',
    pattern: /\[p(\d{1,4})\]/y,
    print: (n) => `[p${n}]`,
  },
  {
    // Justia's U.S. Reports page lines: `Page 308 U. S. 166`
    rend: 'us-page',
    family: 'law-report',
    pattern: /Page (\d{1,4}) U\. S\. (?<n>\d{1,5})(?=\n|$)/y,
    line: true,
    print: (n, t) => `Page ${t.volume} U. S. ${n}`,
    tokens: (m) => ({ volume: m[1] ?? '' }),
    ed: () => 'U.S.',
  },
  {
    // a parallel reporter's page in brackets, as CourtListener's texts give it: `[97 U.S.App.D.C. 70]`
    rend: 'reporter-page',
    family: 'law-report',
    pattern: /\[(\d{1,4}) ((?:[A-Z][A-Za-z]{0,5}\.)+(?:\d[a-z]{1,2})?) (?<n>\d{1,5})\]/y,
    print: (n, t, ed) => `[${t.volume} ${ed} ${n}]`,
    tokens: (m) => ({ volume: m[1] ?? '' }),
    ed: (m) => m[2] ?? '',
    // after a citation's page it is the same case in another reporter (`1 Cranch 137 [5 U.S. 137]`:
    // rule `parallel-citation`), not a page of this text
    notAfter: /\d,? $/,
  },
  {
    // FindLaw's pin pages: `[ 347 U.S. 483 , 487]` (the case's first page, then this page)
    rend: 'findlaw-page',
    family: 'law-report',
    pattern: /\[ (\d{1,4}) ((?:[A-Z][A-Za-z]{0,5}\.)+(?:\d[a-z]{1,2})?) (\d{1,5}) , (?<n>\d{1,5})\]/y,
    print: (n, t, ed) => `[ ${t.volume} ${ed} ${t.first} , ${n}]`,
    tokens: (m) => ({ volume: m[1] ?? '', first: m[3] ?? '' }),
    ed: (m) => m[2] ?? '',
  },
  {
    rend: 'page-image',
    family: 'library-of-congress',
    // (a copy cut off inside its last marker, `Page 610 | Page` at the text's end, still marks the
    // page: token `cut`)
    pattern: /Page (\d{1,4}) \| Page( image|(?=\s*$))(?=\n|$)/y,
    line: true,
    print: (n, t) => `Page ${n} | Page${t.cut ? '' : ' image'}`,
    tokens: (m): Record<string, string> => (m[2] ? {} : { cut: 'yes' }),
  },
  {
    rend: 'p-line',
    family: 'classical',
    pattern: /p\. (\d{1,4})(?=\n|$)/y,
    line: true,
    print: (n) => `p. ${n}`,
  },
  {
    // sacred-texts.com's page mark (`p. x`, set apart in its HTML) with the markup stripped, as a
    // document-sharing site's preview gives the text: glued to the word before it at a line's end
    // where the page broke a sentence (`those who write onp. x` / blank line / `ancient religions`),
    // the sentence going on after it in lower case. Not after an abbreviation that ends in `p.`
    // (`chap. 12`, `esp.`, `comp.`, `op.`, `pp.`, `sup.`)
    rend: 'p-run-on',
    weak: true,
    family: 'generic',
    pattern: /p\. (\d{1,4}|[ivxlc]{1,8})(?=\n[ \t]*\n\s*\p{Ll})/uy,
    after: /\p{Ll}$/u,
    notAfter: /(?:^|[^\p{L}])(?:cha|ca|com|es|res|o|p|su|sup)$/iu,
    trigger: 'p',
    print: (n) => `p. ${n}`,
  },
  {
    rend: 'volume-page',
    family: 'documentary-edition',
    pattern: /v(\d{1,2}):(?<n>\d{1,4})(?=\n|$)/y,
    line: true,
    print: (n, t) => `v${t.volume}:${n}`,
    tokens: (m) => ({ volume: m[1] ?? '' }),
  },
  {
    rend: 'page-rule',
    family: 'documentary-edition',
    pattern: new RegExp(`(-{2,}) page (?<n>\\d{1,4}|${ROMAN}) (-{2,})(?=\\n|$)`, 'y'),
    line: true,
    print: (n, t) => `${'-'.repeat(Number(t.before))} page ${n} ${'-'.repeat(Number(t.after))}`,
    tokens: (m) => ({ before: String((m[1] ?? '').length), after: String((m[3] ?? '').length) }),
  },
  {
    rend: 'parenthesized',
    weak: true,
    family: 'ocr-book',
    pattern: /\( (\d{1,4}) \)/y,
    print: (n) => `( ${n} )`,
    // after a number it is a citation's year, as a law report's title spaces it
    // (`135 F. Supp. 260 ( 1955 )`), not a page
    notAfter: /\d $/,
  },
  {
    // eHistory's Official Records: each page's head line names the volume's serial and the page,
    // four figures as the site prints them (`War of the Rebellion: Serial 005 Page 0532 OPERATIONS
    // IN MD., …`); the running head after it stays text
    rend: 'serial-page',
    family: 'documentary-edition',
    pattern: /War of the Rebellion: Serial (\d{3}) Page (?<n>\d{4})(?=[ \n]|$)/y,
    line: true,
    print: (n, t) => `War of the Rebellion: Serial ${t.serial} Page ${n}`,
    tokens: (m) => ({ serial: m[1] ?? '' }),
  },
  {
    // civilwar.com's Official Records: each page's printed running head after its page, in
    // capitals (`Page 412 CORRESPONDENCE, ETC.`) or between bars (`Page 325 | Chapter XXIII.
    // CORRESPONDENCE, ETC. - UNION. |`); the head stays text. A volume's front matter is paged in
    // capital roman numerals, as the volume prints them (`Page VIII | (Untitled) |`)
    rend: 'page-head',
    family: 'documentary-edition',
    pattern: /Page (\d{1,4}|[IVXL]{1,8})(?= (?:\| [^|\n]+ \||\p{Lu}[\p{Lu}\d ,.;:'’&()-]{3,})(?:\n|$))/uy,
    line: true,
    print: (n) => `Page ${n}`,
  },
  {
    rend: 'dashes',
    weak: true,
    family: 'documentary-edition',
    pattern: /-(\d{1,4})-(?=\n|$)/y,
    line: true,
    print: (n) => `-${n}-`,
  },
  {
    // a transcribed manuscript's page end, named by its image (`[end of page log343_001.gif]`, the
    // transcriptions of the Mystic Seaport logbooks and journals): the next page begins; no number
    rend: 'end-of-page',
    family: 'generic',
    pattern: /\[end of page ()([\w.-]{1,80}\.(?:gif|jpe?g|png|tiff?))\]/y,
    print: (_, t) => `[end of page ${t.facs}]`,
    facs: (m) => m[2] ?? '',
  },
  {
    // the Jain eLibrary's page views (jainqq.org `pagetext`): the site's index of the scan on a
    // line (`Page 174`, as in the page's address, not the printed page: it stays text), a rule of
    // underscores, then the scan's OCR, which opens with the page's head. Where that is the
    // printed folio (`________________ 169 'I ask thee`), the page has its number as printed;
    // where the head is words (`1914.) JAINA GAZETTE. 289`), the page breaks without one
    rend: 'scan-rule',
    family: 'generic',
    pattern: /(_{8,})(?: (?<n>\d{1,4})(?= \S))?/y,
    line: true,
    after: /(?:^|\n)Page \d{1,5}\n$/,
    trigger: '_',
    print: (n, t) => `${'_'.repeat(Number(t.rule))}${n ? ` ${n}` : ''}`,
    tokens: (m) => ({ rule: String((m[1] ?? '').length) }),
  },
  {
    // a Wikisource page not yet proofread: under the proofreaders' notice, the scan's raw OCR run
    // into one paragraph, opening with the page's head as printed, a verso's folio first and its
    // title in capitals (`[30 TREATY WITH GREAT BRITAIN. 1794. ADDITIONAL ARTICLE. …`): the page that text was printed on. (A folio alone on the line: `footFolio`.)
    rend: 'ocr-head',
    family: 'wikisource',
    // (the OCR's `[` before the folio stays text: rule `unclosed-bracket`)
    pattern: /(\d{1,4})(?= \p{Lu}{2,}(?:[ ,'’&-]+\p{Lu}{2,})*\.)/uy,
    after:
      /(?:^|\n)This page (?:has been (?:validated|proofread(?:, but needs to be validated)?)|has not been proofread|needs to be proofread)\.\n(?:[ \t]*\n)*\[?$/,
    trigger: '0123456789',
    print: (n) => n,
  },
  {
    // a wiki page's raw source, as a transcluding page gives it: each page begins with the
    // header its proofreaders keep out of the text (`<noinclude><pagequality level="4" … />`);
    // the page has no number there
    rend: 'wiki-page',
    family: 'wikisource',
    pattern: /<noinclude>()(?=<pagequality level="\d")/y,
    print: () => '<noinclude>',
  },
];

const atLineStart = (source: string, at: number): boolean => at === 0 || source[at - 1] === '\n';

/** The characters a form's printings start with. */
const triggersOf = (form: PageForm): string[] =>
  form.trigger
    ? [...form.trigger]
    : [
        form.rend === 'page-rule' || form.rend === 'dashes'
          ? '-'
          : (form.print('1', { volume: '1' }, 'U.S.')[0] ?? ''),
      ];

/** The form where it stands at `at` (before `end`), with what must and must not stand before it. */
function matchForm(form: PageForm, source: string, at: number, end: number): RegExpExecArray | null {
  if (form.line && !atLineStart(source, at)) return null;
  form.pattern.lastIndex = at;
  const m = form.pattern.exec(source);
  if (!m || m.index !== at || at + m[0].length > end) return null;
  // (what stands before it, tried only where the form is found: the pattern fails faster)
  if (form.notAfter?.test(source.slice(Math.max(0, at - 8), at))) return null;
  if (form.after && !form.after.test(source.slice(Math.max(0, at - 120), at))) return null;
  return m;
}

const numberOf = (m: RegExpExecArray): string => (m.groups ? (m.groups.n ?? '') : (m[1] ?? ''));

/** Every mark of a form in a source, each with whether a sentence runs on across it. */
function marksOf(form: PageForm, source: string): ProposedPage[] {
  const found: ProposedPage[] = [];
  for (const trigger of triggersOf(form))
    for (let at = source.indexOf(trigger); at !== -1; at = source.indexOf(trigger, at + 1)) {
      const m = matchForm(form, source, at, source.length);
      if (!m) continue;
      const before = source.slice(Math.max(0, at - 200), at).trim();
      const after = source.slice(at + m[0].length, at + m[0].length + 200).trim();
      const judged = before !== '' && after !== '';
      found.push({ n: numberOf(m), offset: at, runsOn: judged ? runsOn(before, after) : undefined });
    }
  return found;
}

/** The form's rule at one of its triggers (the first prints the form back: one printer a form). */
function formRule(form: PageForm, trigger: string, prints: boolean): InlineRule {
  return {
    id: 'page-forms',
    family: form.family,
    trigger,
    parse(ctx, at, end) {
      const m = matchForm(form, ctx.source, at, end);
      if (!m) return null;
      if (form.weak && !inPageRun(form, ctx.source, at, () => marksOf(form, ctx.source), form.labelled))
        return null;
      const n = numberOf(m);
      const tokens = Object.entries(form.tokens?.(m) ?? {}).map(([k, v]) => `${k}:${v}`);
      const rend = [form.rend, ...tokens].join(' ');
      const ed = form.ed?.(m);
      const facs = form.facs?.(m);
      const pb = el('pb', { n: n || undefined, ed, facs, rend, 'xml:id': ctx.ids.take(`pg${n}`) });
      return { nodes: [pb], next: at + m[0].length };
    },
    unparse: prints
      ? [
          printer(
            'pb',
            (e) => (e.attrs.rend ?? '').split(' ')[0] === form.rend,
            (e) => {
              const tokens = Object.fromEntries(
                rendTokens(e)
                  .filter((t) => t.includes(':'))
                  .map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)]),
              );
              return form.print(e.attrs.n ?? '', { ...tokens, facs: e.attrs.facs ?? '' }, e.attrs.ed ?? '');
            },
          ),
        ]
      : [],
  };
}

export const PAGE_FORMS: InlineRule[] = FORMS.flatMap((form) =>
  triggersOf(form).map((trigger, k) => formRule(form, trigger, k === 0)),
);

/** A line that is nothing but a page marker of these forms (a paragraph split by a page goes on after it). */
export function isPageFormLine(text: string, families: ReadonlySet<FamilyId>): boolean {
  const t = text.trim();
  return FORMS.some((f) => {
    // (a form read only after what stands before it cannot be told from its line alone)
    if (!families.has(f.family) || f.after) return false;
    f.pattern.lastIndex = 0;
    const m = f.pattern.exec(t);
    return m !== null && m.index === 0 && m[0].length === t.length;
  });
}
