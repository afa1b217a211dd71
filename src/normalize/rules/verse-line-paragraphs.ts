import type { Block, Span } from '../blocks.ts';
import { isStanza } from './verse.ts';

/**
 * Rule `verse`, a stanza a line to a paragraph: a web copy that renders each verse line as a
 * paragraph of its own (blank lines between the lines of one stanza) sets a quotation so after
 * its lead-in — `… the endings are, as a rule, if not without exception, masculine:` / `Sir Hárry
 * Pérssy cam to the wálles,` / blank line / `The Skóttish óste for to sé;` / … . Two one-line
 * paragraphs or more, one after another right after a paragraph of prose that leads to them (it
 * ends on a colon, stands on one line as the copy's paragraphs do, and is longer than any of them
 * twice over), are one quoted stanza (`quote/lg`) when their lines read as a stanza (short
 * capitalized lines, no list, no names, no wrapped prose) and run on as verse does.
 */

/** A lead-in's end: a colon (and closing quotes or a dash). */
const LEAD_IN_END = /:[\p{Pf}"'’”)]*(?:—|--)?$/u;

/**
 * Whether a group's lines run on as verse does (a comma, a semicolon or nothing at the end of one
 * line or more before the last): lines each a sentence are a recipe's or a journal's entries
 * (`Take of Calomel, prepared, one drachm.` / `Crude Opium, half a drachm.`).
 */
const runsOn = (group: Span[]): boolean =>
  group.slice(0, -1).some((s) => !/[.:!?]["'’”)]*$/u.test(s.text.trimEnd()));

export function verseLineParagraphs(blocks: Block[], sameLine: (span: Span) => boolean): Block[] {
  const out: Block[] = [];
  let k = 0;
  while (k < blocks.length) {
    const lead = out.at(-1);
    const leadText = lead?.kind === 'p' ? (lead.spans.at(-1)?.text ?? '') : '';
    const group: Span[] = [];
    let j = k;
    while (j < blocks.length) {
      const b = blocks[j];
      const span = b?.kind === 'p' && b.spans.length === 1 ? b.spans[0] : undefined;
      if (!span || !sameLine(span) || span.text.length * 2 > leadText.length) break;
      group.push(span);
      j++;
    }
    const leadSpan = lead?.kind === 'p' ? lead.spans.at(-1) : undefined;
    if (
      group.length >= 2 &&
      leadSpan &&
      sameLine(leadSpan) &&
      LEAD_IN_END.test(leadText) &&
      runsOn(group) &&
      isStanza(group.map((s) => s.text))
    ) {
      out.push({ kind: 'verse', lines: group, quoted: true });
      k = j;
    } else {
      out.push(blocks[k] as Block);
      k++;
    }
  }
  return out;
}
