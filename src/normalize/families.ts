import type { Line } from './lines.ts';
import type { FamilyId } from './rule.ts';
import { verseShown } from './rules/verse.ts';

/**
 * The convention families: a publisher's house conventions (Project Gutenberg's `[Footnote 1: …]`
 * and `{12}`, a law report's star paging, the Library of Congress's `Page 507 | Page image` …).
 * A document's families are found from its own evidence (each family's signs, counted) or stated
 * in the manifest; the rules of a family read a document only when the family is among its own,
 * so a sign that means one thing to one publisher (`*487`, `[1]`, `{12}`) is not read where it
 * means another. `generic` and `frus` rules always read (Recto's first family: what every plain
 * text has, and what FRUS texts have).
 */
interface Sign {
  /** What the sign is, as the report names it (`footnote blocks`). */
  name: string;
  pattern: RegExp; // global
  /** How many make the family: one clear sign is enough for some, others need a run. */
  min: number;
}

interface FamilySigns {
  id: FamilyId;
  signs: Sign[];
}

const FAMILIES: FamilySigns[] = [
  {
    id: 'gutenberg',
    signs: [
      { name: 'Project Gutenberg lines', pattern: /Project Gutenberg/g, min: 1 },
      { name: 'footnote blocks', pattern: /\[Footnote(?: [\w*†‡§]{1,4})?:/g, min: 1 },
      {
        name: 'illustrations',
        pattern: /\[(?:Illustration|Picture|Music(?: illustration)?|Frontispiece)\b/g,
        min: 1,
      },
      { name: '{N} page markers', pattern: /\{\d{1,4}\}/g, min: 2 },
      { name: '[Pg N] page markers', pattern: /\[Pg \d{1,4}\]/gi, min: 1 },
      { name: 'sidenotes', pattern: /\[Sidenote:/g, min: 1 },
      { name: 'transcriber’s notes', pattern: /Transcriber['’]s Note/gi, min: 1 },
      { name: '[FN#N] notes', pattern: /\[FN#\d{1,4}\]/g, min: 1 },
      { name: '[N] note entries', pattern: /^\s{0,4}\[\d{1,3}\.?\] \S/gm, min: 2 },
      { name: '_italic_ words', pattern: /(?<![\p{L}\d_])_\p{L}[^_\n]{0,60}_(?![\p{L}\d_])/gu, min: 3 },
    ],
  },
  {
    id: 'law-report',
    signs: [
      {
        name: 'reporter citations',
        pattern:
          /\b\d{1,4} (?:U\. ?S\.|S\. ?Ct\.|F\.(?: ?Supp\.|[234]d)|L\. ?Ed\.(?: ?2d)?|So\.(?: ?[23]d)?|[NS]\.[EW]\.(?: ?[23]d)?|P\.(?: ?[23]d)?|A\. ?[23]d) \d{1,4}\b/g,
        min: 2,
      },
      {
        name: 'opinions',
        pattern:
          /delivered the opinion|Opinion (?:of|for) the Court|PER CURIAM|\b(?:Circuit|District|Chief) Judge\b|MR\. JUSTICE/g,
        min: 1,
      },
    ],
  },
  {
    id: 'library-of-congress',
    signs: [
      { name: 'page image lines', pattern: /^Page \d{1,4} \| Page image$/gm, min: 1 },
      { name: 'note blocks', pattern: /\[Note \d{1,3}: /g, min: 1 },
      {
        name: 'running lines with the item’s address',
        pattern: / https?:\/\/www\.loc\.gov\/resource\//g,
        min: 1,
      },
    ],
  },
  {
    id: 'parliamentary',
    signs: [
      { name: '[[Page N]] markers', pattern: /\[\[Page [A-Z]?\d{1,5}\]\]/g, min: 1 },
      { name: 'Congressional Record headers', pattern: /\[Congressional Record/g, min: 1 },
      { name: 'Hansard references', pattern: /\bH[CL] Deb\b/g, min: 1 },
    ],
  },
  {
    id: 'documentary-edition',
    signs: [
      { name: 'volume:page lines', pattern: /^v\d{1,2}:\d{1,4}$/gm, min: 1 },
      { name: '-N- page lines', pattern: /^-\d{1,4}-$/gm, min: 1 },
      { name: 'page rules', pattern: /^-{2,} ?page (?:\d{1,4}|[ivxlcdm]{1,8}) ?-{2,}$/gim, min: 1 },
      // the Official Records' web texts: eHistory's page head, civilwar.com's running head
      {
        name: 'Official Records page heads',
        pattern: /^War of the Rebellion: Serial \d{3} Page \d{4}\b/gm,
        min: 1,
      },
      {
        name: 'Official Records page titles',
        pattern: /^\d{1,4} Series [IVX]{1,3} Volume [IVXL]{1,6}(?:-[IVX]{1,3})?-? Serial \d{1,3} - /gm,
        min: 1,
      },
      {
        name: 'barred running heads',
        pattern: /^Page (?:\d{1,4}|[IVXL]{1,8}) \| (?!Page\b)[^|\n]+ \|$/gm,
        min: 1,
      },
      { name: 'glued (N) references', pattern: /[\p{L}.,;:]\(\d{1,2}\)(?=\s|$)/gmu, min: 2 },
      {
        name: 'date running heads',
        pattern:
          /^(?=\d|.*\d{4} \d)(?:\d{1,4} )?(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) \d{4}(?: \d{1,4}(?: \d)?)?$/gm,
        min: 1,
      },
    ],
  },
  {
    id: 'ocr-book',
    signs: [
      // (not after a number: `135 F. Supp. 260 ( 1955 )` is a citation's year)
      { name: '( N ) folios', pattern: /(?<!\d )\( \d{1,4} \)/g, min: 1 },
      { name: 'Google scan marks', pattern: /Digitized by Google/g, min: 1 },
      { name: 'HathiTrust page lines', pattern: /^## p\. /gm, min: 1 },
    ],
  },
  {
    id: 'classical',
    signs: [{ name: 'p. N page lines', pattern: /^p\. \d{1,4}$/gm, min: 1 }],
  },
  {
    id: 'wikisource',
    signs: [
      { name: '↑ note lists', pattern: /^\s*↑ /gm, min: 1 },
      { name: 'page break templates', pattern: /\{\{page break\|/gi, min: 1 },
      { name: 'raw page headers', pattern: /<pagequality level="\d"/g, min: 1 },
      { name: 'Page: titles', pattern: /^Page:.+\.(?:djvu|pdf)\/\d+$/gm, min: 1 },
      {
        name: 'proofreading notices',
        pattern:
          /^This page (?:has been (?:validated|proofread(?:, but needs to be validated)?)|has not been proofread|needs to be proofread)\.$/gm,
        min: 1,
      },
    ],
  },
];

export interface Detected {
  families: Set<FamilyId>;
  /** Each detected or stated family, and what showed it (`gutenberg: 4 footnote blocks, 12 {N} page markers`). */
  evidence: Map<FamilyId, string[]>;
}

/** The families a text's own signs show, and those the manifest states (which need no evidence). */
export function detectFamilies(text: string, stated: FamilyId[] = [], lines?: Line[]): Detected {
  const families = new Set<FamilyId>(['generic', 'frus']);
  const evidence = new Map<FamilyId, string[]>();
  for (const id of stated) {
    families.add(id);
    evidence.set(id, ['stated in the manifest']);
  }
  for (const family of FAMILIES) {
    const shown: string[] = [];
    let enough = false;
    for (const sign of family.signs) {
      const count = text.match(sign.pattern)?.length ?? 0;
      if (count === 0) continue;
      shown.push(`${count} ${sign.name}`);
      if (count >= sign.min) enough = true;
    }
    if (enough && !families.has(family.id)) {
      families.add(family.id);
      evidence.set(family.id, shown);
    }
  }
  // verse shows in its shape, not in any sign: stanzas at the margin (rules/verse.ts)
  const stanzas = lines ? verseShown(lines) : null;
  if (stanzas && !families.has('verse')) {
    families.add('verse');
    evidence.set('verse', [stanzas]);
  }
  return { families, evidence };
}

/** Every family a manifest may state. */
export const FAMILY_IDS: FamilyId[] = [
  'generic',
  'frus',
  'gutenberg',
  'wikisource',
  'documentary-edition',
  'library-of-congress',
  'law-report',
  'parliamentary',
  'ocr-book',
  'newspaper',
  'classical',
  'verse',
];
