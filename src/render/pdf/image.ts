/**
 * A figure's image in print: each image pdfkit can hold (PNG, JPEG) placed within the measure, scaled down
 * to fit it and at most `MAX_HEIGHT` of the text block (never scaled up), centred, tagged as a
 * `Figure` with its alternative text; each other thing the figure shows as a placeholder line
 * (the notice, the address — a link when it is a URL — and the description, the words every
 * format sets); the caption under them, small and centred. An image stays with its caption.
 */
export interface PdfImage {
  data: Uint8Array;
  width: number; // its own size in pixels
  height: number;
  alt: string;
}

/** The most of the text block's height an image takes (room is left for its caption). */
const MAX_HEIGHT = 0.7;
export const GAP = 4; // points above and below an image

/** A PNG's or JPEG's size in pixels, from its header. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50)
    return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let k = 2;
  while (k + 9 < bytes.length) {
    if (bytes[k] !== 0xff) return undefined;
    const marker = bytes[k + 1] as number;
    const length = view.getUint16(k + 2);
    // start of frame (any but DHT, JPG, DAC): height then width
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { width: view.getUint16(k + 7), height: view.getUint16(k + 5) };
    k += 2 + length;
  }
  return undefined;
}

/** An image's drawn size: its own (1 px = 1 pt), scaled down to the measure and the page. */
export function drawnSize(
  image: PdfImage,
  measure: number,
  height: number,
): { width: number; height: number } {
  const scale = Math.min(1, measure / image.width, (height * MAX_HEIGHT) / image.height);
  return { width: image.width * scale, height: image.height * scale };
}
