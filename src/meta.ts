import type { Register } from './register/types.ts';

/** Edition and document metadata: what the teiHeader says and the renderers show. */
export interface EditionMeta {
  id: string;
  title: string;
  subtitle?: string;
  editor?: string;
  publisher?: string;
  licence?: string; // the licence's words, as stated; none: the rights are not stated
  licenceUrl?: string; // the licence's URL, when stated
  language: string;
  date?: string; // publication date, ISO 8601
  /** The TEI's last revision (its revisionDesc's latest dated change), ISO 8601: a book's modified date. */
  modified?: string;
  /** The volume the documents come from (manifest `sourceEdition`): each document's default. */
  sourceEdition?: StatedSource;
  /** Each editor by name with the role the header gives (a FRUS volume: primary, general), for a book's metadata. */
  editors?: { name: string; role?: string }[];
  /** The edition's register (manifest `register`): tagged in the documents, written as `standOff`. */
  register?: Register;
}

/** What every format says when the edition states no licence: nothing is claimed. */
export const RIGHTS_NOT_STATED = 'The rights of this edition are not stated.';

/** Printed pages: from the first to the last (one page: the same). */
export interface PageRange {
  from: string;
  to: string;
}

/**
 * Where a document is printed: the source edition (a FRUS volume), its editors and imprint, the
 * document's number and pages, its address on the web and its file number. The one record of it:
 * the model reads it from a document's header (`sourceDesc/biblStruct`) or a volume's own
 * imprint; a manifest states any part of it (`StatedSource`).
 */
/**
 * A publisher's own print look, stated in `edition.json` (`style`): the trim size (a name of
 * `templates/pdf/style.json`'s `trimSizes`), the body type size in points (the other sizes and
 * the leadings scaled with it), how a document starts, and font files (relative to the edition
 * folder in the manifest; absolute once loaded).
 */
export interface EditionStyle {
  trim?: string;
  typeSize?: number;
  documentStart?: 'run-on' | 'page' | 'recto';
  fonts?: { regular?: string; italic?: string; bold?: string };
}

/** What a build is given for its look: the edition's `style`, and its own `templates/` folder. */
export interface Look {
  style?: EditionStyle;
  /** The edition's `templates/` folder: a file there overrides the built-in file of that name. */
  templates?: string;
}

export interface SourceRecord {
  title?: string; // the printed edition: "Foreign Relations of the United States, 1946, Volume VI …"
  series?: string; // the series it belongs to: "Foreign Relations of the United States"
  volume?: string; // "VI"
  editors: string[];
  publisher?: string;
  pubPlace?: string;
  year?: string;
  document?: string; // the number the edition prints
  pages?: PageRange;
  url?: string;
  idno?: string; // the file number (`761.00/260`)
}

/**
 * A source record as a manifest states it (`documents[].source` as an object, or the edition's
 * `sourceEdition`): any of its fields, the pages as written (`"225–227"`, `"225"`). Each field
 * stated overrides what the text says.
 */
export type StatedSource = Partial<Omit<SourceRecord, 'pages'>> & { pages?: string };

export interface DocumentMeta {
  id: string;
  file: string;
  title: string;
  author?: string;
  recipient?: string;
  date?: string; // as written
  when?: string; // ISO 8601
  place?: string;
  source?: string;
  language: string;
}

/** Manifest fields that override what the text says. */
export type DocumentOverrides = Partial<
  Pick<DocumentMeta, 'title' | 'author' | 'recipient' | 'date' | 'place' | 'source'>
>;
