import { epubWriter } from './epub/writer.ts';
import { htmlWriter } from './html/writer.ts';
import { pdfWriter } from './pdf/writer.ts';
import type { Writer } from './writer.ts';

/**
 * The one list of writers. The CLI's format lists, the build's schedule, the cache's
 * fingerprints, the site's downloads, the reader's handouts and the preview all read it; adding a
 * format is its writer and one line here. Each entry is light: a writer loads its libraries
 * (pdfkit, epub-gen-memory …) only when it writes.
 */
export const WRITERS: Writer[] = [htmlWriter, epubWriter, pdfWriter];

export const writerFor = (format: string): Writer | undefined => WRITERS.find((w) => w.format === format);

/** The formats the writers make (besides the TEI master). */
export const renderFormats = (): string[] => WRITERS.map((w) => w.format);

/** Every format a build can make: the TEI master and each writer's. */
export const knownFormats = (): string[] => ['tei', ...renderFormats()];

export const isRenderFormat = (format: string): boolean => writerFor(format) !== undefined;
