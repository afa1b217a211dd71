import type { Block, BlockRule, Span } from './blocks.ts';
import { isBlank, type Line, PositionMap } from './lines.ts';
import { type ClosingKind, classifyClosing } from './rules/closing.ts';
import { findDate } from './rules/dates.ts';
import { classifyHeaderLine, type HeaderState } from './rules/header.ts';
import { findNoteList, type NoteList, type NoteStyle } from './rules/note-list.ts';
import { type ListPlaces, onlyCutLabelAfter } from './rules/note-pairing.ts';
import { leadingPageMarker } from './rules/page-marker.ts';
import { endsMidSentence, startsMidSentence } from './rules/paragraph-merge.ts';
import { runningHeadPage } from './rules/running-head.ts';
import { joinTables } from './rules/table.ts';
import { loneVerseLines, spacedStanzas } from './rules/verse-paragraphs.ts';
import { runInStanzas } from './rules/verse-run-in.ts';
import { spanOf } from './spans.ts';

export { spanOf };

export interface Segmented {
  blocks: Block[];
  /** The notes: the list at the end, and the blocks the text prints them in. */
  notes: NoteList[];
}

const PLACE_ALONE = /^\p{Lu}[\p{L} .’'-]{1,30},$/u;

/**
 * Splits a document into header, body and closing blocks, and finds its note list: every block in
 * source order, each with the spans of the source it is read from (the white space between blocks
 * is the source's too, and is kept). The body's blocks are read by the block rules, in order.
 */
export interface SegmentRules {
  /** The body's block rules, in order. */
  body: BlockRule[];
  /** Whether a line is nothing but a page marker (a paragraph split by a page goes on after it). */
  pageOnly(text: string): boolean;
  /**
   * What the document's families print as blocks of their own among the text, whatever the lines
   * around them: notes (`[Footnote 1: …]`), figures (`[Illustration: …]`).
   */
  cutouts(lines: Line[]): Cutout[];
  /** The line styles the document's families list their notes in at the end (`spaced`, `footnote-line`). */
  listStyles: NoteStyle[];
  /** The note list of a house style the manifest declares, found first. */
  declaredList(lines: Line[]): NoteList | null;
  /** Note lists found by their pairing with the text, among the lines no other rule took. */
  pairedLists(lines: Line[], places: ListPlaces): NoteList[];
}

/** A block that stands on lines of its own, cut out of the text before its runs are read. */
export interface Cutout {
  block: Block;
  firstLine: number;
  endLine: number;
}

export function segment(lines: Line[], rules: SegmentRules): Segmented {
  // Notes, figures and a page's furniture printed on lines of their own stand where they are:
  // their lines are not the text's (and a list of notes may end above a page's folio).
  const known = rules.cutouts(lines);
  const knownTaken = new Set(known.flatMap((c) => range(c.firstLine, c.endLine)));
  let notes =
    rules.declaredList(lines) ?? findNoteList(lines, { skip: knownTaken, styles: rules.listStyles });
  // Lists no rule of a publisher knows, found by their pairing with the text (rule `note-pairing`):
  // the one ending the document is its note list, the others stand where they are printed.
  const blocked = new Set([...knownTaken, ...(notes ? range(notes.firstLine, notes.endLine) : [])]);
  const pageEnds = new Set(
    known.filter((c) => c.block.kind === 'furniture').flatMap((c) => range(c.firstLine, c.endLine)),
  );
  const paired = rules.pairedLists(lines, { blocked, pageEnds, pageOnly: rules.pageOnly });
  const lastPaired = paired.at(-1);
  if (!notes && lastPaired && endsDocument(lines, lastPaired.endLine, knownTaken))
    notes = paired.pop() ?? null;
  const found = [
    ...known,
    ...paired.map((list): Cutout => {
      list.inText = true;
      return { block: { kind: 'notes', list }, firstLine: list.firstLine, endLine: list.endLine };
    }),
  ].sort((a, b) => a.firstLine - b.firstLine);
  const taken = new Set(found.flatMap((c) => range(c.firstLine, c.endLine)));
  const end = notes ? notes.firstLine : lines.length;
  const cutouts = found.filter((c) => c.endLine <= end);
  const after = notes ? found.filter((c) => c.firstLine >= notes.endLine) : [];
  const trailing = notes ? lines.slice(notes.endLine).filter((l) => !isBlank(l) && !taken.has(l.index)) : [];
  const content = lines.slice(0, end).filter((l) => !isBlank(l) && !taken.has(l.index));

  const header: Block[] = [];
  const state: HeaderState = { heads: 0, datelines: 0 };
  // (the header does not run on under notes: what stands under them is not the title's)
  const notesAt = Math.min(
    ...found
      .filter((c) => c.block.kind === 'notes' && c.firstLine > (content[0]?.index ?? 0))
      .map((c) => c.firstLine),
  );
  const above = content.filter((l) => l.index < notesAt);
  let h = 0;
  for (; h < above.length; h++) {
    const line = content[h] as Line;
    // A page marker at the top of a document, alone or glued to the title, the dateline or a
    // source line (`[Page 15]Chicago, March 15, 1976`), is a page break before that line: the
    // header line is classified without it. Alone, it stays in the header only if one follows.
    const whole = spanOf(line);
    const marker = leadingPageMarker(whole.text);
    const rest: Span = { text: whole.text.slice(marker), offset: whole.offset + marker };
    const following = above[h + 1]?.text.trim() ?? '';
    const probe = marker && !rest.text ? following.slice(leadingPageMarker(following)) : rest.text;
    const kind = probe ? classifyHeaderLine(probe, state) : null;
    // A dateline over two lines: the place alone (`Paris,`), the date on the next line.
    const next = above[h + 1];
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

  const starts = cutouts.map((c) => startOf(c.block));
  const positions = new PositionMap(lines);
  const tables = joinTables(
    joinEnumerators(mergeExtractionBreaks(bodyBlocks(bodyLines, rules.body), rules.pageOnly, starts)),
    (from, to) => starts.some((s) => s > from && s < to),
    (offset) => positions.at(offset).column - 1,
  );
  const sameLine = (span: Span): boolean =>
    positions.at(span.offset).line === positions.at(span.offset + span.text.length).line;
  // (stanzas a copy ran into one paragraph, then stanzas it set a line a paragraph)
  const body = spacedStanzas(
    runInStanzas(
      loneVerseLines(tables, (offset) => positions.at(offset).column - 1),
      sameLine,
    ),
    sameLine,
  );
  const blocks = inSourceOrder(
    [...header, ...body, ...closing],
    cutouts.map((c) => c.block),
  );
  if (notes) blocks.push({ kind: 'notes', list: notes });
  const tail: Block[] = [
    ...after.map((c) => c.block),
    ...trailing.map((line): Block => ({ kind: 'fw', span: spanOf(line) })),
  ];
  blocks.push(...tail.sort((a, b) => startOf(a) - startOf(b)));
  const inText = cutouts.flatMap((c) => (c.block.kind === 'notes' ? [c.block.list] : []));
  return { blocks, notes: [...inText, ...(notes ? [notes] : [])] };
}

/** Nothing but blank lines and lines other rules took (a page's furniture) after `from`. */
// (the copy's end may cut the next note off after its label: `  2` stays text, after the list)
const endsDocument = (lines: Line[], from: number, taken: ReadonlySet<number>): boolean =>
  onlyCutLabelAfter(lines, from, (l) => taken.has(l.index));

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);

/** Where a block starts in the source. */
function startOf(b: Block): number {
  switch (b.kind) {
    case 'notes':
      return b.list.items[0]?.start ?? 0;
    case 'figure':
      return b.diffSign ?? b.start;
    case 'furniture':
      return b.span.offset;
    case 'list':
      return (b.label ?? b.items[0])?.offset ?? 0;
    case 'head':
    case 'section':
    case 'p':
    case 'quote':
    case 'source-block':
    case 'source-note':
      return b.spans[0]?.offset ?? 0;
    case 'verse':
      return b.lines[0]?.offset ?? 0;
    case 'table':
      return b.rows[0]?.line.offset ?? 0;
    default:
      return b.span.offset;
  }
}

/** The blocks with the cut-out blocks among them, each where it stands. */
function inSourceOrder(blocks: Block[], notes: Block[]): Block[] {
  if (notes.length === 0) return blocks;
  const out: Block[] = [];
  let k = 0;
  for (const b of blocks) {
    while (k < notes.length && startOf(notes[k] as Block) < startOf(b)) out.push(notes[k++] as Block);
    out.push(b);
  }
  while (k < notes.length) out.push(notes[k++] as Block);
  return out;
}

function closingBlocks(lines: Line[], kinds: ClosingKind[]): Block[] {
  const out: Block[] = [];
  let sourceSpans: Span[] = [];
  lines.forEach((line, k) => {
    const kind = kinds[k] ?? 'fw';
    if (kind === 'source-note') {
      const last = out.at(-1);
      if (last?.kind === 'source-note') last.spans.push(spanOf(line));
      else out.push({ kind, spans: [spanOf(line)] });
      return;
    }
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
function runsOf(lines: Line[]): Line[][] {
  const runs: Line[][] = [];
  let cut = false;
  for (const line of lines) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    const head = runningHeadPage(line.text) !== null;
    if (last && prev && prev.index === line.index - 1 && !cut && !head) last.push(line);
    else runs.push([line]);
    cut = head;
  }
  return runs;
}

interface BodyBlock {
  block: Block;
  run: number; // which run of lines it came from: merges happen only across a blank line
}

/** The body's runs of lines, each read by the first block rule (in the registry's order) that reads it. */
function bodyBlocks(lines: Line[], rules: BlockRule[]): BodyBlock[] {
  const out: BodyBlock[] = [];
  const runs = runsOf(lines);
  for (let r = 0; r < runs.length; r++) {
    let run = runs[r] as Line[];
    while (run.length) {
      const next = runs[r + 1];
      let match = null;
      for (const rule of rules) {
        match = rule.parse(run, next);
        if (match) break;
      }
      // (the last rule, `paragraph`, reads any line)
      if (!match || match.lines < 1) throw new Error(`no block rule read line ${(run[0]?.index ?? 0) + 1}`);
      for (const block of match.blocks) out.push({ block, run: r });
      run = run.slice(match.lines);
      if (match.takesNext) {
        r++;
        break;
      }
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
function mergeExtractionBreaks(
  items: BodyBlock[],
  pageOnlyLine: (text: string) => boolean,
  noteStarts: number[],
): Block[] {
  // (a paragraph does not go on across a note printed between its parts)
  const noteBetween = (a: Block, b: Block): boolean =>
    noteStarts.some((s) => s > startOf(a) && s < startOf(b));
  const out: Block[] = [];
  for (let k = 0; k < items.length; k++) {
    const cur = items[k] as BodyBlock;
    const prev = out.at(-1);
    const prevItem = items[k - 1];
    if (
      isParagraph(prev) &&
      isParagraph(cur.block) &&
      prevItem &&
      prevItem.run !== cur.run &&
      !noteBetween(prev, cur.block)
    ) {
      const tail = prev.spans.at(-1)?.text ?? '';
      const head = cur.block.spans[0]?.text ?? '';
      const pageOnly = pageOnlyLine(head);
      const after = items[k + 1];
      if (endsMidSentence(tail) && !pageOnlyLine(tail)) {
        if (!pageOnly && startsMidSentence(head)) {
          prev.spans.push(...cur.block.spans);
          continue;
        }
        // `…must always` / `[Page 5]` / `be solemnly…`: the page break falls inside the sentence.
        if (
          pageOnly &&
          isParagraph(after?.block) &&
          after.run !== cur.run &&
          !noteBetween(cur.block, after.block)
        ) {
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
