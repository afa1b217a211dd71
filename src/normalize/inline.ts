import type { DiagnosticBag } from '../diagnostics.ts';
import type { TeiNode } from '../tei/node.ts';
import type { PositionMap } from './lines.ts';
import type { Rule } from './rule.ts';

/** Element ids that must be unique across a whole edition. */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>(); // per base: the suffix to try first (no quadratic rescans)
  constructor(readonly prefix: string) {}
  take(local: string): string {
    const base = `${this.prefix}-${local.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
    let id = base;
    for (let k = this.next.get(base) ?? 2; this.used.has(id); k++) {
      id = `${base}-${k}`;
      this.next.set(base, k + 1);
    }
    this.used.add(id);
    return id;
  }
  /** A pointer to one of the document's respStmts (`source-editors`, `original-transmission`). */
  resp(key: string): string {
    return `#${this.prefix}-${key}`;
  }
}

/** Something pinned to an exact offset before inline parsing: a footnote anchor, a manifest correction. */
export interface Anchor {
  length: number; // characters of the source it replaces
  nodes: () => TeiNode[];
}

export interface InlineContext {
  source: string;
  diag: DiagnosticBag;
  positions: PositionMap;
  ids: IdAllocator;
  anchors: Map<number, Anchor>;
  /** Parses [start, end) of the source with all inline rules (for content nested in a match). */
  inline(start: number, end: number): TeiNode[];
  /** Whether a line is nothing but a page marker of the document's conventions. */
  pageOnly(text: string): boolean;
}

/** The text accumulated so far, so a rule can take back the word before it (`of [on]`). */
export interface InlineState {
  buffer: string;
}

export interface InlineMatch {
  nodes: TeiNode[];
  next: number;
}

/** A rule that reads a stretch of running text, starting at one character (markdown-it's inline rules). */
export interface InlineRule extends Rule {
  trigger: string; // the character a match must start with
  parse(ctx: InlineContext, at: number, end: number, state: InlineState): InlineMatch | null;
}

/** Matches a sticky regular expression at `at`, only if the match stays before `end`. */
export function matchAt(re: RegExp, source: string, at: number, end: number): RegExpExecArray | null {
  re.lastIndex = at;
  const m = re.exec(source);
  return m && m.index === at && at + m[0].length <= end ? m : null;
}

/** Runs the inline rules over [start, end) of the source (markdown-it style: first rule that matches wins). */
/** The rules by the character they start with, in their order (made once per list of rules). */
const byTrigger = new WeakMap<InlineRule[], Map<string, InlineRule[]>>();

function rulesByTrigger(rules: InlineRule[]): Map<string, InlineRule[]> {
  let map = byTrigger.get(rules);
  if (!map) {
    map = new Map();
    for (const rule of rules) map.set(rule.trigger, [...(map.get(rule.trigger) ?? []), rule]);
    byTrigger.set(rules, map);
  }
  return map;
}

export function parseInline(ctx: InlineContext, rules: InlineRule[], start: number, end: number): TeiNode[] {
  const out: TeiNode[] = [];
  const state: InlineState = { buffer: '' };
  const triggers = rulesByTrigger(rules);
  const flush = (): void => {
    if (state.buffer) out.push(state.buffer);
    state.buffer = '';
  };
  let i = start;
  while (i < end) {
    const anchor = ctx.anchors.get(i);
    if (anchor && i + anchor.length <= end) {
      ctx.anchors.delete(i); // consumed: what is left after assembly was never placed
      flush();
      out.push(...anchor.nodes());
      i += anchor.length;
      continue;
    }
    const ch = ctx.source[i] ?? '';
    let matched: InlineMatch | null = null;
    for (const rule of triggers.get(ch) ?? []) {
      matched = rule.parse(ctx, i, end, state);
      if (matched) break;
    }
    if (matched) {
      flush();
      out.push(...matched.nodes);
      i = matched.next;
    } else {
      state.buffer += ch;
      i++;
    }
  }
  flush();
  return out;
}
