import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeIfChanged } from '../../fs/write-if-changed.ts';

/**
 * The EPUB's chapters kept from one build to the next as the zip holds them (deflated, with their
 * CRC-32 and sizes): after a one-document edit only that document's chapter (and the files that
 * list every chapter: package, navigation, notes, index) goes through epub-gen-memory's HTML
 * clean-up and jszip's deflate again; the others are handed to jszip already compressed, which it
 * copies into the new zip as they are (its own way of rewriting a loaded zip). A chapter is keyed by
 * a hash of everything the library makes its entry from — its place, title, file name and content,
 * the book's language — and the file's version is the EPUB stage's fingerprint (code, templates,
 * the locked libraries) with the look: the same key gives the same bytes, so the book is the one a
 * clean build makes. A chapter with an image is not kept: the library finds its images by reading
 * its HTML.
 *
 * The book's other deflated entries are kept the same way, keyed by their name and bytes (`entryKey`).
 *
 * The file is `output/.cache/epub/chapters.json` and holds the entries of the last book only.
 */

/** A zip entry as deflated, what jszip needs to copy it. */
export interface KeptEntry {
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  data: string; // base64 of the deflated bytes
}

interface ChapterFile {
  version: string;
  chapters: Record<string, KeptEntry>;
}

/** What the library makes a chapter's entry from (epub-gen-memory's normalized chapter and options). */
export interface ChapterInput {
  index: number;
  title: string;
  filename: string;
  content: string;
  beforeToc?: boolean;
  excludeFromToc?: boolean;
}

export function chapterKey(chapter: ChapterInput, lang: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        chapter.index,
        chapter.title,
        chapter.filename,
        chapter.beforeToc ?? false,
        chapter.excludeFromToc ?? false,
        lang,
      ]),
    )
    .update('\u0000')
    .update(chapter.content)
    .digest('base64url');
}

/**
 * The key of any other entry of the book (the package, the navigation, the notes, the index, the
 * cover): its name and its bytes as handed to jszip. After an edit that changes no title or page
 * they are the same, and are not deflated again at level 9 (0.2 s for the FRUS volume's).
 */
export function entryKey(name: string, data: string | Uint8Array): string {
  return createHash('sha256')
    .update(`entry\u0000${name}\u0000${typeof data === 'string' ? 's' : 'b'}\u0000`)
    .update(data)
    .digest('base64url');
}

/** Whether a chapter can be kept: the library reads no image out of it. */
export const keepable = (content: string): boolean => !/<img\b/i.test(content);

export class ChapterCache {
  private readonly used = new Map<string, KeptEntry>();

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
    private readonly known: Map<string, KeptEntry>,
  ) {}

  static open(dir: string | undefined, version: string): ChapterCache {
    const known = new Map<string, KeptEntry>();
    const file = dir ? join(dir, 'epub', 'chapters.json') : undefined;
    if (file) {
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as ChapterFile;
        if (stored.version === version)
          for (const [key, entry] of Object.entries(stored.chapters)) known.set(key, entry);
      } catch {
        // none yet, or unreadable: every chapter is made anew
      }
    }
    return new ChapterCache(file, version, known);
  }

  get enabled(): boolean {
    return this.file !== undefined;
  }

  get(key: string): KeptEntry | undefined {
    return this.known.get(key);
  }

  keep(key: string, entry: KeptEntry): void {
    this.used.set(key, entry);
  }

  async save(): Promise<void> {
    if (!this.file) return;
    const chapters: Record<string, KeptEntry> = {};
    for (const key of [...this.used.keys()].sort()) chapters[key] = this.used.get(key) as KeptEntry;
    await writeIfChanged(
      this.file,
      JSON.stringify({ version: this.version, chapters } satisfies ChapterFile),
    );
  }
}

/** The deflated entries of a zip, by name, read from its central directory. */
export function zipEntries(zip: Buffer): Map<string, KeptEntry & { method: number }> {
  const entries = new Map<string, KeptEntry & { method: number }>();
  // The end of central directory record: its signature, searched from the end (no comment here).
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return entries;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let k = 0; k < count; k++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) break;
    const method = zip.readUInt16LE(at + 10);
    const crc32 = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const uncompressedSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.set(name, {
      method,
      crc32,
      compressedSize,
      uncompressedSize,
      data: zip.toString('base64', start, start + compressedSize),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** jszip's own classes (from the copy epub-gen-memory loads): an entry handed over already deflated. */
const require = createRequire(import.meta.url);
const jszipMain = require.resolve('jszip', { paths: [require.resolve('epub-gen-memory')] });
type CompressedObjectClass = new (
  compressedSize: number,
  uncompressedSize: number,
  crc32: number,
  compression: unknown,
  data: Uint8Array,
) => object;
const CompressedObject = require(join(jszipMain, '..', 'compressedObject.js')) as CompressedObjectClass;
const compressions = require(join(jszipMain, '..', 'compressions.js')) as { DEFLATE: unknown };

/** A kept entry as jszip's data: copied into the zip as it is, not deflated again. */
export function deflated(entry: KeptEntry): object {
  return new CompressedObject(
    entry.compressedSize,
    entry.uncompressedSize,
    entry.crc32,
    compressions.DEFLATE,
    Buffer.from(entry.data, 'base64'),
  );
}
