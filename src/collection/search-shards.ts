import type { AsPlainObject } from 'minisearch';

/**
 * The collection's search: one index over every volume, cut into small files the browser fetches
 * piecemeal (a sharded MiniSearch of our own; see the commit that brought it for why not Pagefind).
 *
 * It is made from the indexes the volumes' own sites ship (`<id>/html/assets/search-index.js`,
 * MiniSearch's JSON), so a result of the collection is a hit of a volume's own search: same
 * entries, same fields, same words. The scores are those MiniSearch would give over the whole
 * collection (BM25 with the collection's document count, field lengths and document frequencies),
 * computed here once per word and entry and shipped rounded, so the page does no BM25 itself.
 *
 * Files, under `search/` (each a script calling `RECTO_SHARD(key, data)`, so the page works from
 * `file://` as the volumes' sites do):
 * - `meta.js`: the volumes, the stop words and the first word of every word chunk (a few KB);
 * - `i/<n>.js`: word chunks, consecutive words in sort order, each chunk ≤ ~CHUNK_BYTES: for each
 *   word its entries (delta-coded entry and document numbers, score ×100, the fields it is in);
 * - `x/<n>.js`: the entries (document, anchor, kind, page, text; a record's title), ENTRIES_PER_TEXT
 *   a file (fetched for the results shown and the phrases checked only);
 * - `b/<n>.js`: the pairs of words that follow each other, and the entries that hold them;
 * - `d/<n>.js`: the documents' records (title, number, date, people, volume), DOCS_PER_CHUNK a file.
 * A query fetches the meta, one chunk per word (two where a prefix runs over a chunk's end) and
 * the text of the few entries it shows: its bytes do not grow with the number of volumes, except
 * through the entries of each word it asks for, which the chunk bound caps (HEAD entries a word in
 * the chunk, its best by score; for a word in more entries, a bit for each document holding it).
 */
export const CHUNK_BYTES = 12_000;
export const ENTRIES_PER_TEXT = 8;
export const DOCS_PER_CHUNK = 16;
export const HEAD = 300;

const BOOST: Record<string, number> = { h: 3, m: 2, t: 1 };
const FIELD_BIT: Record<string, number> = { h: 1, m: 2, t: 4 };
/** A hit on a register entry or a term of a list of terms ("named" when its heading holds the words). */
const NAMED_KIND = 8;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

interface Stored {
  d: number;
  a?: string;
  k: string;
  x?: string;
  p?: string;
}
interface DocRecord {
  i: string;
  u: string;
  t: string;
  n?: string;
  w?: string;
  m?: string;
  s?: string;
  r?: string;
}
interface VolumeSearch {
  stop: string[];
  docs: DocRecord[];
  index: AsPlainObject;
}

/** A volume's site index, as its `assets/search-index.js` holds it. */
export function readVolumeSearch(script: string): VolumeSearch {
  const prefix = 'window.RECTO_SEARCH = ';
  if (!script.startsWith(prefix)) throw new Error('not a Recto search index');
  return JSON.parse(script.slice(prefix.length).trim().replace(/;$/, '')) as VolumeSearch;
}

export interface SearchVolume {
  id: string;
  title: string;
  /** The volume's site folder, relative to the collection's (`<id>/html/`). */
  site: string;
  search: VolumeSearch;
}

const bm25 = (tf: number, df: number, n: number, length: number, average: number): number =>
  Math.log(1 + (n - df + 0.5) / (df + 0.5)) *
  (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));

/** One word's entry: global entry number, global document number, score ×100, fields and kind. */
type Posting = [entry: number, doc: number, score: number, flags: number];

const script = (key: string, data: unknown): string =>
  `RECTO_SHARD(${JSON.stringify(key)},${JSON.stringify(data).replace(/</g, '\\u003c')});\n`;

/** The documents of a word's entries, a bit each (document k: byte k >> 3, bit k & 7), in base64. */
function documentBits(postings: Posting[], documents: number): string {
  const bits = new Uint8Array(Math.ceil(documents / 8));
  for (const [, d] of postings) bits[d >> 3] = (bits[d >> 3] ?? 0) | (1 << (d & 7));
  return Buffer.from(bits).toString('base64');
}

/** Delta-coded, flat: [Δentry, Δdoc, score, flags, …] in entry order. */
function encode(postings: Posting[]): number[] {
  const out: number[] = [];
  let entry = 0;
  let doc = 0;
  for (const [g, d, s, f] of postings) {
    out.push(g - entry, d - doc, s, f);
    entry = g;
    doc = d;
  }
  return out;
}

/**
 * Pairs of words that follow each other in an entry's text (stop words skipped, as the index skips
 * them): `mission berlin` for "the Mission at Berlin". Each pair's entries, all of them (a pair is
 * rare where a word is common), delta-coded, in chunks as the words are (`b/<n>.js`). A phrase or
 * a title asked for is looked for in the entries that hold all its pairs: a few, whatever the
 * size of the collection, so the page reads the text of those only. Returns the number of buckets.
 */
function pairChunks(
  texts: readonly (readonly [number, string, string, string, string, string?])[],
  stop: Set<string>,
  files: Map<string, string>,
): number {
  const pairs = new Map<string, number[]>();
  texts.forEach((t, entry) => {
    const terms = t[4]
      .toLowerCase()
      .split(/[\n\r\p{Z}\p{P}]+/u)
      .filter((w) => w && !stop.has(w));
    for (let k = 1; k < terms.length; k++) {
      const key = `${terms[k - 1]} ${terms[k]}`;
      const list = pairs.get(key);
      if (!list) pairs.set(key, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry);
    }
  });
  // Buckets by a hash of the pair (the page computes it): the meta holds their count only, so it
  // does not grow with the collection.
  let size = 0;
  for (const [key, list] of pairs) size += key.length + list.length * 4 + 6;
  const buckets = Math.max(1, Math.ceil(size / CHUNK_BYTES));
  const chunks: Record<string, number[]>[] = Array.from({ length: buckets }, () => ({}));
  for (const key of [...pairs.keys()].sort()) {
    const list = pairs.get(key) as number[];
    (chunks[pairHash(key) % buckets] as Record<string, number[]>)[key] = list.map(
      (e, k) => e - (list[k - 1] ?? 0),
    );
  }
  chunks.forEach((chunk, n) => {
    files.set(`b/${n}.js`, script(`b${n}`, chunk));
  });
  return buckets;
}

/** FNV-1a over the UTF-16 code units (the page's search.js computes the same). */
export function pairHash(key: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < key.length; k++) {
    h ^= key.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The files of the collection's search (path under `search/` → text). */
export function collectionSearchFiles(volumes: SearchVolume[]): Map<string, string> {
  const files = new Map<string, string>();
  const fields = ['h', 'm', 't'];
  // The collection's statistics: entries, average field lengths, document frequencies.
  let total = 0;
  const lengthSum = fields.map(() => 0);
  const df = new Map<string, number[]>();
  for (const v of volumes) {
    const ix = v.search.index;
    total += ix.documentCount;
    fields.forEach((f, k) => {
      const id = ix.fieldIds[f] as number;
      lengthSum[k] = (lengthSum[k] ?? 0) + (ix.averageFieldLength[id] ?? 0) * ix.documentCount;
    });
    for (const [term, data] of ix.index) {
      const counts = df.get(term) ?? fields.map(() => 0);
      fields.forEach((f, k) => {
        const freqs = data[ix.fieldIds[f] as number];
        if (freqs) counts[k] = (counts[k] ?? 0) + Object.keys(freqs).length;
      });
      df.set(term, counts);
    }
  }
  const average = lengthSum.map((s) => s / Math.max(1, total));
  // Every word's entries across the volumes, scored as MiniSearch would over the whole collection.
  const postings = new Map<string, Posting[]>();
  const texts: [number, string, string, string, string, string?][] = [];
  const docs: Record<string, string | number>[] = [];
  let entryBase = 0;
  volumes.forEach((v, volume) => {
    const ix = v.search.index;
    const docBase = docs.length;
    const stored = ix.storedFields as Record<string, Stored>;
    const lengths = ix.fieldLength as Record<string, number[]>;
    for (const [term, data] of ix.index) {
      const counts = df.get(term) as number[];
      const byEntry = new Map<number, { score: number; flags: number }>();
      fields.forEach((f, k) => {
        const fieldId = ix.fieldIds[f] as number;
        for (const [short, tf] of Object.entries(data[fieldId] ?? {})) {
          const length = lengths[short]?.[fieldId] ?? 0;
          const score = (BOOST[f] ?? 1) * bm25(tf, counts[k] ?? 1, total, length, average[k] ?? 1);
          const at = byEntry.get(Number(short)) ?? { score: 0, flags: 0 };
          at.score += score;
          at.flags |= FIELD_BIT[f] ?? 0;
          byEntry.set(Number(short), at);
        }
      });
      const list = postings.get(term) ?? [];
      for (const [short, { score, flags }] of byEntry) {
        const s = stored[short] as Stored;
        const named = s.k === 'r' || s.k === 't' ? NAMED_KIND : 0;
        list.push([entryBase + short, docBase + s.d, Math.round(score * 100), flags | named]);
      }
      postings.set(term, list);
    }
    const recordText = (doc: DocRecord): string =>
      [doc.t, doc.n && `Document ${doc.n}`, doc.w, doc.m, doc.s].filter(Boolean).join(' · ');
    for (let short = 0; short < ix.documentCount; short++) {
      const s = stored[short] as Stored;
      const doc = v.search.docs[s.d] as DocRecord;
      const d = docBase + s.d;
      texts.push(
        s.k === 'm'
          ? [d, s.a ?? '', s.k, s.p ?? '', recordText(doc), doc.t]
          : [d, s.a ?? '', s.k, s.p ?? '', s.x ?? ''],
      );
    }
    entryBase += ix.documentCount;
    for (const doc of v.search.docs)
      docs.push({
        v: volume,
        i: doc.i,
        u: `${v.site}${doc.u}`,
        t: doc.t,
        ...(doc.n ? { n: doc.n } : {}),
        ...(doc.w ? { w: doc.w } : {}),
        ...(doc.m ? { m: doc.m } : {}),
        ...(doc.r ? { r: doc.r } : {}),
      });
  });
  // Word chunks: words in sort order, a chunk closed when it passes CHUNK_BYTES.
  const words = [...postings.keys()].sort();
  const chunks: string[] = [];
  let chunk: Record<string, [number, number[]] | [number, number[], string]> = {};
  let bytes = 0;
  const close = (): void => {
    const n = chunks.length - 1;
    files.set(`i/${n}.js`, script(`i${n}`, chunk));
    chunk = {};
    bytes = 0;
  };
  for (const word of words) {
    const list = (postings.get(word) as Posting[]).sort((a, b) => a[0] - b[0]);
    // a word's best HEAD entries stand in its chunk (the rest are known by their documents' bits)
    const best = list.length > HEAD ? [...list].sort((a, b) => b[2] - a[2] || a[0] - b[0]) : list;
    const head = best.slice(0, HEAD).sort((a, b) => a[0] - b[0]);
    const cut = list.length > HEAD;
    const encoded = encode(head);
    const size = word.length + encoded.join(',').length + 12;
    if (!chunks.length || bytes + size > CHUNK_BYTES) {
      if (chunks.length) close();
      chunks.push(word);
    }
    // (and, for a word whose entries are cut, every document that holds it: a bit each, so a
    // document holding all the words asked for is known to, whichever entries are shipped)
    chunk[word] = cut ? [list.length, encoded, documentBits(list, docs.length)] : [list.length, encoded];
    bytes += size + (cut ? Math.ceil(docs.length / 6) : 0);
  }
  if (chunks.length) close();
  const pairs = pairChunks(texts, new Set(volumes[0]?.search.stop ?? []), files);
  for (let k = 0; k * ENTRIES_PER_TEXT < texts.length; k++)
    files.set(`x/${k}.js`, script(`x${k}`, texts.slice(k * ENTRIES_PER_TEXT, (k + 1) * ENTRIES_PER_TEXT)));
  for (let k = 0; k * DOCS_PER_CHUNK < docs.length; k++)
    files.set(`d/${k}.js`, script(`d${k}`, docs.slice(k * DOCS_PER_CHUNK, (k + 1) * DOCS_PER_CHUNK)));
  files.set(
    'meta.js',
    script('meta', {
      stop: volumes[0]?.search.stop ?? [],
      volumes: volumes.map((v) => ({ id: v.id, t: v.title, u: `${v.site}index.html` })),
      chunks,
      pairs,
      documents: docs.length,
      textChunk: ENTRIES_PER_TEXT,
      docChunk: DOCS_PER_CHUNK,
      head: HEAD,
    }),
  );
  return files;
}
