import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
/** A fallback font file: its face name, path and the unicode-range its package's CSS gives it. */
export interface FallbackFile {
  face: string; // its face name (fonts.ts's FontFace): the file's name without `.woff`
  path: string;
  ranges: [number, number][];
}

/**
 * The font files of a @fontsource stylesheet (its `.woff` sources: zlib, which we unwrap; WOFF2's
 * transformed tables we do not) with the unicode-range of each, in the stylesheet's order.
 */
export function fontFaces(cssPath: string): FallbackFile[] {
  const css = readFileSync(cssPath, 'utf8');
  const out: FallbackFile[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const url = /url\(\.\/files\/([^)]+?\.woff)\)/.exec(block)?.[1];
    if (!url) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1] ?? 'U+0-10FFFF';
    const ranges = range.split(',').map((r): [number, number] => {
      const [lo, hi] = r.trim().replace(/^U\+/i, '').split('-');
      return [Number.parseInt(lo as string, 16), Number.parseInt(hi ?? (lo as string), 16)];
    });
    out.push({ face: url.replace(/\.woff$/, ''), path: join(dirname(cssPath), 'files', url), ranges });
  }
  // A font in one file is asked for every character: its stylesheet's range can be narrower than
  // its cmap (Noto Sans Math's names only Latin, not its operators ∑ ∫ ∂).
  if (out.length === 1) (out[0] as FallbackFile).ranges = [[0, 0x10ffff]];
  return out;
}
