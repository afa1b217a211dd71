import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * MiniSearch's serialized index (`new MiniSearch(options)`, `addAll(entries)`, `toJSON()`), the same
 * object key for key and in the same order, made several times faster: MiniSearch looks every one
 * of a volume's ~430,000 words up in its radix tree (a linear scan of a node's children at each
 * step: 1.7 s of the 2.3 s the index took), where a hash map finds it at once. The radix tree's
 * shape, and so the order of the serialized terms, depends only on the order in which each term
 * first appears (a term met again walks the path it made; a map keeps first insertion order), so
 * the distinct terms (a tenth of the words) are put in it once each, in that order, at the end.
 * The page reads the file back with MiniSearch.loadJSON; `test/search-postings.test.ts` checks the
 * object equals MiniSearch's own on real pages.
 */
export interface PostingsOptions {
  idField: string;
  fields: string[];
  storeFields: string[];
  processTerm: (term: string) => string | null;
}

/** What MiniSearch's toJSON() returns (serialization version 2). */
export interface SerializedIndex {
  documentCount: number;
  nextId: number;
  documentIds: Record<string, unknown>;
  fieldIds: Record<string, number>;
  fieldLength: Record<string, number[]>;
  averageFieldLength: number[];
  storedFields: Record<string, Record<string, unknown>>;
  dirtCount: number;
  index: [string, Record<string, Record<string, number>>][];
  serializationVersion: 2;
}

// MiniSearch's own default, so the words are cut exactly where it cuts them
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/**
 * A term's postings: by field id, its entries' short ids and counts, flat and in pairs
 * (`[short, count, short, count, …]`). Entries are indexed one after another, so a term met again
 * in the same entry is that list's last pair: no lookup.
 */
type TermPostings = (number[] | undefined)[];

/** The index's terms, in the order MiniSearch's radix tree gives them, with their postings. */
type Terms = Iterable<[string, TermPostings]>;

export function serializedIndex<T extends object>(
  entries: readonly T[],
  options: PostingsOptions,
): SerializedIndex {
  const { terms, ...rest } = collect(entries, options);
  const index: SerializedIndex['index'] = [];
  for (const [term, data] of terms) {
    // (an object's integer keys go in ascending order, whatever order they were set in: as MiniSearch's)
    const fieldsOut: Record<string, Record<string, number>> = {};
    data.forEach((counts, fieldId) => {
      if (!counts) return;
      const out: Record<string, number> = {};
      for (let i = 0; i < counts.length; i += 2) out[counts[i] as number] = counts[i + 1] as number;
      fieldsOut[fieldId] = out;
    });
    index.push([term, fieldsOut]);
  }
  return { ...rest.before, index, ...rest.after };
}

/**
 * The same index with its `index` (the terms and their postings: most of a volume's index) left
 * as `placeholder`, and that array's JSON text apart: what `JSON.stringify` writes for it, written
 * without making an object per term and per field first (a volume's ~40,000 terms and ~300,000
 * postings). The site's script puts the text in the placeholder's place.
 */
export function serializedIndexText<T extends object>(
  entries: readonly T[],
  options: PostingsOptions,
  placeholder: string,
): { index: Omit<SerializedIndex, 'index'> & { index: string }; terms: string } {
  const { terms, before, after } = collect(entries, options);
  const parts: string[] = [];
  for (const [term, data] of terms) {
    // (a term's fields by ascending id, each one's entries by ascending short id: they were
    // indexed in that order, as the object's integer keys would list them)
    let fields = '';
    data.forEach((counts, fieldId) => {
      if (!counts) return;
      let pairs = '';
      for (let i = 0; i < counts.length; i += 2) pairs += `${i ? ',' : ''}"${counts[i]}":${counts[i + 1]}`;
      fields += `${fields ? ',' : ''}"${fieldId}":{${pairs}}`;
    });
    parts.push(`[${JSON.stringify(term)},{${fields}}]`);
  }
  return { index: { ...before, index: placeholder, ...after }, terms: `[${parts.join(',')}]` };
}

/** Everything of the serialized index but `index` (the fields before it and after it, in MiniSearch's order), and the terms. */
function collect<T extends object>(
  entries: readonly T[],
  options: PostingsOptions,
): {
  terms: Terms;
  before: Omit<SerializedIndex, 'index' | 'serializationVersion'>;
  after: { serializationVersion: 2 };
} {
  const { idField, fields, storeFields, processTerm } = options;
  const fieldIds: Record<string, number> = {};
  fields.forEach((f, i) => {
    fieldIds[f] = i;
  });
  const postings = new Map<string, TermPostings>();
  const documentIds = new Map<number, unknown>();
  const seen = new Set<unknown>();
  const fieldLength = new Map<number, number[]>();
  const averageFieldLength: number[] = [];
  const storedFields = new Map<number, Record<string, unknown>>();
  let count = 0;
  for (const one of entries) {
    const entry = one as Record<string, unknown>;
    const id = entry[idField];
    if (id == null) throw new Error(`MiniSearch: document does not have ID field "${idField}"`);
    if (seen.has(id)) throw new Error(`MiniSearch: duplicate ID ${String(id)}`);
    seen.add(id);
    const short = count++;
    documentIds.set(short, id);
    if (storeFields.length) {
      const stored: Record<string, unknown> = {};
      for (const f of storeFields) if (entry[f] !== undefined) stored[f] = entry[f];
      storedFields.set(short, stored);
    }
    for (const field of fields) {
      const value = entry[field];
      if (value == null) continue;
      const tokens = tokenize(String(value));
      const fieldId = fieldIds[field] as number;
      // (as MiniSearch counts them: distinct raw words, the empty one and stop words among them)
      const lengths = fieldLength.get(short) ?? [];
      fieldLength.set(short, lengths);
      const unique = new Set(tokens).size;
      lengths[fieldId] = unique;
      // (the entries before this one: MiniSearch's running average, operation for operation)
      const before = short;
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * before + unique) / (before + 1);
      for (const token of tokens) {
        const term = processTerm(token);
        if (!term) continue;
        let data = postings.get(term);
        if (!data) {
          data = [];
          postings.set(term, data);
        }
        const counts = data[fieldId];
        if (!counts) data[fieldId] = [short, 1];
        else if (counts[counts.length - 2] === short) (counts[counts.length - 1] as number)++;
        else counts.push(short, 1);
      }
    }
  }
  const tree = new SearchableMap<TermPostings>();
  for (const [term, data] of postings) tree.set(term, data);
  return {
    terms: tree,
    before: {
      documentCount: count,
      nextId: count,
      documentIds: Object.fromEntries(documentIds),
      fieldIds,
      fieldLength: Object.fromEntries(fieldLength),
      averageFieldLength,
      storedFields: Object.fromEntries(storedFields),
      dirtCount: 0,
    },
    after: { serializationVersion: 2 },
  };
}
