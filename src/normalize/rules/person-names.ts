import { fold, givenKey, type PersonNames, TITLES } from '../../register/names.ts';
import { SHORT_FORMS } from '../../register/nicknames.ts';
import type { Rule } from '../rule.ts';

/**
 * Rule `person-names`: mentions of the register's persons in the plain text — surname alone,
 * full name (`John Foster Dulles`, `J. F. Dulles`), after a title (`Mr. Kennan`, `Secretary
 * Dulles`), possessive (`Khrushchev's`), in capitals (`KENNAN`), in a sender line (`(Bullitt)`),
 * family name first (`Kim Dae Jung`, `Kim Tae-chung`). Two persons of one name are told apart by
 * the given names or initials before it, a title their role carries, the one of them the document
 * names in full elsewhere, or the document's date within one person's dates; otherwise the
 * mention is left untagged and reported (`person-ambiguous`): never a guess.
 */
export interface Mention {
  offset: number;
  length: number;
  id: string;
}

export interface Ambiguity {
  offset: number;
  word: string;
  candidates: string[];
}

interface Token {
  start: number;
  end: number; // end of the word itself (no possessive, no full stop)
  rawEnd: number; // end in the source, full stop and possessive included
  word: string; // folded
  text: string; // as printed
  initial: boolean; // `J.`, `F`
}

const WORD = /\p{L}[\p{L}\p{M}'’-]*\.?/gu;

function tokenize(source: string): Token[] {
  const out: Token[] = [];
  for (const m of source.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const core = raw
      .replace(/\.$/, '')
      .replace(/['’]s$|['’]$/, '')
      .replace(/-+$/, '');
    out.push({
      start,
      end: start + core.length,
      rawEnd: start + raw.length,
      word: fold(core),
      text: core,
      initial: core.length === 1 && /\p{Lu}/u.test(core),
    });
  }
  return out;
}

const isCapitalized = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
const isAllCaps = (t: Token): boolean => t.text.length > 1 && t.text === t.text.toUpperCase();

/**
 * Words after a name that make it the name of a thing: `Marshall Plan`, `Eisenhower Library`,
 * `Dulles Papers`, `Komer Files`, `Nixon Presidential Materials`. An archive named after a person
 * is not a mention of the person: an index of persons that cited every footnote naming the
 * Johnson Library under Johnson would bury his real pages (the 1964–68 volume tags 3 of its 112;
 * the 1958–60 and 1969–76 volumes tag theirs — the volumes disagree, and a reader's index decides).
 */
const THING_AFTER = new Set([
  'act',
  'plan',
  'line',
  'project',
  'institute',
  'university',
  'airport',
  'street',
  'memorial',
  'foundation',
  'amendment',
  'center',
  'hall',
  'building',
  'formula',
  'round',
  'mission',
  'report',
  'committee',
  'commission',
  'group',
  'telcons',
  'chronological',
  'cabinet',
  'regime',
  'dynasty',
  'family',
  'era',
  'library',
  'libraries',
  'papers',
  'files',
  'diaries',
  'presidential',
]);
/** Words before a name that make it a place: `Fort Myer`, `Camp David`. */
const THING_BEFORE = new Set(['fort', 'camp', 'cape', 'mount', 'lake', 'st', 'saint', 'san', 'port', 'uss']);
/** Titles that say nothing of an office: they do not tell two persons apart. */
const COURTESY = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'herr', 'frau', 'monsieur', 'm', 'mme', 'madame']);
const SPOUSE = new Set(['mrs', 'mme', 'madame', 'frau', 'lady']);

/** Only spaces (or nothing, `D.S.`) between two tokens of one name: never a line break or a comma. */
const joined = (source: string, a: Token, b: Token): boolean =>
  /^[ \t]*$/.test(source.slice(a.rawEnd, b.start));

export interface TagOptions {
  date?: string; // the document's date, ISO 8601
}

interface Option {
  person: PersonNames;
  start: number; // token index where the mention starts
  end: number; // token index of its last token
  full: boolean; // given names or a family name's given names matched
}

export function tagPersons(
  source: string,
  persons: PersonNames[],
  options: TagOptions = {},
): { mentions: Mention[]; ambiguities: Ambiguity[] } {
  const tokens = tokenize(source);
  const lowercase = new Set(tokens.filter((t) => !isCapitalized(t)).map((t) => t.word));
  const byLast = new Map<string, { person: PersonNames; surname: string[] }[]>();
  const byFamily = new Map<string, PersonNames[]>();
  // Given names of anyone: the register's, and the short forms of any (`Jim Komer` is not Robert).
  const allGiven = new Set<string>(SHORT_FORMS);
  const byShort = new Map<string, PersonNames[]>();
  for (const p of persons) {
    for (const s of p.surnames) {
      const last = s.at(-1) ?? '';
      byLast.set(last, [...(byLast.get(last) ?? []), { person: p, surname: s }]);
      if (p.familyFirst) byFamily.set(s[0] ?? '', [...(byFamily.get(s[0] ?? '') ?? []), p]);
    }
    for (const g of [...p.given, ...p.nicknames]) allGiven.add(g);
    for (const f of p.shortForms) byShort.set(f, [...(byShort.get(f) ?? []), p]);
  }
  // A first name stands alone for its person only when no one else in the register has it, as a
  // first name or any other part of a name (`Allen` is Allen Dulles's and George Allen's).
  const firstNames = new Map<string, PersonNames[]>();
  for (const p of persons)
    if (p.firstName) firstNames.set(p.firstName, [...(firstNames.get(p.firstName) ?? []), p]);
  for (const [name, of] of firstNames) {
    const clash =
      of.length > 1 ||
      byLast.has(name) ||
      byShort.has(name) ||
      persons.some(
        (p) => p !== of[0] && (p.given.includes(name) || p.surnames.some((s) => s.includes(name))),
      );
    if (!clash && !lowercase.has(name)) byShort.set(name, of);
  }

  const givenMatches = (p: PersonNames, t: Token): boolean =>
    t.initial ? p.initials.includes(t.word) : p.given.includes(t.word) || p.nicknames.includes(t.word);

  /** The options for a surname ending at token i: one per candidate that the context allows. */
  const optionsAt = (i: number): Option[] => {
    const t = tokens[i];
    if (!t || !(isCapitalized(t) || isAllCaps(t))) return [];
    const out: Option[] = [];
    for (const { person, surname } of byLast.get(t.word) ?? []) {
      let start = i - surname.length + 1;
      if (start < 0) continue;
      let ok = true;
      for (let k = 0; k < surname.length; k++) {
        const tk = tokens[start + k];
        if (!tk || tk.word !== surname[k] || (k > 0 && !joined(source, tokens[start + k - 1] as Token, tk)))
          ok = false;
      }
      if (!ok) continue;
      if (person.familyFirst && surname.length === 1) {
        // Family name first: the given names follow (`Kim Dae Jung`), or stand before it in
        // Western order (`Pyong-choon Hahm`).
        let best: Option = { person, start, end: i, full: false };
        for (let n = 3; n >= 1 && !best.full; n--) {
          const after = tokens.slice(i + 1, i + 1 + n);
          if (
            after.length === n &&
            after.every((a, k) => isCapitalized(a) && joined(source, tokens[i + k] as Token, a))
          ) {
            if (person.givenKeys.includes(givenKey(after.map((a) => a.text))))
              best = { person, start, end: i + n, full: true };
          }
          const before = tokens.slice(Math.max(0, i - n), i);
          if (
            !best.full &&
            before.length === n &&
            before.every((b, k) => isCapitalized(b) && joined(source, b, tokens[i - n + k + 1] as Token))
          ) {
            if (person.givenKeys.includes(givenKey(before.map((b) => b.text))))
              best = { person, start: i - n, end: i, full: true };
          }
        }
        out.push(best);
        continue;
      }
      // Western order: given names and initials before the surname.
      let g = start - 1;
      const given: Token[] = [];
      while (g >= 0) {
        const tk = tokens[g] as Token;
        if (
          !joined(source, tk, tokens[g + 1] as Token) ||
          !isCapitalized(tk) ||
          (TITLES.has(tk.word) && !tk.initial)
        )
          break;
        if (!(tk.initial || allGiven.has(tk.word) || givenMatches(person, tk))) break;
        given.unshift(tk);
        g--;
      }
      if (given.length === 0) {
        out.push({ person, start, end: i, full: false });
      } else if (given.every((tk) => givenMatches(person, tk))) {
        start -= given.length;
        out.push({ person, start, end: i, full: true });
      }
      // Given names of someone else (`Robert Murphy` for Charles Murphy): not this person.
    }
    return out;
  };

  /** Title words right before token index `start` (`Foreign Minister`, `Mr.`), folded. */
  const titlesBefore = (start: number): string[] => {
    const out: string[] = [];
    for (let k = start - 1; k >= 0 && out.length < 3; k--) {
      const tk = tokens[k] as Token;
      if (!TITLES.has(tk.word) || !joined(source, tk, tokens[k + 1] as Token)) break;
      out.unshift(tk.word);
    }
    return out;
  };

  const roleMatches = (p: PersonNames, titles: string[]): boolean => {
    const offices = titles.filter((w) => !COURTESY.has(w));
    return (
      offices.length > 0 &&
      offices.every((w) => p.titles.includes(w) || new RegExp(`\\b${w}`).test(p.description))
    );
  };

  interface Found {
    start: number;
    end: number;
    candidates: PersonNames[];
    chosen?: PersonNames;
    weak?: boolean; // a short form: only for a person the document names
  }
  const found: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const opts = optionsAt(i);
    const t = tokens[i] as Token;
    if (opts.length === 0) {
      const short = byShort.get(t.word);
      // A short form standing alone: not part of a longer name (`Dean Sayre`, `Nicholas deB.`).
      const next = tokens[i + 1];
      const prev = tokens[i - 1];
      const alone =
        !(next && joined(source, t, next) && /\p{Lu}/u.test(next.text)) &&
        !(prev && joined(source, prev, t) && /\p{Lu}/u.test(prev.text));
      if (short && isCapitalized(t) && alone) found.push({ start: i, end: i, candidates: short, weak: true });
      continue;
    }
    const next = tokens[i + 1];
    if (next && joined(source, t, next) && THING_AFTER.has(next.word) && t.rawEnd === t.end) continue;
    if (source[source.slice(t.rawEnd).search(/\S/) + t.rawEnd] === '[') continue; // `Herter [Hertz]`: the correction rule's
    const full = opts.filter((o) => o.full);
    const pick = full.length > 0 ? full : opts;
    const start = Math.min(...pick.map((o) => o.start));
    const prev = tokens[start - 1];
    const prevJoined = prev && joined(source, prev, tokens[start] as Token);
    if (prevJoined && THING_BEFORE.has(prev.word)) continue;
    const titles = titlesBefore(start);
    if (titles.some((w) => SPOUSE.has(w))) continue; // `Mrs. Bruce`: the wife, not the ambassador
    if (full.length === 0 && titles.length === 0 && !isAllCaps(t) && lowercase.has(t.word)) {
      // A surname that is also a word the document uses (`Battle`, `Grant`, `Persons`): not at
      // the start of a sentence or a line, where any word is capitalized.
      const before = source.slice(0, (tokens[start] as Token).start).trimEnd();
      if (
        before === '' ||
        /[.!?:"“\n]$/.test(before) ||
        /\n\s*$/.test(source.slice(0, (tokens[start] as Token).start))
      )
        continue;
    }
    const people = [...new Set(pick.map((o) => o.person))];
    let chosen: PersonNames | undefined;
    if (people.length === 1) chosen = people[0];
    else {
      const byRole = people.filter((p) => roleMatches(p, titles));
      if (byRole.length === 1) chosen = byRole[0];
    }
    const end = Math.max(...pick.map((o) => o.end));
    found.push({ start, end, candidates: people, chosen });
  }

  // Overlaps: `Allen Dulles` is one mention, not George Allen and a Dulles; the longer one wins.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Found[] = [];
  for (const f of found) {
    const last = kept.at(-1);
    if (last && f.start <= last.end) {
      if (f.end - f.start > last.end - last.start) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }

  // Still two candidates: the one the document names unambiguously elsewhere, else the one whose
  // dates hold the document's date; else untagged, and said.
  const named = new Set(kept.flatMap((f) => (f.chosen && !f.weak ? [f.chosen.id] : [])));
  // The offices the document speaks of (`the President`, `the Secretary`): the one candidate whose
  // description begins with one of them is the one meant (the Dulles brothers: Secretary of State,
  // Director of Central Intelligence).
  const offices = new Set([...source.matchAll(/\b[Tt]he (\p{Lu}\p{Ll}+)\b/gu)].map((m) => fold(m[1] ?? '')));
  const office = (p: PersonNames): string | undefined => {
    const head = /^[\p{L}-]+/u.exec(p.description)?.[0];
    return head && TITLES.has(head) && !COURTESY.has(head) ? head : undefined;
  };
  const mentions: Mention[] = [];
  const ambiguities: Ambiguity[] = [];
  for (const f of kept) {
    let chosen = f.chosen;
    if (f.weak) {
      const inDoc = f.candidates.filter((p) => named.has(p.id));
      if (inDoc.length !== 1) continue; // not a claim: no diagnostic
      chosen = inDoc[0];
    } else if (!chosen) {
      const inDoc = f.candidates.filter((p) => named.has(p.id));
      const byOffice = f.candidates.filter(
        (p) => office(p) !== undefined && offices.has(office(p) as string),
      );
      // Not yet in office at the document's date: of two, the other one (Eugene Rostow, Under
      // Secretary from October 1966, is not the Mr. Rostow of a 1964 memorandum).
      const inOffice = options.date
        ? f.candidates.filter((p) => !p.inOfficeFrom || (options.date as string) >= p.inOfficeFrom)
        : f.candidates;
      if (inDoc.length === 0 && inOffice.length === 1) chosen = inOffice[0];
      else if (inDoc.length === 1) chosen = inDoc[0];
      // (only when the document names none of them: named both, they are both in play)
      else if (inDoc.length === 0 && byOffice.length === 1) chosen = byOffice[0];
      else if (options.date) {
        const d = options.date;
        const dated = f.candidates.filter(
          (p) => (!p.from || p.from <= d) && (!p.to || d.slice(0, p.to.length) <= p.to),
        );
        if (dated.length === 1 && f.candidates.some((p) => p.from || p.to)) chosen = dated[0];
      }
    }
    const first = tokens[f.start] as Token;
    const last = tokens[f.end] as Token;
    if (chosen) mentions.push({ offset: first.start, length: last.end - first.start, id: chosen.id });
    else
      ambiguities.push({
        offset: first.start,
        word: source.slice(first.start, last.end),
        candidates: f.candidates.map((p) => p.id),
      });
  }
  return { mentions, ambiguities };
}

/** The rule (a `persName` prints the name as the text printed it). */
export const personNamesRule: Rule = { id: 'person-names', family: 'generic' };
