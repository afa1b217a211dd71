import { inflateSync } from 'node:zlib';

/**
 * WOFF 1.0 → the plain OpenType (sfnt) font it wraps, for HarfBuzz (which shapes sfnt) and
 * pdfkit's fontkit (which reads WOFF but inflates a table again, in JavaScript, every time it
 * looks a glyph up — once a large part of the PDF's time). Unwrapped once here with zlib; the
 * glyph data is unchanged, so the embedded subsets are the same.
 * Layout: WOFF File Format 1.0 (W3C), sections 3–5; OpenType "Table Directory".
 */
const WOFF = 0x774f4646; // 'wOFF'

export function unwrapWoff(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.readUInt32BE(0) !== WOFF) return woff; // already sfnt (or not ours)
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, k) => {
    const at = 44 + k * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(stored) : stored,
    };
  });
  const padded = (n: number): number => (n + 3) & ~3;
  const headerLength = 12 + numTables * 16;
  const total = tables.reduce((n, t) => n + padded(t.data.length), headerLength);
  const out = Buffer.alloc(total); // zero-filled: the padding is zeros
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  tables.forEach((t, k) => {
    const at = 12 + k * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += padded(t.data.length);
  });
  return out;
}
