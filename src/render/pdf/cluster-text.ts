import type * as HarfBuzz from 'harfbuzzjs';

/**
 * The characters each shaped glyph shows, for copying text out of the PDF (its ToUnicode map).
 *
 * A PDF maps a glyph to one text for the whole file, so a glyph must get the same characters
 * wherever it is set. A cluster of one glyph (a letter, a ligature) gets the cluster's characters.
 * A cluster of several glyphs (a base and its marks: `q̄`, pointed Hebrew, vowelled Arabic) gets
 * them shared out: a glyph that is a character's own glyph (the font's cmap says so: a combining
 * macron, a fatha) shows that character; the glyphs left (a base in its contextual form) show the
 * characters left, one each when they are as many, else all on the first glyph in reading order.
 * Giving the whole cluster to its first glyph, as before, gave the base's glyph `q̄` here and `q`
 * where the letter stood alone, and one of the two came out wrong (or the other word lost its letter).
 *
 * `infos` are HarfBuzz's glyphs in visual order: clusters (UTF-16 offsets) rise in left-to-right
 * text and fall in right-to-left text; the glyphs of one cluster are neighbours.
 */
export function glyphTexts(
  infos: HarfBuzz.GlyphInfo[],
  text: string,
  rtl: boolean,
  nominal: (cp: number) => number | undefined,
): number[][] {
  const out: number[][] = new Array(infos.length);
  const ends = rtl ? clusterEnds(infos, text.length) : undefined;
  let k = 0;
  while (k < infos.length) {
    const cluster = (infos[k] as HarfBuzz.GlyphInfo).cluster;
    let last = k + 1; // one past the cluster's last glyph
    while (last < infos.length && (infos[last] as HarfBuzz.GlyphInfo).cluster === cluster) last++;
    const end = ends
      ? (ends.get(cluster) ?? text.length)
      : last < infos.length
        ? (infos[last] as HarfBuzz.GlyphInfo).cluster
        : text.length;
    const points = codePointsOf(text.slice(cluster, end));
    if (last - k === 1) out[k] = points;
    else shareOut(infos, k, last, points, rtl, nominal, out);
    k = last;
  }
  return out;
}

/** A cluster's characters shared among its glyphs `from`…`to` (see glyphTexts). */
function shareOut(
  infos: HarfBuzz.GlyphInfo[],
  from: number,
  to: number,
  points: number[],
  rtl: boolean,
  nominal: (cp: number) => number | undefined,
  out: number[][],
): void {
  const left = [...points];
  const unmatched: number[] = [];
  for (let k = from; k < to; k++) {
    const id = (infos[k] as HarfBuzz.GlyphInfo).codepoint;
    const at = left.findIndex((cp) => nominal(cp) === id);
    if (at >= 0) {
      out[k] = [left[at] as number];
      left.splice(at, 1);
    } else unmatched.push(k);
  }
  // reading order: right-to-left glyphs of a cluster come last-read first
  if (rtl) unmatched.reverse();
  unmatched.forEach((k, i) => {
    if (unmatched.length === left.length) out[k] = [left[i] as number];
    else out[k] = i === 0 ? left : [];
  });
}

/** Where each cluster's characters end: at the next cluster up, or the text's end. */
function clusterEnds(infos: HarfBuzz.GlyphInfo[], length: number): Map<number, number> {
  const starts = [...new Set(infos.map((i) => i.cluster))].sort((a, b) => a - b);
  return new Map(starts.map((c, k) => [c, starts[k + 1] ?? length]));
}

function codePointsOf(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0) ?? 0);
  return out;
}
