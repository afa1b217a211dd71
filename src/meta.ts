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
  /** The volume the documents come from (manifest `sourceEdition`): each document's default. */
  sourceEdition?: SourceRecord;
  /** The edition's register (manifest `register`): tagged in the documents, written as `standOff`. */
  register?: Register;
}

/**
 * What the manifest states about a document's printed source (`documents[].source` as an object,
 * or the edition's `sourceEdition`): any field overrides what the text says.
 */
export interface SourceRecord {
  title?: string; // the volume: "Foreign Relations of the United States, 1946, Volume VI …"
  volume?: string; // "VI"
  editors?: string[];
  publisher?: string;
  pubPlace?: string;
  year?: string;
  document?: string; // the printed document number
  pages?: string; // "225–227" or "225"
  url?: string;
  idno?: string; // the file number
}

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
