import type { ModelDocument } from '../../model/edition.ts';

/**
 * Citation keys, one per document, unique across the edition and stable from build to build:
 * author, year and document number (`Kennan1946_10`, `EmbassyIran1964_12`), as reference managers
 * make them (Better BibTeX's `auth.year`), ASCII letters, digits and `_` (citation-js takes a
 * BibTeX key with `-` for unsafe and makes up another one). Documents whose keys
 * would be the same get `a`, `b`, … in edition order. The key is also the CSL `id`, and so the RIS
 * `ID`, which citation-js cuts at 20 characters (the old RIS limit): a key is never longer.
 */
const MAX = 20;
const AUTHOR_MAX = 11;

/** Words of a sender that say nothing of who it is (`the Embassy in Iran` → `EmbassyIran`). */
const FILLER = new Set(['the', 'of', 'in', 'to', 'at', 'for', 'and', 'on', 'from', 'a', 'an']);

const ascii = (s: string): string => s.normalize('NFKD').replace(/[^A-Za-z0-9\s]/g, ' ');

/** The name a key starts with: the person in brackets (`The Chargé … (Kennan)`), else a name's last word, else the body's words. */
export function authorToken(author: string | undefined): string {
  if (!author) return 'Anon';
  const bracketed = /\(([^()]+)\)\s*$/.exec(author)?.[1];
  const words = ascii(bracketed ?? author)
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w.toLowerCase()));
  if (!words.length) return 'Anon';
  // A body (`the Embassy in Iran`): its words; a role (`the Secretary of State`): the role; a
  // person (`Lyndon B. Johnson`, `President Johnson`, `(Kennan)`): the surname, the last word.
  const body =
    /^(?:Department|Embassy|Mission|Legation|Consulate|Delegation|Ministry|Government|Office|Council|Committee|Agency|Bureau|Commission|Staff|Board|Chiefs)$/i;
  const role = !bracketed && / of /i.test(author) && words.length > 1;
  const picked =
    !bracketed && words.some((w) => body.test(w))
      ? words
      : role
        ? words.slice(0, 1)
        : [words.at(-1) as string];
  // whole words while they fit (`DepartmentState` is too long: `Department`), a long one cut
  let token = '';
  for (const w of picked) {
    const word = w.charAt(0).toUpperCase() + w.slice(1);
    if (token && token.length + word.length > AUTHOR_MAX) break;
    token += word;
  }
  return token.slice(0, AUTHOR_MAX) || 'Anon';
}

/** Who a document is from when its metadata does not say: its title's `… From X to Y` (a volume's heads). */
function sender(doc: ModelDocument): string | undefined {
  return doc.author ?? /\bFrom\s+(.+?)\s+to\s+/i.exec(doc.title)?.[1];
}

function baseKey(doc: ModelDocument): string {
  const year =
    /\d{4}/.exec(doc.when ?? doc.date ?? '')?.[0] ?? /\d{4}/.exec(doc.record.year ?? '')?.[0] ?? 'nd';
  const number = doc.record.document ?? doc.number;
  const suffix = number && /^[0-9A-Za-z]+$/.test(number) ? `_${number}` : '';
  return `${authorToken(sender(doc))}${year}${suffix}`.slice(0, MAX - 1); // (room for a collision's letter)
}

/** A letter suffix for the k-th document sharing a key (0 → `a`, 25 → `z`, 26 → `ba`). */
function letters(k: number): string {
  let s = '';
  let n = k;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

const memo = new WeakMap<readonly ModelDocument[], Map<string, string>>();

/** Every document's key by its id (computed once per edition). */
export function citationKeys(documents: readonly ModelDocument[]): Map<string, string> {
  const known = memo.get(documents);
  if (known) return known;
  const groups = new Map<string, ModelDocument[]>();
  for (const doc of documents) {
    const key = baseKey(doc);
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  const keys = new Map<string, string>();
  const taken = new Set(groups.keys());
  for (const [key, docs] of groups) {
    if (docs.length === 1) {
      keys.set((docs[0] as ModelDocument).id, key);
      continue;
    }
    let k = 0;
    for (const doc of docs) {
      let candidate: string;
      do {
        const letter = letters(k++);
        candidate = `${key.slice(0, MAX - letter.length)}${letter}`;
      } while (taken.has(candidate));
      taken.add(candidate);
      keys.set(doc.id, candidate);
    }
  }
  memo.set(documents, keys);
  return keys;
}
