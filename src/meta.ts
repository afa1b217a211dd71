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
