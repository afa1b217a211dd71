import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { EditionMeta } from '../../meta.ts';
import { unwrapWoff } from '../pdf/woff.ts';
import { coverLines } from './cover.ts';

/**
 * The cover as a PNG, beside the SVG one: reading systems and stores show a raster cover in
 * their libraries, and many do not draw SVG there. The same design as templates/epub/cover.svg
 * (half its size: 800 × 1280), drawn here without a browser or a native library: the text is
 * shaped with HarfBuzz (harfbuzzjs, already the PDF's shaper) in EB Garamond (the @fontsource
 * package the PDF uses), its glyph outlines filled by a small scanline rasterizer (non-zero
 * winding, 4 sub-scanlines, exact coverage across), and the pixels written as a PNG with zlib.
 * No clock and no randomness: the same edition gives the same bytes.
 */
const WIDTH = 800;
const HEIGHT = 1280;
const SCALE = 0.5; // of the SVG's 1600 × 2560 coordinates
type Rgb = [number, number, number];
const PAPER: Rgb = [0xf4, 0xef, 0xe3];
const RULE: Rgb = [0x7a, 0x2e, 0x12];
const INK: Rgb = [0x1d, 0x1b, 0x18];
const GREY: Rgb = [0x3d, 0x3a, 0x34];

type HarfBuzz = typeof import('harfbuzzjs');
type Point = [number, number];

class Canvas {
  readonly pixels = new Uint8Array(WIDTH * HEIGHT * 3);
  constructor(background: Rgb) {
    this.pixels.set(background);
    // (doubling copies: a million pixels set one by one took a fifth of the cover's time)
    for (let done = 3; done < this.pixels.length; done *= 2)
      this.pixels.copyWithin(done, 0, Math.min(done, this.pixels.length - done));
  }
  private blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT || alpha <= 0) return;
    const at = (y * WIDTH + x) * 3;
    const a = Math.min(alpha, 1);
    for (let c = 0; c < 3; c++)
      this.pixels[at + c] = Math.round((this.pixels[at + c] as number) * (1 - a) + (color[c] as number) * a);
  }
  /** An axis-aligned rectangle's outline (the cover's frames), `width` wide. */
  frame(x: number, y: number, w: number, h: number, width: number, color: Rgb): void {
    const box = (x0: number, y0: number, x1: number, y1: number): Point[] => [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ];
    const half = width / 2;
    this.fill(
      [
        box(x - half, y - half, x + w + half, y + half),
        box(x - half, y + h - half, x + w + half, y + h + half),
        box(x - half, y - half, x + half, y + h + half),
        box(x + w - half, y - half, x + w + half, y + h + half),
      ],
      color,
    );
  }
  /** Fills closed polygons (non-zero winding), anti-aliased. */
  fill(polygons: Point[][], color: Rgb): void {
    const edges: [number, number, number, number, number][] = [];
    let top = Number.POSITIVE_INFINITY;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const poly of polygons)
      for (let k = 0; k < poly.length; k++) {
        const [x0, y0] = poly[k] as Point;
        const [x1, y1] = poly[(k + 1) % poly.length] as Point;
        if (y0 === y1) continue;
        edges.push(y0 < y1 ? [x0, y0, x1, y1, 1] : [x1, y1, x0, y0, -1]);
        top = Math.min(top, y0, y1);
        bottom = Math.max(bottom, y0, y1);
      }
    const SUB = 4;
    const first = Math.max(0, Math.floor(top));
    const last = Math.min(HEIGHT, Math.ceil(bottom));
    // each row's edges, found once (a line of text has thousands of edges, each a few rows tall)
    const byRow: (typeof edges)[] = Array.from({ length: Math.max(0, last - first) }, () => []);
    for (const e of edges)
      for (let row = Math.max(first, Math.floor(e[1])); row < Math.min(last, Math.ceil(e[3])); row++)
        byRow[row - first]?.push(e);
    const coverage = new Float32Array(WIDTH + 1);
    for (let row = first; row < last; row++) {
      const rowEdges = byRow[row - first] ?? [];
      if (!rowEdges.length) continue;
      coverage.fill(0);
      let left = WIDTH;
      let right = 0;
      for (let s = 0; s < SUB; s++) {
        const y = row + (s + 0.5) / SUB;
        const crossings: [number, number][] = [];
        for (const [x0, y0, x1, y1, dir] of rowEdges)
          if (y >= y0 && y < y1) crossings.push([x0 + ((y - y0) / (y1 - y0)) * (x1 - x0), dir]);
        crossings.sort((a, b) => a[0] - b[0]);
        let winding = 0;
        for (let k = 0; k < crossings.length - 1; k++) {
          winding += (crossings[k] as [number, number])[1];
          if (winding === 0) continue;
          const from = (crossings[k] as Point)[0];
          const to = (crossings[k + 1] as Point)[0];
          span(coverage, from, to, 1 / SUB);
          left = Math.min(left, Math.floor(from));
          right = Math.max(right, Math.ceil(to));
        }
      }
      for (let x = Math.max(0, left); x < Math.min(WIDTH, right); x++)
        this.blend(x, row, color, coverage[x] as number);
    }
  }
}

/** Adds `weight` × the part of each pixel [x, x+1) that [from, to) covers. */
function span(coverage: Float32Array, from: number, to: number, weight: number): void {
  const a = Math.max(0, from);
  const b = Math.min(WIDTH, to);
  for (let x = Math.floor(a); x < b; x++)
    coverage[x] = (coverage[x] as number) + weight * (Math.min(b, x + 1) - Math.max(a, x));
}

/** A glyph outline's commands as polygons, curves cut into straight pieces. */
function outline(
  commands: { type: string; values: number[] }[],
  place: (x: number, y: number) => Point,
): Point[][] {
  const polys: Point[][] = [];
  let poly: Point[] = [];
  let [cx, cy] = [0, 0];
  const STEPS = 8;
  for (const { type, values: v } of commands) {
    if (type === 'M') {
      if (poly.length) polys.push(poly);
      poly = [place(v[0] as number, v[1] as number)];
      [cx, cy] = [v[0] as number, v[1] as number];
    } else if (type === 'L') {
      poly.push(place(v[0] as number, v[1] as number));
      [cx, cy] = [v[0] as number, v[1] as number];
    } else if (type === 'Q' || type === 'C') {
      const [x0, y0] = [cx, cy];
      const end = v.length - 2;
      for (let i = 1; i <= STEPS; i++) {
        const t = i / STEPS;
        const u = 1 - t;
        const [x, y] =
          type === 'Q'
            ? [
                u * u * x0 + 2 * u * t * (v[0] as number) + t * t * (v[2] as number),
                u * u * y0 + 2 * u * t * (v[1] as number) + t * t * (v[3] as number),
              ]
            : [
                u ** 3 * x0 +
                  3 * u * u * t * (v[0] as number) +
                  3 * u * t * t * (v[2] as number) +
                  t ** 3 * (v[4] as number),
                u ** 3 * y0 +
                  3 * u * u * t * (v[1] as number) +
                  3 * u * t * t * (v[3] as number) +
                  t ** 3 * (v[5] as number),
              ];
        poly.push(place(x, y));
      }
      [cx, cy] = [v[end] as number, v[end + 1] as number];
    } else if (type === 'Z' && poly.length) {
      polys.push(poly);
      poly = [];
    }
  }
  if (poly.length) polys.push(poly);
  return polys;
}

interface Face {
  font: InstanceType<HarfBuzz['Font']>;
  upem: number;
}

const faces = new Map<string, Face>();

/** A face of EB Garamond, opened once per process (unwrapping the WOFF is zlib work). */
function openFace(hb: HarfBuzz, file: string): Face {
  const known = faces.get(file);
  if (known) return known;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/eb-garamond/400.css')), 'files');
  const face = new hb.Face(new hb.Blob(unwrapWoff(readFileSync(join(dir, file)))));
  const opened = { font: new hb.Font(face), upem: face.upem };
  faces.set(file, opened);
  return opened;
}

/** One line of text, centred on `x` with its baseline at `y` (the cover's coordinates, halved). */
function drawLine(
  hb: HarfBuzz,
  canvas: Canvas,
  face: Face,
  text: string,
  x: number,
  y: number,
  size: number,
  color: Rgb,
): void {
  const buffer = new hb.Buffer();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  hb.shape(face.font, buffer);
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const scale = (size * SCALE) / face.upem;
  const width = positions.reduce((w, p) => w + p.xAdvance, 0) * scale;
  let pen = x * SCALE - width / 2;
  const polys: Point[][] = [];
  infos.forEach((info, k) => {
    const p = positions[k];
    if (!p) return;
    const ox = pen + p.xOffset * scale;
    const oy = y * SCALE - p.yOffset * scale;
    polys.push(
      ...outline(face.font.glyphToJson(info.codepoint), (gx, gy) => [ox + gx * scale, oy - gy * scale]),
    );
    pen += p.xAdvance * scale;
  });
  canvas.fill(polys, color);
}

/** The cover as PNG bytes. */
export async function coverPng(meta: EditionMeta): Promise<Uint8Array> {
  // (harfbuzzjs starts its WebAssembly with a top-level await: loaded when a cover is drawn)
  const hb = (await import('harfbuzzjs')) as HarfBuzz;
  const canvas = new Canvas(PAPER);
  canvas.frame(80 * SCALE, 80 * SCALE, 1440 * SCALE, 2400 * SCALE, 6 * SCALE, RULE);
  canvas.frame(110 * SCALE, 110 * SCALE, 1380 * SCALE, 2340 * SCALE, 2 * SCALE, RULE);
  const bold = openFace(hb, 'eb-garamond-latin-700-normal.woff');
  const italic = openFace(hb, 'eb-garamond-latin-400-italic.woff');
  const regular = openFace(hb, 'eb-garamond-latin-400-normal.woff');
  coverLines(meta.title, 18).forEach((l, k) => {
    drawLine(hb, canvas, bold, l, 800, 760 + k * 130, 120, INK);
  });
  coverLines(meta.subtitle ?? '', 34).forEach((l, k) => {
    drawLine(hb, canvas, italic, l, 800, 1400 + k * 70, 56, GREY);
  });
  canvas.fill(
    [
      [
        [600 * SCALE, 1798 * SCALE],
        [1000 * SCALE, 1798 * SCALE],
        [1000 * SCALE, 1802 * SCALE],
        [600 * SCALE, 1802 * SCALE],
      ],
    ],
    RULE,
  );
  if (meta.editor) drawLine(hb, canvas, regular, `Edited by ${meta.editor}`, 800, 1950, 60, INK);
  if (meta.publisher) drawLine(hb, canvas, regular, meta.publisher, 800, 2300, 48, GREY);
  return png(canvas.pixels, WIDTH, HEIGHT);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit RGB pixels as a PNG (each row filtered "none": the cover is flat colour, zlib does the rest). */
function png(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    rows.set(pixels.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}
