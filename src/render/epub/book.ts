import * as epubModule from 'epub-gen-memory';
import * as epubConstants from 'epub-gen-memory/dist/lib/util/constants.js';
import { timeAsync } from '../../profile.ts';
import { type ChapterCache, deflated, entryKey, type KeptEntry } from './chapter-cache.ts';
import { type TemplateBook, writeTemplateFiles, type ZipFolder } from './template-files.ts';
import type { Chapter } from './unit-chapter.ts';

/**
 * epub-gen-memory's book as Recto makes it: stable names for the figures' images, the template
 * files compiled once, chapters and other entries an earlier build deflated copied as they are
 * (chapter-cache.ts), every entry with the same date.
 */
export type EPubClass = typeof import('epub-gen-memory').EPub;
// A CommonJS package: Node's ESM loader puts its exports on `default`, some bundlers (vitest) on the namespace.
const loaded = epubModule as unknown as { EPub?: EPubClass; default?: { EPub?: EPubClass } };
const EPub = (loaded.EPub ?? loaded.default?.EPub) as EPubClass;

// The library drops from a chapter every attribute not on its list, which lacks `scope`: a table's
// header cells say whether they head a column or a row (WCAG H63). Its list is one shared array.
const constants = epubConstants as unknown as {
  allowedAttributes?: string[];
  default?: { allowedAttributes?: string[] };
};
const allowedAttributes = constants.allowedAttributes ?? constants.default?.allowedAttributes;
if (!allowedAttributes) throw new Error('epub-gen-memory: its list of allowed attributes was not found');
if (!allowedAttributes.includes('scope')) allowedAttributes.push('scope');

interface ZipEntry {
  date: Date;
  dir: boolean;
  _data: unknown; // what the entry was made from, or a promise of it (jszip's own field)
  options: { compression?: string | null };
}
interface Zip {
  files: Record<string, ZipEntry>;
  file(name: string, data: string | Uint8Array | object): void;
  generateAsync(options: object): Promise<Buffer>;
}

/** A figure's image as the book holds it: `images/<name>`. */
export interface BookImage {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export class RectoEPub extends EPub {
  private readonly figureImages: Map<string, BookImage>;
  private readonly kept: Map<number, KeptEntry>;
  constructor(
    options: ConstructorParameters<EPubClass>[0],
    chapters: Chapter[],
    identifier: string,
    figureImages: Map<string, BookImage> = new Map(),
    kept: Map<number, KeptEntry> = new Map(), // chapters (by position) whose zip entry is kept
  ) {
    // (a kept chapter's HTML is not cleaned up again: its entry is the one made from it before)
    super(
      options,
      chapters.map((c, k) => (kept.has(k) ? { ...c, content: '' } : c)),
    );
    this.kept = kept;
    this.uuid = identifier;
    this.figureImages = figureImages;
    // The library names every image of a chapter with a random id (a new book each build): the
    // figures' images get their own stable names, in the chapters and in the package.
    for (const image of this.images) {
      const mine = figureImages.get(image.url);
      if (!mine) continue;
      const from = `images/${image.id}.${image.extension}`;
      const dot = mine.name.lastIndexOf('.');
      image.id = mine.name.slice(0, dot);
      image.extension = mine.name.slice(dot + 1);
      image.mediaType = mine.mediaType;
      for (const chapter of this.content)
        chapter.content = chapter.content.split(from).join(`images/${mine.name}`);
    }
  }
  /** The figures' bytes are ours (nothing is fetched): put them in the book under their names. */
  protected override async downloadAllImages(): Promise<void> {
    const zip = this.zip as unknown as Zip;
    for (const image of this.images) {
      const mine = this.figureImages.get(image.url);
      if (mine) zip.file(`OEBPS/images/${mine.name}`, mine.bytes);
    }
  }
  /** The library's template files, with the chapter template compiled once (template-files.ts). */
  protected override async generateTemplateFiles(): Promise<void> {
    writeTemplateFiles(this.zip as unknown as ZipFolder, this as unknown as TemplateBook);
  }
  /** The zip entry of a chapter (its file name as the library made it safe). */
  entryName(index: number): string {
    return `OEBPS/${this.content[index]?.filename}`;
  }
  /**
   * The book's bytes. With a chapter cache, the other entries (package, navigation, notes, index,
   * cover) deflated by an earlier build from the same bytes are copied too; `others` gets the key
   * of each, for the cache to keep its new entry.
   */
  async build(
    extraFiles: Record<string, string | Uint8Array>,
    date: Date,
    cache?: ChapterCache,
    others = new Map<string, string>(),
  ): Promise<Buffer> {
    await this.render();
    const zip = this.zip as unknown as Zip;
    for (const [k, entry] of this.kept) zip.file(this.entryName(k), deflated(entry));
    for (const [name, data] of Object.entries(extraFiles)) zip.file(`OEBPS/${name}`, data);
    if (cache?.enabled) {
      const chapters = new Set(this.content.map((_, k) => this.entryName(k)));
      for (const [name, entry] of Object.entries(zip.files)) {
        // (the mimetype is stored, not deflated; a chapter has its own key)
        if (chapters.has(name) || entry.dir || entry.options.compression === 'STORE') continue;
        // (jszip holds what it was given behind a promise)
        const data = await entry._data;
        if (typeof data !== 'string' && !(data instanceof Uint8Array)) continue;
        const key = entryKey(name, data);
        others.set(name, key);
        const kept = cache.get(key);
        if (kept) zip.file(name, deflated(kept));
      }
    }
    for (const entry of Object.values(zip.files)) entry.date = date;
    return timeAsync('epub zip', () =>
      zip.generateAsync({
        type: 'nodebuffer',
        mimeType: 'application/epub+zip',
        compression: 'DEFLATE',
        compressionOptions: { level: 9 },
      }),
    );
  }
}
