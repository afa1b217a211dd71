/**
 * Paragraph-optimal line breaking (Knuth & Plass, "Breaking Paragraphs into Lines", 1981; TeX's
 * algorithm): of every way to break a paragraph's boxes, glue and penalties into lines, the one
 * with the fewest total demerits. Knows nothing of fonts: the caller measures. Besides TeX's
 * rules it never sets more than `maxHyphens` flagged (hyphenated) lines in a row: nodes are kept
 * per fitness class and per run of flagged lines, so the limit does not cost optimality elsewhere.
 */
export type KpItem =
  | { type: 'box'; width: number }
  | { type: 'glue'; width: number; stretch: number; shrink: number }
  | { type: 'penalty'; width: number; penalty: number; flagged: boolean };

export interface KpOptions {
  /** Width of line `n` (0-based): a first-line indent makes line 0 shorter. */
  lineWidth: (line: number) => number;
  /** Largest badness a line may have (TeX's \tolerance); 10000 accepts any line that is not overfull. */
  tolerance: number;
  linePenalty?: number; // \linepenalty
  flaggedDemerits?: number; // \doublehyphendemerits: two hyphenated lines in a row
  finalFlaggedDemerits?: number; // \finalhyphendemerits: a hyphen on the last full line
  fitnessDemerits?: number; // \adjdemerits: a tight line next to a loose one
  emergencyStretch?: number; // \emergencystretch: stretch added to every line, in points
  maxHyphens?: number; // never more flagged lines in a row than this
  /** Set an overfull line rather than fail when nothing else fits (TeX's last resort). */
  allowOverfull?: boolean;
}

export interface KpLine {
  start: number; // first item of the line (after the discarded glue and penalties)
  end: number; // the break: index of the glue or penalty the line ends at
  ratio: number; // adjustment ratio: > 0 stretched, < 0 shrunk, < -1 overfull
}

export const INFINITE_PENALTY = 10000;

interface Node {
  position: number;
  line: number; // lines set up to this break
  fitness: number;
  hyphens: number; // flagged lines in a row ending here
  totalWidth: number;
  totalStretch: number;
  totalShrink: number;
  demerits: number;
  previous: Node | null;
  ratio: number; // of the line ending here
}

const badness = (ratio: number): number => Math.min(INFINITE_PENALTY, Math.round(100 * Math.abs(ratio) ** 3));

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0; // tight
  if (ratio <= 0.5) return 1; // decent
  if (ratio <= 1) return 2; // loose
  return 3; // very loose
}

/** The best breaks of a paragraph, or null when none fits the tolerance (and overfull lines are not allowed). */
export function knuthPlass(items: KpItem[], options: KpOptions): KpLine[] | null {
  const linePenalty = options.linePenalty ?? 10;
  const flaggedDemerits = options.flaggedDemerits ?? 10000;
  const finalFlaggedDemerits = options.finalFlaggedDemerits ?? 5000;
  const fitnessDemerits = options.fitnessDemerits ?? 10000;
  const emergency = options.emergencyStretch ?? 0;
  const maxHyphens = options.maxHyphens ?? 2;
  const n = items.length;

  // Running sums of width, stretch and shrink up to each item, so a line's sums are differences.
  let sumWidth = 0;
  let sumStretch = 0;
  let sumShrink = 0;

  let active: Node[] = [
    {
      position: 0,
      line: 0,
      fitness: 1,
      hyphens: 0,
      totalWidth: 0,
      totalStretch: 0,
      totalShrink: 0,
      demerits: 0,
      previous: null,
      ratio: 0,
    },
  ];

  /** The sums after the glue and penalties a line break discards at `k`. */
  const afterBreak = (k: number): { width: number; stretch: number; shrink: number } => {
    let width = sumWidth;
    let stretch = sumStretch;
    let shrink = sumShrink;
    for (let j = k; j < n; j++) {
      const it = items[j] as KpItem;
      if (it.type === 'box') break;
      if (it.type === 'glue') {
        width += it.width;
        stretch += it.stretch;
        shrink += it.shrink;
      } else if (it.penalty <= -INFINITE_PENALTY && j > k) break;
    }
    return { width, stretch, shrink };
  };

  const best: ({ node: Node; demerits: number; ratio: number } | null)[] = new Array(
    4 * (maxHyphens + 1),
  ).fill(null);
  const tryBreak = (k: number, penalty: number, flagged: boolean, extraWidth: number): void => {
    const forced = penalty <= -INFINITE_PENALTY;
    // best candidate per fitness class and run of flagged lines: [fitness * (maxHyphens + 1) + hyphens]
    best.fill(null);
    let found = false;
    const survivors: Node[] = [];
    let lastDeactivated: { node: Node; ratio: number } | null = null;
    for (const a of active) {
      const width = sumWidth - a.totalWidth + extraWidth;
      const target = options.lineWidth(a.line);
      let ratio = 0; // as the line is set
      let judged = 0; // as its badness is judged: emergency stretch loosens the judgement, not the line
      if (width < target) {
        const stretch = sumStretch - a.totalStretch;
        ratio = stretch > 0 ? (target - width) / stretch : INFINITE_PENALTY;
        judged = stretch + emergency > 0 ? (target - width) / (stretch + emergency) : INFINITE_PENALTY;
      } else if (width > target) {
        const shrink = sumShrink - a.totalShrink;
        ratio = shrink > 0 ? (target - width) / shrink : -INFINITE_PENALTY;
        judged = ratio;
      }
      if (ratio < -1 || forced) {
        if (ratio < -1) lastDeactivated = { node: a, ratio };
      } else survivors.push(a);
      if (ratio < -1) continue;
      const bad = badness(judged);
      if (bad > options.tolerance) continue;
      const hyphens = flagged ? a.hyphens + 1 : 0;
      if (hyphens > maxHyphens) continue;
      let d = (linePenalty + bad) ** 2;
      if (penalty >= 0) d += penalty ** 2;
      else if (!forced) d -= penalty ** 2;
      if (flagged && a.hyphens > 0) d += flaggedDemerits;
      if (forced && a.hyphens > 0) d += finalFlaggedDemerits;
      const fitness = fitnessClass(judged);
      if (Math.abs(fitness - a.fitness) > 1) d += fitnessDemerits;
      d += a.demerits;
      const key = fitness * (maxHyphens + 1) + hyphens;
      const seen = best[key];
      if (!seen || d < seen.demerits) best[key] = { node: a, demerits: d, ratio };
      found = true;
    }
    active = survivors;
    // TeX's last resort: nothing fits, so the line that overflows least recently is set overfull.
    if (!found && active.length === 0 && lastDeactivated && options.allowOverfull) {
      const a = lastDeactivated.node;
      best[0] = { node: a, demerits: a.demerits + 1e9, ratio: lastDeactivated.ratio };
      found = true;
    }
    if (!found) return;
    const after = afterBreak(k);
    for (let key = 0; key < best.length; key++) {
      const b = best[key];
      if (!b) continue;
      active.push({
        position: k,
        line: b.node.line + 1,
        fitness: Math.floor(key / (maxHyphens + 1)),
        hyphens: key % (maxHyphens + 1),
        totalWidth: after.width,
        totalStretch: after.stretch,
        totalShrink: after.shrink,
        demerits: b.demerits,
        previous: b.node,
        ratio: b.ratio,
      });
    }
  };

  for (let k = 0; k < n; k++) {
    const it = items[k] as KpItem;
    if (it.type === 'box') {
      sumWidth += it.width;
      continue;
    }
    if (it.type === 'glue') {
      // a legal break: glue right after a box
      if (k > 0 && items[k - 1]?.type === 'box') tryBreak(k, 0, false, 0);
      sumWidth += it.width;
      sumStretch += it.stretch;
      sumShrink += it.shrink;
    } else if (it.penalty < INFINITE_PENALTY) {
      tryBreak(k, it.penalty, it.flagged, it.width);
    }
    if (active.length === 0) return null;
  }
  // The best node at the end of the paragraph.
  let end: Node | null = null;
  for (const a of active) if (a.position === n - 1 && (!end || a.demerits < end.demerits)) end = a;
  if (!end) return null;
  const lines: KpLine[] = [];
  for (let node: Node | null = end; node?.previous; node = node.previous) {
    lines.push({ start: node.previous.position, end: node.position, ratio: node.ratio });
  }
  lines.reverse();
  // a line starts after the glue and penalties discarded at the break before it
  for (const line of lines) {
    if (line.start === 0) continue;
    let s = line.start;
    while (s < line.end && items[s]?.type !== 'box') s++;
    line.start = s;
  }
  return lines;
}
