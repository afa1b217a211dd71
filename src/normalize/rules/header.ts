import { printer, type Rule } from '../rule.ts';
import { isBoilerplate } from './boilerplate.ts';
import { findDate } from './dates.ts';
import { isOmissionNotice } from './omission.ts';
import { runningHeadPage } from './running-head.ts';

/**
 * Rule `header`: the lines above the text — source line, file number, collection, the
 * `X to Y` title, `[Extracts]`, despatch number, dateline. Each line is classified alone;
 * the first line that fits none of them starts the body.
 */
export type HeaderKind = 'fw' | 'source' | 'editorial' | 'despatch' | 'dateline' | 'head';

export interface HeaderState {
  heads: number;
  datelines: number;
}

export const FILE_NUMBER = /^\d{3}\.\d{2,4}[A-Z]?\d*(?:\/[^\s:]+)?(?::\s*\S.*)?$/;
const COLLECTION = /^[A-Z][\p{L}.'’ -]{0,60}\b(?:Papers|Files|Library|Archives?|Collection|Records)$/u;
const CORRESPONDENCE_TITLE =
  /^(?:The |Telegram|Memorandum|Letter|Despatch|Dispatch|Message|Note|Instruction|Airgram|Circular)\S*.*\bto\b/;
/** The 19th-century volumes' title: `Mr. Adams to Mr. Seward.`, `Mr. Fish to Mr. E.B. Washburne.` */
const PERSONAL_TITLE =
  /^(?:Mr|Mrs|Messrs|M|Sir|Lord|Count|Baron|Prince|General|Admiral|Señor)\.? [\p{L}. ’'-]{1,40} to (?:Mr|Mrs|Messrs|M|Sir|Lord|Count|Baron|Prince|General|Admiral|Señor)\.? [\p{L}. ’'-]{1,40}$/u;
const PUBLICATION_LINE = /^\p{Lu}[\p{L} .’'-]{0,40}, (?:\d{1,2} )?\p{Lu}\p{Ll}+ (?:\d{1,2}, )?\d{4}$/u;
const EDITORIAL_LINE = /^\[(?!Page\b)[^\]]+\]$/;

export function classifyHeaderLine(text: string, state: HeaderState): HeaderKind | null {
  const t = text.trim();
  if (isBoilerplate(t)) return 'fw';
  // (a page's running head with its folio begins the text's page: the body's, rule `running-head`)
  if (runningHeadPage(t) !== null) return null;
  // `[Source: … 3 pages not declassified.]` after the dateline stands for the whole text (the
  // document is withheld): an omission in the body, not the source note.
  if (state.datelines > 0 && /^\[Source:\s/.test(t) && isOmissionNotice(t)) return null;
  if (/^\[?Source:\s/.test(t) || FILE_NUMBER.test(t) || COLLECTION.test(t)) return 'source';
  if (EDITORIAL_LINE.test(t) && !isOmissionNotice(t)) return 'editorial';
  // `No. 730`, and as the 19th-century volumes print it, `No. 1399.]`, `No. 1306 ]`, `No. 91.`
  if (/^No\. ?\d+(?:\.|\s*\.?\])?$/.test(t)) return 'despatch';
  if (t.length > 200) return null;
  if (state.datelines === 0 && state.heads < 2 && (CORRESPONDENCE_TITLE.test(t) || PERSONAL_TITLE.test(t)))
    return 'head';
  if (t.length < 100 && findDate(t)) {
    if (state.datelines === 0) return 'dateline';
    // A second dated line such as `Izvestia, 5 July 1918` names where the text was printed.
    if (PUBLICATION_LINE.test(t)) return 'source';
  }
  if (state.datelines === 0 && state.heads < 2 && isTitleLike(t, state.heads)) return 'head';
  return null;
}

function isTitleLike(t: string, heads: number): boolean {
  if (/^(?:\(\w+\)|\d+\.|-)\s/.test(t)) return false;
  if (/\p{Ll}[.!?]\s/u.test(t)) return false; // a sentence ends inside: prose, not a title
  if (heads > 0 && (/[.:;,]$/.test(t) || !isTitleCase(t))) return false;
  return /^\p{Lu}/u.test(t) && t.split(/\s+/).length <= 20;
}

/** Most longer words capitalized, as in `U.S. Relations With the Soviet Union`. */
function isTitleCase(t: string): boolean {
  const words = t.split(/\s+/).filter((w) => w.replace(/\P{L}/gu, '').length >= 4);
  const capitalized = words.filter((w) => /^\P{L}*\p{Lu}/u.test(w)).length;
  return words.length > 0 && capitalized / words.length >= 0.6;
}

/** The rule: a bracketed editorial line (`[Extracts]`) is a note printed in its brackets. */
export const header: Rule = {
  id: 'header',
  family: 'frus',
  unparse: [
    printer(
      'note',
      (e) => e.attrs.type === 'editorial' && e.attrs.place !== 'inline',
      (e, ctx) => `[${ctx.print(e.children)}]`,
    ),
  ],
};
