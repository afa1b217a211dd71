/**
 * The one contract every output format keeps (as pandoc's writers do): a writer is handed the
 * edition model, built once per build from the TEI master, and writes its files into the output
 * folder. It never reads the TEI. What the build needs to schedule it, cache it and offer its
 * files for download is said here too, so adding a format is its writer and one line in
 * `writers.ts`. (A leaf module: types only.)
 */
import type { EditionMeta, Look } from '../meta.ts';
import type { ModelEdition } from '../model/edition.ts';
import type { Reporter } from '../report.ts';
import type { FigureImages } from './figures.ts';

/** A file the reading site offers for download, relative to its folder. */
export interface Download {
  href: string;
  label: string;
}

export interface WriterOptions {
  reporter: Reporter;
  /** Every format this build makes, so a writer can point at the others' files. */
  formats: string[];
  /** What the site offers for download: the TEI master, then each book made in this build. */
  downloads: Download[];
  /** The TEI master file: what diagnostics name, and the file the site copies for download. */
  masterFile: string;
  /** Each document's own TEI (serialized), by document id, where the master is a corpus of them. */
  documentTei: Map<string, string>;
  /** The sources folder the master was built from (`recto build`): where a warning finds a character's source line. */
  sources?: string;
  /** The PDF's shape: a book (title pages, contents; the default) or a handout (the text from page 1). */
  layout?: 'book' | 'handout';
  /** The figures' images found (src/render/figures.ts), by `mediaKey`; what is not here is a placeholder. */
  images?: FigureImages;
  /** The edition's own look: its `style` (the PDF's trim, type size, document start, fonts) and `templates/` folder. */
  look?: Look;
  /**
   * The build cache's folder (`output/.cache`) and the key of what the format's code and look are
   * (a new Recto or style keys anew): a writer may keep there what an edit leaves unchanged (the
   * PDF's line breaks). Absent with `--no-cache` and for `recto render`.
   */
  cache?: { dir: string; key: string };
}

export interface Writer {
  /** Its name in `--formats`. */
  format: string;
  /** Longer writers start first on a pool of threads: a rank, 0 the longest. */
  cost: number;
  /** The files it writes, relative to the output folder; a folder ends with `/`. */
  outputs(meta: EditionMeta): string[];
  /** When set, the site offers the writer's first output for download under this label. */
  download?: string;
  /**
   * What its output depends on besides the model: source folders or files (relative to `src/`),
   * template folders (relative to `templates/`) and environment settings. The build cache's
   * fingerprint of the format is made of them.
   */
  inputs: { code: string[]; templates: string[]; env: string[] };
  /** Loads its libraries now (a thread does it while the documents are normalized). */
  warm(): Promise<void>;
  write(edition: ModelEdition, out: string, options: WriterOptions): Promise<string[]>;
  /**
   * Writes again only what an edit of some documents changes (`recto preview`'s quick path, on an
   * edition built from sources: every document has its own TEI file), from the model with those
   * documents read again. `changed`: their positions in the edition; `options.documentTei` holds
   * their TEI. Returns the files whose bytes changed, relative to the writer's folder. A writer
   * without it is written whole by the build that follows.
   */
  update?(edition: ModelEdition, out: string, options: WriterOptions, changed: number[]): Promise<string[]>;
}
