import type { Block, Span } from '../blocks.ts';
import { isStanza, LEAD_IN } from './verse.ts';

/**
 * Verse the line-by-line rule (verse.ts) cannot see, found once the text is in paragraphs: a
 * quotation of one line set like the document's quoted stanzas, and a stanza a web copy sets a line
 * to a paragraph. (Stanzas OCR ran into one paragraph: verse-run-in.ts.)
 */

/** A lead-in's words, in lower case (`The words of the second strain are as follows:--`). */
const leadWords = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/** Two lead-ins set alike: the same words but one (`the first strain` / `the second strain`). */
const akin = (a: string[], b: string[]): boolean =>
  a.length >= 3 && a.length === b.length && a.filter((w, k) => w !== b[k]).length <= 1;

/** One line that reads as a verse line: a capital first, a few words, no figures. */
const verseLine = (text: string): boolean => {
  const words = text.split(/\s+/).length;
  return (
    /^[\p{P}\s]*\p{Lu}/u.test(text) && text.length <= 75 && words >= 2 && words <= 14 && !/\d/.test(text)
  );
};

/**
 * A quotation of one indented line is verse where the document quotes its stanzas so: after a
 * lead-in set like an indented stanza's (`The words of the first strain are as follows:--` /
 * `    Way' ho yarhnie, way ho yarhnie.` as `The words of the second strain …` before a stanza of
 * two) — a line group of one line (`quote/lg`). A lone line after any other lead-in stays prose.
 */
export function loneVerseLines(blocks: Block[], column: (offset: number) => number): Block[] {
  const leadOf = (b: Block | undefined): string => (b?.kind === 'p' ? (b.spans.at(-1)?.text ?? '') : '');
  const leads = blocks.flatMap((b, k) => {
    const lead = leadOf(blocks[k - 1]);
    return b.kind === 'verse' && b.quoted && LEAD_IN.test(lead) ? [leadWords(lead)] : [];
  });
  if (!leads.length) return blocks;
  return blocks.map((b, k): Block => {
    const lead = leadOf(blocks[k - 1]);
    const span = b.kind === 'p' && b.spans.length === 1 ? b.spans[0] : undefined;
    if (!span || !LEAD_IN.test(lead) || column(span.offset) === 0 || !verseLine(span.text)) return b;
    return leads.some((l) => akin(l, leadWords(lead))) ? { kind: 'verse', lines: [span], quoted: true } : b;
  });
}

/**
 * A stanza quoted after its lead-in's colon, that a web copy sets a line a paragraph (a blank line
 * between its lines, as a mirror renders the lines of a poem: `…the endings are, as a rule,
 * masculine:` / `Sir Hárry Pérssy cam to the wálles,` / blank line / `The Skóttish óste for to sé;`
 * …): three such paragraphs or more (two are as often a salutation and a line), each one line
 * that reads as a verse line, none opening on a dash (a list's `—Are there hostages?`), whose
 * sentence runs over their ends (none but the last ends on a full stop or a colon: a recipe's
 * `Take of Calomel, prepared, one drachm.` / `Crude Opium, half a drachm.` is no stanza), that
 * make a stanza together → `quote/lg`. Without the colon before them, short paragraphs stay
 * paragraphs.
 */
export function spacedStanzas(blocks: Block[], oneLine: (span: Span) => boolean): Block[] {
  const out: Block[] = [];
  const lineOf = (b: Block | undefined): Span | undefined =>
    b?.kind === 'p' && b.spans.length === 1 && b.spans[0] && oneLine(b.spans[0]) ? b.spans[0] : undefined;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k] as Block;
    out.push(b);
    const lead = b.kind === 'p' ? (b.spans.at(-1)?.text ?? '') : '';
    if (!/:$/.test(lead.trim())) continue;
    const spans: Span[] = [];
    for (let j = k + 1; j < blocks.length; j++) {
      const span = lineOf(blocks[j]);
      if (!span || !verseLine(span.text.trim())) break;
      spans.push(span);
    }
    // (one sentence over the lines, as a stanza's runs: a list's or a journal's short paragraphs
    // end each on a full stop or a colon)
    const runsOn = spans.slice(0, -1).every((s) => !/[.:]["'’”)]*$/u.test(s.text.trim()));
    // (a list's items open on a dash: `—Are there hostages?`)
    const dashed = spans.some((s) => /^[—–•-]/u.test(s.text.trim()));
    if (dashed) continue;
    if (spans.length >= 3 && runsOn && isStanza(spans.map((s) => s.text))) {
      out.push({ kind: 'verse', lines: spans, quoted: true });
      k += spans.length;
    }
  }
  return out;
}
