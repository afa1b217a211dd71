import type { SearchParagraph } from './context.ts';
import { serializedIndexText } from './search-postings.ts';

/**
 * The full-text index, built once at build time with MiniSearch and shipped as a script
 * (`assets/search-index.js`), so search works offline and from file:// (no fetch); the page
 * loads it on the first use of the search box.
 *
 * One index entry per thing a result can land on: a document's record (title, number, date,
 * sender and recipient, place), a heading, a paragraph, a note. Fields are short-named to keep
 * the file small: `h` (title or heading), `m` (metadata), `t` (running text or note); the page
 * searches them with boosts title/heading > metadata > text. Each entry stores its document (an
 * index into `docs`, which holds each document's URL, title, number and date once), its anchor,
 * its kind and, for text, the words shown in the snippet and matched for a quoted phrase.
 * Words too common to tell documents apart are left out of the index (the page drops them from
 * a query the same way); a quoted phrase is still matched, whole, against the stored text.
 */
export const STOP_WORDS = [
  'a',
  'about',
  'all',
  'also',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'been',
  'but',
  'by',
  'can',
  'could',
  'did',
  'do',
  'for',
  'from',
  'had',
  'has',
  'have',
  'he',
  'her',
  'his',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'may',
  'more',
  'no',
  'not',
  'of',
  'on',
  'or',
  'our',
  'said',
  'she',
  'should',
  'so',
  'than',
  'that',
  'the',
  'their',
  'them',
  'there',
  'these',
  'they',
  'this',
  'those',
  'to',
  'upon',
  'was',
  'we',
  'were',
  'what',
  'when',
  'which',
  'who',
  'will',
  'with',
  'would',
  'you',
];

export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['h', 'm', 't'],
  storeFields: ['d', 'a', 'k', 'x', 'p'],
};

/** What the page knows of each document without opening it: the group heading of its results. */
export interface SearchDocument {
  id: string;
  url: string; // page URL relative to the site root
  title: string; // as the contents list shows it (numbered when the source numbers it)
  number?: string;
  date?: string;
  author?: string;
  recipient?: string;
  place?: string;
  source?: string; // the source note (archive, file number, classification, drafter)
  /** The document's headings (section heads) and notes, each with where it stands on the page. */
  headings: SearchParagraph[];
  paragraphs: SearchParagraph[];
  notes: SearchParagraph[];
}

/**
 * A register entry (a person, place or organisation of the index), a result of its own kind: its
 * name and the variant spellings the texts use are its heading (`h`), its description its record.
 */
export interface SearchRegisterEntry {
  id: string;
  url: string; // register/<id>.html
  type: 'person' | 'place' | 'org';
  name: string;
  variants: string[];
  description?: string;
  documents: number; // how many documents mention it
}

type Kind = 'm' | 'h' | 'p' | 'l' | 'w' | 't' | 'n' | 'r';
interface IndexEntry {
  id: number;
  d: number;
  a: string;
  k: Kind;
  h?: string;
  m?: string;
  t?: string;
  x?: string;
  p?: string;
}

const processTerm =
  (stop: Set<string>) =>
  (term: string): string | null => {
    const t = term.toLowerCase();
    return stop.has(t) ? null : t;
  };

function entriesOf(docs: SearchDocument[], register: SearchRegisterEntry[]): IndexEntry[] {
  const out: IndexEntry[] = [];
  const push = (e: Omit<IndexEntry, 'id'>): void => {
    out.push({ id: out.length, ...e });
  };
  docs.forEach((doc, d) => {
    const meta = [
      doc.number ? `Document ${doc.number}` : '',
      doc.date,
      doc.author,
      doc.recipient,
      doc.place,
      doc.source,
    ]
      .filter(Boolean)
      .join(' · ');
    push({ d, a: '', k: 'm', h: doc.title, m: meta });
    for (const h of doc.headings) push({ d, a: h.anchor, k: 'h', h: h.text, x: h.text, p: h.page });
    for (const p of doc.paragraphs)
      push({ d, a: p.anchor, k: p.kind ?? 'p', h: p.head, t: p.text, x: p.text, p: p.page });
    for (const n of doc.notes) push({ d, a: n.anchor, k: 'n', t: n.text, x: n.text, p: n.page });
  });
  register.forEach((e, k) => {
    const also = e.variants.length ? `Also: ${e.variants.join('; ')}` : '';
    push({
      d: docs.length + k,
      a: '',
      k: 'r',
      h: [e.name, ...e.variants].join(' · '),
      m: e.description,
      x: [e.name, also, e.description].filter(Boolean).join(' — '),
    });
  });
  return out;
}

/** Where the terms' text goes in the index's JSON (no empty string: the replacer below keeps it). */
const TERMS = '\u0000terms\u0000';
const TERMS_JSON = JSON.stringify(TERMS);

const REGISTER_KIND = { person: 'Person', place: 'Place', org: 'Organisation' } as const;

/** The index of documents and, after them in `docs`, the register's entries (`r`: their kind). */
export function searchIndexScript(docs: SearchDocument[], register: SearchRegisterEntry[] = []): string {
  // (what MiniSearch's addAll and toJSON make, made faster: see search-postings.ts)
  // (the terms' postings, most of the file, come as text: spliced in below in the placeholder's place)
  const { index, terms } = serializedIndexText(
    entriesOf(docs, register),
    { ...SEARCH_OPTIONS, processTerm: processTerm(new Set(STOP_WORDS)) },
    TERMS,
  );
  // Stored fields that are empty are left out of the file.
  const payload = JSON.stringify(
    {
      options: SEARCH_OPTIONS,
      stop: STOP_WORDS,
      docs: docs
        .map(
          (d): Record<string, string | undefined> => ({
            i: d.id,
            u: d.url,
            t: d.title,
            n: d.number,
            w: d.date,
            m: [d.author && d.recipient ? `${d.author} → ${d.recipient}` : d.author, d.place]
              .filter(Boolean)
              .join(' · '),
            s: d.source,
          }),
        )
        .concat(
          register.map((e) => ({
            i: e.id,
            u: e.url,
            t: e.name,
            r: REGISTER_KIND[e.type],
            m: `${REGISTER_KIND[e.type]} in the index · ${e.documents === 1 ? '1 document' : `${e.documents} documents`}`,
          })),
        ),
      index,
    },
    (_key, value: unknown) => (value === '' ? undefined : value),
  );
  // (the last one: only serializationVersion follows the terms, and a text could hold the same characters)
  const at = payload.lastIndexOf(TERMS_JSON);
  const whole = payload.slice(0, at) + terms + payload.slice(at + TERMS_JSON.length);
  return `window.RECTO_SEARCH = ${whole.replace(/</g, '\\u003c')};\n`;
}
