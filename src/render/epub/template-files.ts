import { createRequire } from 'node:module';
import { readTemplate } from '../template.ts';

// The library's own template engine, the copy it renders with (resolved from it: not ours to depend on).
const ejs = createRequire(createRequire(import.meta.url).resolve('epub-gen-memory'))('ejs') as {
  compile(template: string): (data: object) => string;
  render(template: string, data: object): string;
};

/** A folder of the book's zip, as jszip gives it. */
export interface ZipFolder {
  file(name: string, data: string): void;
  folder(name: string): ZipFolder;
}

/** What epub-gen-memory's book holds when it writes its template files (its fields, by name). */
export interface TemplateBook {
  options: {
    css: string;
    chapterXHTML: string;
    contentOPF: string;
    tocNCX: string;
    tocXHTML: string;
    lang: string;
    prependChapterTitles: boolean;
  };
  uuid: string;
  images: unknown[];
  cover: unknown;
  content: { filename: string }[];
}

/**
 * The book's template files, entry for entry and in the order epub-gen-memory writes them (so the
 * bytes are the library's), with the chapter template compiled once for the book: the library
 * compiles it again for each chapter (`ejs.render`), a quarter of the EPUB's time for a volume's
 * ~520 chapters. Recto writes EPUB 3 only: the library's EPUB 2 display-options file is not made.
 */
export function writeTemplateFiles(zip: ZipFolder, book: TemplateBook): void {
  const { options } = book;
  const oebps = zip.folder('OEBPS');
  oebps.file('style.css', options.css);
  const chapter = ejs.compile(options.chapterXHTML);
  for (const c of book.content)
    oebps.file(
      c.filename,
      chapter({ lang: options.lang, prependChapterTitles: options.prependChapterTitles, ...c }),
    );
  zip.folder('META-INF').file('container.xml', readTemplate('epub', 'container.xml'));
  const all = { ...options, id: book.uuid, images: book.images, cover: book.cover, content: book.content };
  oebps.file('content.opf', ejs.render(options.contentOPF, all));
  oebps.file('toc.ncx', ejs.render(options.tocNCX, all));
  oebps.file('toc.xhtml', ejs.render(options.tocXHTML, all));
}
