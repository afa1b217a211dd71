/**
 * Paragraph-optimal line breaking (Knuth & Plass, "Breaking Paragraphs into Lines", 1981; TeX's
 * algorithm): of every way to break a paragraph's boxes, glue and penalties into lines, the one
 * with the fewest total demerits. Knows nothing of fonts: the caller measures. Besides TeX's
 * rules it never sets more than `maxHyphens` flagged (hyphenated) lines in a row: nodes are kept
 * per fitness class and per run of flagged lines, so the limit does not cost optimality elsewhere.
 *
 * The items are a KpList: columns of numbers, not an object per item (a volume's paragraphs make
 * about a million items, and their objects were much of the PDF's garbage).
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

const BOX = 0;
const GLUE = 1;
const PENALTY = 2;

/**
 * A paragraph's boxes, glue and penalties as columns (a box uses `width`; glue `width`, `stretch`
 * and `shrink`; a penalty `width`, `penalty` and `flagged`). Cleared and refilled for each
 * paragraph: its arrays grow to the longest paragraph and are reused.
 */
export class KpList {
  length = 0;
  kind = new Uint8Array(256);
  width = new Float64Array(256);
  stretch = new Float64Array(256);
  shrink = new Float64Array(256);
  penalty = new Float64Array(256);
  flagged = new Uint8Array(256);

  clear(): void {
    this.length = 0;
  }

  isBox(k: number): boolean {
    return k >= 0 && k < this.length && this.kind[k] === BOX;
  }

  /** Adds a box; returns its index. */
  box(width: number): number {
    return this.push(BOX, width, 0, 0, 0, false);
  }

  glue(width: number, stretch: number, shrink: number): number {
    return this.push(GLUE, width, stretch, shrink, 0, false);
  }

  penaltyItem(width: number, penalty: number, flagged: boolean): number {
    return this.push(PENALTY, width, 0, 0, penalty, flagged);
  }

  private push(
    kind: number,
    width: number,
    stretch: number,
    shrink: number,
    penalty: number,
    flagged: boolean,
  ): number {
    const k = this.length;
    if (k === this.kind.length) this.grow();
    this.kind[k] = kind;
    this.width[k] = width;
    this.stretch[k] = stretch;
    this.shrink[k] = shrink;
    this.penalty[k] = penalty;
    this.flagged[k] = flagged ? 1 : 0;
    this.length = k + 1;
    return k;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const wider = <T extends Uint8Array | Float64Array>(a: T, made: T): T => {
      made.set(a);
      return made;
    };
    this.kind = wider(this.kind, new Uint8Array(size));
    this.width = wider(this.width, new Float64Array(size));
    this.stretch = wider(this.stretch, new Float64Array(size));
    this.shrink = wider(this.shrink, new Float64Array(size));
    this.penalty = wider(this.penalty, new Float64Array(size));
    this.flagged = wider(this.flagged, new Uint8Array(size));
  }

  /** A list of item objects as columns (tests and callers that build few items). */
  static of(items: KpItem[]): KpList {
    const list = new KpList();
    for (const it of items) {
      if (it.type === 'box') list.box(it.width);
      else if (it.type === 'glue') list.glue(it.width, it.stretch, it.shrink);
      else list.penaltyItem(it.width, it.penalty, it.flagged);
    }
    return list;
  }
}

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

/** TeX's badness of a line set at an adjustment ratio. */
export const badness = (ratio: number): number =>
  Math.min(INFINITE_PENALTY, Math.round(100 * Math.abs(ratio) ** 3));

/**
 * The adjustment ratio beyond which a line's badness surely exceeds `tolerance`: such a line is
 * passed over without computing its badness (a power, the breaker's costliest step). A hair above
 * the exact bound, so the test only skips what badness() would reject; none under 10000.
 */
export const ratioLimit = (tolerance: number): number =>
  tolerance >= INFINITE_PENALTY ? Number.POSITIVE_INFINITY : Math.cbrt((tolerance + 1) / 100) * (1 + 1e-6);

function fitnessClass(ratio: number): number {
  if (ratio < -0.5) return 0; // tight
  if (ratio <= 0.5) return 1; // decent
  if (ratio <= 1) return 2; // loose
  return 3; // very loose
}

/** The best breaks of a paragraph, or null when none fits the tolerance (and overfull lines are not allowed). */
export function knuthPlass(items: KpItem[] | KpList, options: KpOptions): KpLine[] | null {
  const list = items instanceof KpList ? items : KpList.of(items);
  const {
    kind,
    width: widths,
    stretch: stretches,
    shrink: shrinks,
    penalty: penalties,
    flagged: flags,
  } = list;
  const linePenalty = options.linePenalty ?? 10;
  const flaggedDemerits = options.flaggedDemerits ?? 10000;
  const finalFlaggedDemerits = options.finalFlaggedDemerits ?? 5000;
  const fitnessDemerits = options.fitnessDemerits ?? 10000;
  const emergency = options.emergencyStretch ?? 0;
  const maxHyphens = options.maxHyphens ?? 2;
  const tolerance = options.tolerance;
  const limit = ratioLimit(tolerance);
  const lineWidth = options.lineWidth;
  const n = list.length;

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
  let spare: Node[] = []; // the next list of active nodes, swapped with `active` at each break

  // The best candidate per fitness class and run of flagged lines: [fitness * (maxHyphens + 1) + hyphens]
  const slots = 4 * (maxHyphens + 1);
  const bestNode: (Node | null)[] = new Array(slots).fill(null);
  const bestDemerits = new Float64Array(slots);
  const bestRatio = new Float64Array(slots);

  const tryBreak = (k: number, penalty: number, flagged: boolean, extraWidth: number): void => {
    const forced = penalty <= -INFINITE_PENALTY;
    bestNode.fill(null);
    let found = false;
    const survivors = spare;
    survivors.length = 0;
    let lastDeactivated: Node | null = null;
    let lastRatio = 0;
    for (let i = 0; i < active.length; i++) {
      const a = active[i] as Node;
      const width = sumWidth - a.totalWidth + extraWidth;
      const target = lineWidth(a.line);
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
      if (ratio < -1) {
        lastDeactivated = a;
        lastRatio = ratio;
        continue;
      }
      if (!forced) survivors.push(a);
      if (judged > limit || judged < -limit) continue;
      const bad = badness(judged);
      if (bad > tolerance) continue;
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
      if (bestNode[key] === null || d < (bestDemerits[key] as number)) {
        bestNode[key] = a;
        bestDemerits[key] = d;
        bestRatio[key] = ratio;
      }
      found = true;
    }
    spare = active;
    active = survivors;
    // TeX's last resort: nothing fits, so the line that overflows least recently is set overfull.
    if (!found && active.length === 0 && lastDeactivated && options.allowOverfull) {
      bestNode[0] = lastDeactivated;
      bestDemerits[0] = lastDeactivated.demerits + 1e9;
      bestRatio[0] = lastRatio;
      found = true;
    }
    if (!found) return;
    // The sums after the glue and penalties a line break discards at `k`.
    let afterWidth = sumWidth;
    let afterStretch = sumStretch;
    let afterShrink = sumShrink;
    for (let j = k; j < n; j++) {
      const t = kind[j];
      if (t === BOX) break;
      if (t === GLUE) {
        afterWidth += widths[j] as number;
        afterStretch += stretches[j] as number;
        afterShrink += shrinks[j] as number;
      } else if ((penalties[j] as number) <= -INFINITE_PENALTY && j > k) break;
    }
    for (let key = 0; key < slots; key++) {
      const b = bestNode[key];
      if (!b) continue;
      active.push({
        position: k,
        line: b.line + 1,
        fitness: Math.floor(key / (maxHyphens + 1)),
        hyphens: key % (maxHyphens + 1),
        totalWidth: afterWidth,
        totalStretch: afterStretch,
        totalShrink: afterShrink,
        demerits: bestDemerits[key] as number,
        previous: b,
        ratio: bestRatio[key] as number,
      });
    }
  };

  for (let k = 0; k < n; k++) {
    const t = kind[k];
    if (t === BOX) {
      sumWidth += widths[k] as number;
      continue;
    }
    if (t === GLUE) {
      // a legal break: glue right after a box
      if (k > 0 && kind[k - 1] === BOX) tryBreak(k, 0, false, 0);
      sumWidth += widths[k] as number;
      sumStretch += stretches[k] as number;
      sumShrink += shrinks[k] as number;
    } else if ((penalties[k] as number) < INFINITE_PENALTY) {
      tryBreak(k, penalties[k] as number, flags[k] === 1, widths[k] as number);
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
    while (s < line.end && kind[s] !== BOX) s++;
    line.start = s;
  }
  return lines;
}
