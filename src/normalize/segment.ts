import type { Block, Span } from './blocks.ts';
import { isBlank, type Line } from './lines.ts';
import { type ClosingKind, classifyClosing } from './rules/closing.ts';
import { findDate } from './rules/dates.ts';
import { hardWrapJoins } from './rules/hard-wrap.ts';
import { classifyHeaderLine, type HeaderState } from './rules/header.ts';
import { closesBoldHeading, isSectionHeading, opensBoldHeading } from './rules/heading.ts';
import { isListLabel, listRendFor } from './rules/list.ts';
import { findNoteList, type NoteList } from './rules/note-list.ts';
import { isOmissionRow } from './rules/omission-row.ts';
import { leadingPageMarker } from './rules/page-marker.ts';
import { endsMidSentence, startsMidSentence } from './rules/paragraph-merge.ts';
import { isQuotation } from './rules/quotation.ts';
import { runningHeadPage } from './rules/running-head.ts';

export interface Segmented {
  blocks: Block[];
  notes: NoteList | null;
}

/** A line without its surrounding white space (indentation such as `\u00a0 \u00a0 ` included). */
export function spanOf(line: Line, from = 0): Span {
  const raw = line.text.slice(from);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), offset: line.offset + from + lead };
}

const PAGE_ONLY = /^\[(?:Facsimile )?Page [^\]]*\]$/;
const PLACE_ALONE = /^\p{Lu}[\p{L} .’'-]{1,30},$/u;

/** Splits a document into header, body and closing blocks, and finds its note list. */
export function segment(lines: Line[]): Segmented {
  const notes = findNoteList(lines);
  const end = notes ? notes.firstLine : lines.length;
  const trailing = notes ? lines.slice(notes.endLine).filter((l) => !isBlank(l)) : [];
  const content = lines.slice(0, end).filter((l) => !isBlank(l));

  const header: Block[] = [];
  const state: HeaderState = { heads: 0, datelines: 0 };
  let h = 0;
  for (; h < content.length; h++) {
    const line = content[h] as Line;
    // A page marker at the top of a document, alone or glued to the title, the dateline or a
    // source line (`[Page 15]Chicago, March 15, 1976`), is a page break before that line: the
    // header line is classified without it. Alone, it stays in the header only if one follows.
    const whole = spanOf(line);
    const marker = leadingPageMarker(whole.text);
    const rest: Span = { text: whole.text.slice(marker), offset: whole.offset + marker };
    const following = content[h + 1]?.text.trim() ?? '';
    const probe = marker && !rest.text ? following.slice(leadingPageMarker(following)) : rest.text;
    const kind = probe ? classifyHeaderLine(probe, state) : null;
    // A dateline over two lines: the place alone (`Paris,`), the date on the next line.
    const next = content[h + 1];
    if (!kind && !marker && state.datelines === 0 && PLACE_ALONE.test(rest.text) && next) {
      const dated = spanOf(next);
      if (dated.text.length < 80 && findDate(dated.text)?.index === 0) {
        const gap = dated.offset - rest.offset - rest.text.length;
        const text = `${rest.text}\n${' '.repeat(Math.max(0, gap - 1))}${dated.text}`;
        header.push({ kind: 'dateline', span: { text, offset: rest.offset } });
        state.datelines++;
        h++;
        continue;
      }
    }
    if (!kind) break;
    if (marker) {
      header.push({
        kind: 'page',
        span: { text: whole.text.slice(0, marker).trimEnd(), offset: whole.offset },
      });
      if (!rest.text) continue;
    }
    const span = rest;
    if (kind === 'head') {
      state.heads++;
      header.push({ kind: 'head', spans: [span], bold: false });
    } else {
      if (kind === 'dateline') state.datelines++;
      header.push({ kind, span });
    }
  }

  const rest = content.slice(h);
  const closingKinds = classifyClosing(
    rest
      .slice(-12)
      .reverse()
      .map((l) => l.text.trim()),
  );
  // Never let the closing swallow the only body line.
  const closingCount = Math.min(closingKinds.length, Math.max(0, rest.length - 1));
  const bodyLines = rest.slice(0, rest.length - closingCount);
  const closingLines = rest.slice(rest.length - closingCount);
  const closing = closingBlocks(closingLines, closingKinds.slice(0, closingCount).reverse());

  const blocks = [...header, ...joinEnumerators(mergeExtractionBreaks(bodyBlocks(bodyLines))), ...closing];
  for (const line of trailing) blocks.push({ kind: 'fw', span: spanOf(line) });
  return { blocks, notes };
}

function closingBlocks(lines: Line[], kinds: ClosingKind[]): Block[] {
  const out: Block[] = [];
  let sourceSpans: Span[] = [];
  lines.forEach((line, k) => {
    const kind = kinds[k] ?? 'fw';
    if (kind === 'source-block') {
      sourceSpans.push(spanOf(line));
      return;
    }
    if (sourceSpans.length) out.push({ kind: 'source-block', spans: sourceSpans });
    sourceSpans = [];
    out.push({ kind, span: spanOf(line) });
  });
  if (sourceSpans.length) out.push({ kind: 'source-block', spans: sourceSpans });
  return out;
}

/** Runs of lines with no blank line between them; a running head is a run of its own. */
function groupsOf(lines: Line[]): Line[][] {
  const groups: Line[][] = [];
  let cut = false;
  for (const line of lines) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    const head = runningHeadPage(line.text) !== null;
    if (last && prev && prev.index === line.index - 1 && !cut && !head) last.push(line);
    else groups.push([line]);
    cut = head;
  }
  return groups;
}

interface BodyBlock {
  block: Block;
  group: number; // which run of lines it came from: merges happen only across a blank line
}

function bodyBlocks(lines: Line[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  const groups = groupsOf(lines);
  for (let g = 0; g < groups.length; g++) {
    let group = groups[g] as Line[];
    const push = (block: Block): void => {
      out.push({ block, group: g });
    };
    while (group.length) {
      const first = group[0] as Line;
      if (opensBoldHeading(first.text)) {
        const close = group.findIndex((l) => closesBoldHeading(l.text));
        if (close !== -1) {
          const spans = group.slice(0, close + 1).map((l) => spanOf(l));
          const firstSpan = spans[0] as Span;
          spans[0] = { text: firstSpan.text.slice(2), offset: firstSpan.offset + 2 };
          const lastSpan = spans[spans.length - 1] as Span;
          spans[spans.length - 1] = { text: lastSpan.text.slice(0, -2), offset: lastSpan.offset };
          push({ kind: 'section', spans, bold: true });
          group = group.slice(close + 1);
          continue;
        }
      }
      const page = group.length === 1 ? runningHeadPage(first.text) : null;
      if (page !== null) {
        push({ kind: 'running-head', span: spanOf(first), n: page });
        break;
      }
      const texts = group.map((l) => l.text.trim());
      // Rule `hard-wrap`: lines broken at a width, not at paragraphs, are joined into paragraphs
      // (one span over the lines: the line breaks stay in the text as white space).
      const joins = hardWrapJoins(texts);
      if (joins) {
        let start = 0;
        group.forEach((line, k) => {
          if (joins[k]) return;
          const a = spanOf(group[start] as Line);
          const b = spanOf(line);
          const text = `${a.text}${' '.repeat(Math.max(0, b.offset - a.offset - a.text.length))}${b.text}`;
          push({ kind: 'p', spans: [start === k ? a : { text, offset: a.offset }] });
          start = k + 1;
        });
        break;
      }
      const rend = listRendFor(texts);
      if (rend) {
        push({
          kind: 'list',
          rend,
          items: group.map((l) => spanOf(l, rend === 'dash' && l.text.startsWith('- ') ? 2 : 0)),
        });
        break;
      }
      const span = spanOf(first);
      const next = groups[g + 1];
      if (group.length === 1 && isListLabel(span.text) && next) {
        const nextRend = listRendFor(next.map((l) => l.text.trim())) ?? 'plain';
        const items = next.map((l) => spanOf(l, nextRend === 'dash' && l.text.startsWith('- ') ? 2 : 0));
        push({ kind: 'list', rend: nextRend, label: span, items });
        g++;
        break;
      }
      if (isOmissionRow(span.text)) push({ kind: 'omission-row', span });
      else if (isSectionHeading(span.text)) push({ kind: 'section', spans: [span], bold: false });
      else if (isQuotation(span.text)) push({ kind: 'quote', spans: [span] });
      else push({ kind: 'p', spans: [span] });
      group = group.slice(1);
    }
  }
  return out;
}

const isParagraph = (b: Block | undefined): b is Extract<Block, { kind: 'p' }> => b?.kind === 'p';

const ENUMERATOR_ALONE = /^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(\d{1,3}\)|\([a-z]\))$/;

/**
 * A numbered paragraph whose number stands alone on a line (`1.` / blank line / `The French
 * wish …`, as web copies print numbered paragraphs): the number opens the paragraph after it —
 * one span over both, the blank line kept as white space. Alone it was a paragraph `1.`.
 */
function joinEnumerators(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const cur = blocks[k] as Block;
    const next = blocks[k + 1];
    const number = isParagraph(cur) && cur.spans.length === 1 ? cur.spans[0] : undefined;
    const first = isParagraph(next) ? next.spans[0] : undefined;
    if (number && first && isParagraph(next) && ENUMERATOR_ALONE.test(number.text)) {
      const gap = first.offset - number.offset - number.text.length;
      const joined = {
        text: `${number.text}${'\n'.repeat(Math.max(0, gap))}${first.text}`,
        offset: number.offset,
      };
      out.push({ ...next, spans: [joined, ...next.spans.slice(1)] });
      k++;
      continue;
    }
    out.push(cur);
  }
  return out;
}

/** Rule `paragraph-merge` applied: joins paragraphs split by a blank line inside a sentence. */
function mergeExtractionBreaks(items: BodyBlock[]): Block[] {
  const out: Block[] = [];
  for (let k = 0; k < items.length; k++) {
    const cur = items[k] as BodyBlock;
    const prev = out.at(-1);
    const prevItem = items[k - 1];
    if (isParagraph(prev) && isParagraph(cur.block) && prevItem && prevItem.group !== cur.group) {
      const tail = prev.spans.at(-1)?.text ?? '';
      const head = cur.block.spans[0]?.text ?? '';
      const pageOnly = PAGE_ONLY.test(head);
      const after = items[k + 1];
      if (endsMidSentence(tail) && !PAGE_ONLY.test(tail)) {
        if (!pageOnly && startsMidSentence(head)) {
          prev.spans.push(...cur.block.spans);
          continue;
        }
        // `…must always` / `[Page 5]` / `be solemnly…`: the page break falls inside the sentence.
        if (pageOnly && isParagraph(after?.block) && after.group !== cur.group) {
          const afterHead = after.block.spans[0]?.text ?? '';
          if (startsMidSentence(afterHead)) {
            prev.spans.push(...cur.block.spans, ...after.block.spans);
            k++;
            continue;
          }
        }
      }
    }
    out.push(cur.block);
  }
  return out;
}
