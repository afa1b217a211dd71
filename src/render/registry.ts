/**
 * Output formats besides the TEI master. Each renderer reads `tei/edition.xml` from the output
 * folder (never the normalizer's memory) and writes its files there. The HTML, EPUB and PDF
 * renderers register here as they are built; `recto build --formats` accepts what is listed.
 */
import type { Reporter } from '../report.ts';
import type { TeiElement } from '../tei/node.ts';
import { renderEpub } from './epub/index.ts';
import type { RENDER_FORMATS } from './formats.ts';
import { renderHtml } from './html/index.ts';
import { renderPdf } from './pdf/index.ts';

export interface RenderContext {
  editionXml: string; // path of the TEI master
  master: () => Promise<TeiElement>; // that file, read from disk once for all renderers
  outDir: string;
  reporter: Reporter;
  formats?: string[]; // everything this build makes (so the HTML can link the EPUB and PDF)
  /** The PDF's shape: a book (title pages, contents; the default) or a handout (the text from page 1). */
  layout?: 'book' | 'handout';
}

export type Renderer = (ctx: RenderContext) => Promise<string[]>; // the files written

export const RENDERERS: Record<(typeof RENDER_FORMATS)[number], Renderer> = {
  html: renderHtml,
  epub: renderEpub,
  pdf: renderPdf,
};

export { masterReader } from './master.ts';
