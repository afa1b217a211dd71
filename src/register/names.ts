import { monthNumber } from '../text/months.ts';
import { shortFormsOf } from './nicknames.ts';
import type { RegisterEntry } from './types.ts';

/**
 * The forms of a person's name a text may use, read from the register's preferred form.
 * `Surname, [Title] Given [particle][, Jr.]` is the Western order (`Brentano, Heinrich von`,
 * `Burke, Admiral Arleigh A.`, `Abrams, Creighton W., Jr.`); a name without a comma is family
 * name first (`Sato Eisaku`, `Kim Dae Jung (Kim Tae-jung)`: the part in brackets is a variant).
 */
export interface PersonNames {
  id: string;
  /** Surnames as token sequences (`["Dulles"]`, `["de", "Gaulle"]`, `["von", "Brentano"]`), folded. */
  surnames: string[][];
  /** Given names, folded (`john`, `foster`), and their initials. */
  given: string[];
  initials: string[];
  /** Short forms of the given names (`bob` for Robert), folded: given names, but no initials of their own. */
  nicknames: string[];
  /** Titles the name carries (`admiral`, `sir`), folded. */
  titles: string[];
  /** Family name first (East Asian order): the given names follow the surname. */
  familyFirst: boolean;
  /** Phonetic keys of the given names of a family-first name, one per variant (`daejung`). */
  givenKeys: string[];
  /** The last given name of a family-first name (`Jung` of Kim Dae Jung): a mention only where the document names the person. */
  shortForms: string[];
  /** The first given name of a Western name (`selwyn`), the same kind of weak form. */
  firstName?: string;
  description: string; // folded, for title and role checks
  /**
   * When the description gives only the start of the offices that bring the person into the
   * edition (`Under Secretary of State from October 1966`), that start (`1966-10`): before it,
   * of two persons of one name, the other one is meant.
   */
  inOfficeFrom?: string;
  from?: string;
  to?: string;
}

/** Lower case, no accents, typographic apostrophes as ASCII: how forms are compared. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'").toLowerCase();
}

const PARTICLES = new Set(['von', 'van', 'de', 'di', 'da', 'du', 'der', 'den', 'la', 'le', 'zu', 'ter']);
const SUFFIXES = /^(?:jr\.?|sr\.?|ii|iii|iv|esq\.?)$/i;

/** Words that stand before a name as a title or office; also what a role in the description may say. */
export const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'lord',
  'lady',
  'herr',
  'frau',
  'monsieur',
  'm',
  'mme',
  'madame',
  'general',
  'gen',
  'admiral',
  'adm',
  'major',
  'maj',
  'colonel',
  'col',
  'captain',
  'capt',
  'lieutenant',
  'marshal',
  'field',
  'brigadier',
  'rear',
  'air',
  'chief',
  'lt',
  'sgt',
  'sergeant',
  'commander',
  'cdr',
  'president',
  'vice',
  'secretary',
  'under',
  'undersecretary',
  'assistant',
  'deputy',
  'ambassador',
  'minister',
  'foreign',
  'prime',
  'chancellor',
  'governor',
  'mayor',
  'senator',
  'representative',
  'congressman',
  'judge',
  'ayatollah',
  'shah',
  'king',
  'queen',
  'prince',
  'princess',
  'premier',
  'chairman',
  'director',
  'counselor',
  'attorney',
  'professor',
  'prof',
  'father',
  'brother',
  'ambassador-designate',
]);

/** Words of a name: letters with inner hyphens and apostrophes; an initial keeps its full stop apart. */
export function nameTokens(s: string): string[] {
  return (s.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? []).map((t) => t.replace(/['’-]+$/, ''));
}

/**
 * A romanization-blind key for East Asian given names: `Dae Jung`, `Tae-jung` and `Tae Chung`
 * are one name in McCune–Reischauer and Revised Romanization.
 */
export function givenKey(tokens: string[]): string {
  return fold(tokens.join(''))
    .replace(/[^a-z]/g, '')
    .replace(/ch/g, 'j')
    .replace(/t/g, 'd')
    .replace(/k/g, 'g')
    .replace(/p/g, 'b')
    .replace(/eo|u/g, 'o')
    .replace(/(.)\1/g, '$1');
}

/** `from October 1966` → `1966-10`, when the description says from when and never until when. */
function officeStart(description: string): string | undefined {
  const d = fold(description);
  if (/\buntil\b|\bto \d{4}\b|\d{4}\s*[–-]/.test(d)) return undefined;
  const starts = [...d.matchAll(/\bfrom (?:(\p{L}+) )?(\d{4})\b/gu)].map((m) => {
    const month = monthNumber(m[1] ?? '');
    return month > 0 ? `${m[2]}-${String(month).padStart(2, '0')}` : (m[2] as string);
  });
  return starts.sort()[0];
}

export function personNames(entry: RegisterEntry): PersonNames {
  const paren = /\(([^)]*)\)/g;
  const variants = [...entry.variants, ...[...entry.name.matchAll(paren)].map((m) => m[1] ?? '')].filter(
    Boolean,
  );
  const name = entry.name.replace(paren, ' ').replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  const surnames: string[][] = [];
  const given: string[] = [];
  const titles: string[] = [];
  const givenKeys: string[] = [];
  const shortForms: string[] = [];
  let firstName: string | undefined;
  const addShort = (tokens: string[]): void => {
    const last = tokens.at(-1);
    if (tokens.length >= 2 && last && /^\p{Lu}/u.test(last)) shortForms.push(fold(last));
  };
  const addSurname = (tokens: string[]): void => {
    const folded = tokens.map(fold);
    if (folded.length && !surnames.some((s) => s.join(' ') === folded.join(' '))) surnames.push(folded);
  };
  const familyFirst = comma < 0 && nameTokens(name).length > 1;
  if (comma >= 0) {
    const surname = nameTokens(name.slice(0, comma));
    const rest = name
      .slice(comma + 1)
      .split(',')
      .map((p) => p.trim());
    const givenTokens = nameTokens(rest[0] ?? '').filter((t) => !SUFFIXES.test(t));
    // Titles anywhere among the given names (`Brigadier General Andrew J.`, `Major John S. D.`).
    for (let k = givenTokens.length - 1; k >= 0; k--) {
      const t = fold(givenTokens[k] ?? '');
      if (TITLES.has(t) && t.length > 1) {
        titles.unshift(t);
        givenTokens.splice(k, 1);
      }
    }
    const particles: string[] = [];
    while (givenTokens.length && PARTICLES.has(givenTokens.at(-1) ?? ''))
      particles.unshift(givenTokens.pop() ?? '');
    for (const t of givenTokens) given.push(fold(t));
    // The first name alone (`Selwyn` for Selwyn Lloyd): a mention only where the document names him.
    const first = givenTokens[0];
    if (first && first.length > 2 && !/\.$/.test(first)) firstName = fold(first);
    addSurname(surname);
    if (particles.length) addSurname([...particles, ...surname]);
    // `Couve de Murville` is also `Couve`: a compound surname's first word stands for it.
    if (surname.length > 2 && PARTICLES.has(fold(surname[1] ?? ''))) addSurname(surname.slice(0, 1));
    // `De Gaulle` is printed `de Gaulle` in running text.
    if (surname.length > 1 && PARTICLES.has(fold(surname[0] ?? ''))) addSurname(surname);
  } else {
    const tokens = nameTokens(name);
    addSurname(tokens.slice(0, 1));
    for (const t of tokens.slice(1)) given.push(fold(t));
    if (tokens.length > 1) givenKeys.push(givenKey(tokens.slice(1)));
    addShort(tokens.slice(1));
  }
  for (const v of variants) {
    const tokens = nameTokens(v.includes(',') ? v.slice(0, v.indexOf(',')) : v);
    if (tokens.length === 0) continue;
    if (v.includes(',') || !familyFirst) {
      // A Western variant: its last word is a surname, the rest given names (`Livie Merchant`).
      const last = v.includes(',') ? tokens : tokens.slice(-1);
      addSurname(last);
      if (!v.includes(',')) for (const t of tokens.slice(0, -1)) given.push(fold(t));
    } else {
      addSurname(tokens.slice(0, 1));
      if (tokens.length > 1) givenKeys.push(givenKey(tokens.slice(1)));
      addShort(tokens.slice(1));
    }
  }
  return {
    id: entry.id,
    surnames,
    given: [...new Set(given)],
    initials: [...new Set(given.map((g) => g[0] ?? ''))],
    nicknames: [...new Set(given.flatMap(shortFormsOf))],
    titles,
    familyFirst,
    givenKeys,
    shortForms: [...new Set(shortForms)],
    firstName,
    description: fold(entry.description ?? ''),
    inOfficeFrom: officeStart(entry.description ?? ''),
    from: entry.from,
    to: entry.to,
  };
}
