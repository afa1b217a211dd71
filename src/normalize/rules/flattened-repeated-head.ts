import { el, type TeiNode } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { formsPageRun, type ProposedPage, pageValue } from '../page-run.ts';

/**
 * Rule `flattened-head`, a head seen once: in an OCR text run into one paragraph, a page's folio
 * and a title ending in a stop (`… took place in Eng viii Preface. land.`, `… Rufinus 35 vi INDEX
 * OF EPIGRAMS. EPIGEAM PAGE …`), where that title is a heading printed earlier in capitals
 * (`PREFACE. HIS is the firft Attempt`, `INDEX OF EPIGRAMS IN THE ORDER …`), a page's text before:
 * a book repeats the title of the section at the head of its pages after the first. A page break
 * with the folio as printed (arabic, not a year, or roman), the folio and the title kept as forme
 * work. Not after a citation's word (`p. 12 Preface.`, `chapter iv Preface.`); several must read as
 * a book's pages (page-run.ts).
 */
const FOLIO = String.raw`\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7}`;
const WORD = String.raw`\p{Lu}[\p{L}'’&-]*`;
const SMALL = '(?:of|the|and|in|on|to|for|a)';
const TITLE = String.raw`(?:(?:${WORD}|${SMALL})[ ,]+){0,5}${WORD}\.`;
const HEAD = new RegExp(String.raw`(?<=[\p{L}\d,;:.] )(${FOLIO}) (${TITLE})(?= )`, 'gu');
const CITING = /\b(?:p|pp|page|pages|vol|chap|chapter|ch|no|art|sec|book|part|see)\.? $/i;
/** The fewest characters of text between the heading and the head that repeats it: a page's. */
const PAGE_CHARS = 150;

interface Found {
  folio: string;
  title: string;
  length: number;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every such head of a source, by the offset of its folio: found once a source (the rule asks at each trigger). */
const cache = { source: '', heads: new Map<number, Found>() };

function headsOf(source: string): Map<number, Found> {
  if (cache.source === source) return cache.heads;
  const found = new Map<number, Found>();
  for (const m of source.matchAll(HEAD)) {
    const [whole, folio = '', title = ''] = m;
    if (CITING.test(source.slice(Math.max(0, m.index - 10), m.index))) continue;
    const value = pageValue(/^[IVXLC]+$/.test(folio) ? folio.toLowerCase() : folio);
    if (!value || (value.kind === 'arabic' && value.value >= 1400 && value.value <= 2099)) continue;
    const words = title
      .replace(/\.$/, '')
      .split(/[ ,]+/)
      .filter(Boolean)
      .map((w) => escapeRe(w.toUpperCase()));
    if (words.join('').length < 5) continue;
    // (the heading it repeats: in capitals, a page's text before the head)
    const heading = new RegExp(String.raw`(?<![\p{L}])${words.join('[ ,]+')}(?![\p{Ll}])`, 'u');
    if (!heading.test(source.slice(0, Math.max(0, m.index - PAGE_CHARS)))) continue;
    found.set(m.index, { folio, title, length: whole.length });
  }
  const pages: ProposedPage[] = [...found].map(([offset, f]) => ({ n: f.folio, offset }));
  cache.source = source;
  cache.heads = pages.length > 1 && !formsPageRun(pages, true) ? new Map() : found;
  return cache.heads;
}

function repeatedHead(trigger: string): InlineRule {
  return {
    id: 'flattened-head',
    family: 'generic',
    trigger,
    parse(ctx, at, end) {
      if (ctx.source[at - 1] !== ' ') return null;
      const f = headsOf(ctx.source).get(at);
      if (!f || at + f.length > end) return null;
      const pb = el('pb', { n: f.folio, rend: 'flattened-head', 'xml:id': ctx.ids.take(`pg${f.folio}`) });
      const nodes: TeiNode[] = [
        pb,
        el('fw', { type: 'pageNum' }, [f.folio]),
        ' ',
        el('fw', { type: 'header' }, [f.title]),
      ];
      return { nodes, next: at + f.length };
    },
  };
}

// (printed back by rule `flattened-head`'s inverse: the break prints nothing, the fw themselves)
export const FLATTENED_REPEATED_HEADS: InlineRule[] = [...'0123456789ivxlcIVXLC'].map(repeatedHead);
