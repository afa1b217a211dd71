import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { ModelEdition } from '../model/edition.ts';
import { displayText } from '../model/reading-text.ts';
import type { BlockOf, FigureMedia } from '../model/types.ts';
import { forEachNode } from '../model/walk.ts';
import { slug } from '../text/slug.ts';
import { readTemplate } from './template.ts';

/**
 * The images of an edition's figures, found once for every writer (src/pipeline/publish.ts): an
 * image whose address names a file beside the TEI or in the folder given with `--assets` (never a
 * path that leaves the folder, symbolic links included; nothing is fetched from the network), or
 * whose bytes are in the TEI (`binaryObject`). Its type is read from its bytes, not its name. Each
 * writer shows the images its format can hold (`FORMAT_TYPES`) and sets a placeholder for the
 * others — the notice, the image's address and the figure's description, the same words in every
 * format (`standIn`) — and the build says once, at the image's line:column, what was not found.
 */

/** An image found for a figure: where its bytes are, their type and the name it takes in an output. */
export interface FoundImage {
  /** The file (absent: the bytes are the TEI's own, `FigureMedia.data`). */
  file?: string;
  mediaType: string;
  /** Its file name in an output folder (`assets/figures/…`, the EPUB's `images/…`): stable, unique. */
  name: string;
}

/** Found images by `mediaKey`. */
export type FigureImages = Record<string, FoundImage>;

/** The image types each format can hold; any other is shown as a placeholder. */
export const FORMAT_TYPES: Record<string, ReadonlySet<string>> = {
  html: new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml', 'image/avif']),
  // EPUB 3 core media types EPUBCheck 4.2.6 accepts without a fallback
  epub: new Set(['image/png', 'image/jpeg', 'image/gif', 'image/svg+xml']),
  // what pdfkit embeds
  pdf: new Set(['image/png', 'image/jpeg']),
};

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
};

/** The largest image file taken (a figure, not a data set). */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** The key of what a figure shows among the found images. */
export function mediaKey(m: FigureMedia): string | undefined {
  if (m.data) return `data:${createHash('sha256').update(m.data).digest('hex').slice(0, 32)}`;
  return m.url ? `url:${m.url}` : undefined;
}

/** The type of an image from its first bytes, or undefined when it is not one we know. */
export function sniffImageType(head: Uint8Array): string | undefined {
  const b = (k: number): number => head[k] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return 'image/gif';
  if ((b(0) === 0x49 && b(1) === 0x49 && b(2) === 0x2a) || (b(0) === 0x4d && b(1) === 0x4d && b(3) === 0x2a))
    return 'image/tiff';
  if (b(0) === 0x42 && b(1) === 0x4d) return 'image/bmp';
  const ascii = Buffer.from(head.subarray(0, 512)).toString('latin1');
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image/webp';
  if (ascii.slice(4, 12) === 'ftypavif') return 'image/avif';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(ascii))
    return 'image/svg+xml';
  return undefined;
}

/** An address that names a resource elsewhere (`https://…`, `data:`), not a file. */
export const isRemote = (url: string): boolean =>
  /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url);
/** An address a reader can follow (a link in HTML and EPUB). */
export const isLink = (url: string): boolean => /^(https?|ftp):\/\//i.test(url);

/**
 * The file an address names inside `folder`, or undefined: only a relative path with no part
 * that leaves the folder, to a regular file, whose real path (links followed) is still inside it.
 */
export async function fileInside(folder: string, url: string): Promise<string | undefined> {
  if (isRemote(url) || url.includes('\0')) return undefined;
  const candidates = [url];
  try {
    const decoded = decodeURIComponent(url);
    if (decoded !== url) candidates.push(decoded);
  } catch {
    // (not percent-encoded)
  }
  let root: string;
  try {
    root = await realpath(folder);
  } catch {
    return undefined;
  }
  for (const c of candidates) {
    if (isAbsolute(c) || c.startsWith('\\')) continue;
    const path = resolve(root, c);
    const rel = relative(root, path);
    if (!rel || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) continue;
    try {
      const real = await realpath(path);
      const realRel = relative(root, real);
      if (!realRel || realRel.startsWith(`..${sep}`) || realRel === '..' || isAbsolute(realRel)) continue;
      const s = await stat(real);
      if (s.isFile() && s.size <= MAX_IMAGE_BYTES) return real;
    } catch {
      // not there
    }
  }
  return undefined;
}

async function headOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(512);
    const { bytesRead } = await handle.read(buffer, 0, 512, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const shortHash = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/** An image's name in the outputs: its own name made safe, and a hash of its bytes (two `map.png` differ). */
function outputName(stem: string, bytes: Uint8Array, mediaType: string): string {
  return `${slug(stem)}-${shortHash(bytes)}.${EXTENSIONS[mediaType] ?? 'bin'}`;
}

/** The bytes of a found image. */
export function imageBytes(found: FoundImage, media: FigureMedia): Buffer {
  return found.file ? readFileSync(found.file) : Buffer.from(media.data ?? '', 'base64');
}

/**
 * What a folder of images holds, as a key for the build cache (names, sizes, modification times):
 * an image added or replaced there makes the formats be written again. No folder: ''.
 */
export async function folderFingerprint(folder: string | undefined): Promise<string> {
  if (!folder) return '';
  const hash = createHash('sha256').update(resolve(folder));
  try {
    const names = (await readdir(folder, { recursive: true, encoding: 'utf8' })).sort();
    for (const name of names) {
      const s = await stat(join(folder, name));
      if (s.isFile()) hash.update(`${name}\0${s.size}\0${s.mtimeMs}\n`);
    }
  } catch {
    hash.update('(missing)');
  }
  return hash.digest('hex');
}

/** Every figure's media of an edition, in reading order. */
export function editionFigures(edition: ModelEdition): BlockOf<'figure'>[] {
  const out: BlockOf<'figure'>[] = [];
  const visit = (n: { kind: string }): void => {
    if (n.kind === 'figure') out.push(n as BlockOf<'figure'>);
  };
  if (edition.introduction) forEachNode(edition.introduction, visit);
  for (const d of edition.documents) forEachNode(d.blocks, visit);
  return out;
}

/**
 * Finds the image of every figure of an edition: in `assets` (when given), else beside the TEI
 * master; the bytes of a `binaryObject` are the TEI's. Returns what was found and one warning per
 * image not found or not an image, and per embedded object no output can hold, at its line:column.
 */
export async function findFigureImages(
  edition: ModelEdition,
  options: { masterFile: string; folders: (string | undefined)[] },
): Promise<{ images: FigureImages; diagnostics: Diagnostic[] }> {
  const images: FigureImages = {};
  const diagnostics: Diagnostic[] = [];
  const folders = [...new Set(options.folders.filter((f): f is string => Boolean(f)))];
  const where = `in ${folders.join(' or ')} (a folder of images can be given with --assets)`;
  const warn = (m: FigureMedia, ruleId: string, message: string): void => {
    diagnostics.push({
      file: options.masterFile,
      position: m.at ?? { line: 1, column: 1 },
      severity: 'warning',
      ruleId,
      message,
    });
  };
  const sought = new Map<string, FoundImage | null>();
  for (const figure of editionFigures(edition)) {
    for (const m of figure.media) {
      if (m.type !== 'image') {
        const what = m.type === 'video' ? 'a video player' : 'an embedded object';
        warn(
          m,
          'figure-embedded',
          `${what}${m.url ? ` (${m.url})` : ''} cannot be held by the outputs: shown as a placeholder${m.url ? ' with its address' : ''}`,
        );
        continue;
      }
      const key = mediaKey(m);
      if (!key) {
        warn(m, 'figure-image-missing', 'an image with no address: shown as a placeholder');
        continue;
      }
      if (!sought.has(key)) sought.set(key, await findOne(m, folders));
      const found = sought.get(key);
      if (found) {
        images[key] = found;
        continue;
      }
      if (m.data !== undefined)
        warn(
          m,
          'figure-image-missing',
          'an embedded binaryObject that is not an image we can read: shown as a placeholder',
        );
      else if (m.url && isRemote(m.url))
        warn(
          m,
          'figure-image-missing',
          `image "${m.url}" is not fetched (no request leaves the machine): shown as a placeholder with its address`,
        );
      else
        warn(
          m,
          'figure-image-missing',
          `image "${m.url}" not found ${where}: shown as a placeholder with its address`,
        );
    }
  }
  return { images, diagnostics };
}

async function findOne(m: FigureMedia, folders: string[]): Promise<FoundImage | null> {
  if (m.data !== undefined) {
    const bytes = Buffer.from(m.data, 'base64');
    const mediaType = sniffImageType(bytes.subarray(0, 512));
    if (!mediaType || bytes.length === 0) return null;
    return { mediaType, name: outputName('embedded', bytes, mediaType) };
  }
  for (const folder of folders) {
    const file = await fileInside(folder, m.url ?? '');
    if (!file) continue;
    const mediaType = sniffImageType(await headOf(file));
    if (!mediaType) continue;
    const stem = (m.url ?? 'image')
      .replace(/^.*[\\/]/, '')
      .slice(0, -extname(m.url ?? '').length || undefined);
    return { file, mediaType, name: outputName(stem, readFileSync(file), mediaType) };
  }
  return null;
}

/** The words of a placeholder, from `templates/figures.json`. */
interface Notices {
  image: string;
  video: string;
  embedded: string;
  none: string;
  bytes: string;
}
let notices: Notices | undefined;
function noticeWords(): Notices {
  notices ??= JSON.parse(readTemplate('figures.json')) as Notices;
  return notices;
}

/** What a placeholder shows for one thing a figure cannot show: a notice, the address, the description. */
export interface StandIn {
  notice: string;
  /** The address as given (a link when `href` is set). */
  address?: string;
  href?: string;
  /** The figure's description, when it says more than the caption. */
  description?: string;
}

/**
 * The placeholders of a figure, for the media a format does not show (`shown` says which it
 * does); a figure with nothing to show and no caption gets one too: never an empty figure.
 */
export function standIns(figure: BlockOf<'figure'>, shown: (m: FigureMedia) => boolean): StandIn[] {
  const words = noticeWords();
  const caption = displayText(figure.caption);
  const description = figure.description && figure.description !== caption ? figure.description : undefined;
  const out: StandIn[] = [];
  for (const m of figure.media) {
    if (shown(m)) continue;
    const address =
      m.url ?? (m.data !== undefined ? `${words.bytes}${m.mimeType ? ` (${m.mimeType})` : ''}` : undefined);
    out.push({
      notice: words[m.type],
      ...(address ? { address } : {}),
      ...(m.url && isLink(m.url) ? { href: m.url } : {}),
      ...(description && out.length === 0 ? { description } : {}),
    });
  }
  if (figure.media.length === 0 && !caption)
    out.push({ notice: words.none, ...(description ? { description } : {}) });
  return out;
}

/** A placeholder's words, in the order every format sets them. */
export const standInText = (s: StandIn): string =>
  [`${s.notice}${s.address ? `: ${s.address}` : ''}`, s.description ?? ''].filter(Boolean).join(' ');

/** The words set in place of what a figure cannot show, when nothing of it is shown (the test's reading). */
export const placeholderWords = (figure: BlockOf<'figure'>): string | undefined =>
  standIns(figure, () => false)
    .map(standInText)
    .join('\n') || undefined;

/** Whether a format shows a figure's media: found, and of a type it holds. */
export function showsIn(format: string, images: FigureImages | undefined): (m: FigureMedia) => boolean {
  const types = FORMAT_TYPES[format] ?? new Set<string>();
  return (m) => {
    const key = mediaKey(m);
    const found = key ? images?.[key] : undefined;
    return m.type === 'image' && found !== undefined && types.has(found.mediaType);
  };
}

/** Found, but of a type the format cannot hold: what a writer says once per image. */
export function unheldImages(
  format: string,
  edition: ModelEdition,
  images: FigureImages | undefined,
  masterFile: string,
): Diagnostic[] {
  const types = FORMAT_TYPES[format] ?? new Set<string>();
  const out: Diagnostic[] = [];
  for (const figure of editionFigures(edition))
    for (const m of figure.media) {
      const key = mediaKey(m);
      const found = key ? images?.[key] : undefined;
      if (m.type !== 'image' || !found || types.has(found.mediaType)) continue;
      out.push({
        file: masterFile,
        position: m.at ?? { line: 1, column: 1 },
        severity: 'warning',
        ruleId: `${format}-image-type`,
        message: `image "${m.url ?? 'binaryObject'}" is ${found.mediaType}, which ${format.toUpperCase()} cannot hold (${[...types].join(', ')}): shown as a placeholder`,
      });
    }
  return out;
}
