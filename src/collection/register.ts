import type { RegisterEntry } from '../register/types.ts';
import { escapeAttr, escapeHtml } from '../render/html/escape.ts';
import { registerFile } from '../render/html/register-links.ts';
import { fill, readTemplate } from '../render/template.ts';
import type { CollectionManifest } from './manifest.ts';

/** A volume's persons, as the collection's register reads them: its entries and how many documents name each. */
export interface VolumePersons {
  id: string;
  title: string;
  /** The volume's site folder (`<id>/html/`), when its HTML was built: its register pages are there. */
  site?: string;
  persons: { entry: RegisterEntry; documents: number }[];
}

/** One volume's entry of a person. */
export interface PersonInVolume {
  volume: VolumePersons;
  entry: RegisterEntry;
  documents: number;
}

/** A person of the collection's register: one entry, or several volumes' entries that agree. */
export interface CollectionPerson {
  key: string;
  name: string;
  /** The volumes' entries of this person, in the manifest's order. */
  entries: PersonInVolume[];
  /** Other persons the same key stands for in other volumes (their registers disagree): listed apart. */
  apart: string[];
}

/**
 * Two entries are one person when their registers agree: the same key (the id the TEI points at)
 * and the same name, read without case, accents, spacing or the dots of initials
 * (`Bruce, David K. E.` = `Bruce, David K.E.`), and no authority id or date that differs. A key whose
 * names differ (`p_HD1`: Halperin, David in one volume, Hammarskjöld, Dag in another; or `Wheeler,
 * Earle G.` and `Wheeler, General Earle G.`) is not merged: a register key is each volume's own,
 * and a name that differs may be another person; the page lists them apart and says so.
 */
export const nameKey = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.\s]+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();

const agree = (a: RegisterEntry, b: RegisterEntry): boolean =>
  nameKey(a.name) === nameKey(b.name) &&
  Object.entries(a.authorities).every(([k, v]) => b.authorities[k] === undefined || b.authorities[k] === v) &&
  (a.from === undefined || b.from === undefined || a.from === b.from) &&
  (a.to === undefined || b.to === undefined || a.to === b.to);

/** The persons of every volume, merged by register key where the registers agree; sorted by name. */
export function crossRegister(volumes: VolumePersons[]): CollectionPerson[] {
  const byKey = new Map<string, CollectionPerson[]>();
  for (const volume of volumes)
    for (const { entry, documents } of volume.persons) {
      const people = byKey.get(entry.id) ?? [];
      const same = people.find((p) => p.entries.every((e) => agree(e.entry, entry)));
      if (same) same.entries.push({ volume, entry, documents });
      else
        people.push({ key: entry.id, name: entry.name, entries: [{ volume, entry, documents }], apart: [] });
      byKey.set(entry.id, people);
    }
  const all: CollectionPerson[] = [];
  for (const people of byKey.values()) {
    for (const p of people) p.apart = people.filter((o) => o !== p).map((o) => o.name);
    all.push(...people);
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return all.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.key, b.key));
}

const anchor = (p: CollectionPerson, k: number): string =>
  `person-${p.key.replace(/[^A-Za-z0-9_-]/g, '-')}${k ? `-${k + 1}` : ''}`;

function personItem(p: CollectionPerson, id: string): string {
  const entries = p.entries.map(({ volume, entry, documents }) => {
    const title = escapeHtml(volume.title);
    const page = volume.site ? `${volume.site}${registerFile(entry.id)}` : undefined;
    const named = `${documents} ${documents === 1 ? 'document' : 'documents'}`;
    const what = entry.description ? ` — ${escapeHtml(entry.description)}` : '';
    const head = page ? `<a href="${escapeAttr(page)}">${title}</a>` : title;
    const spelled = entry.name !== p.name ? ` (as ${escapeHtml(entry.name)})` : '';
    return `<li>${head}${spelled}${what} <span class="register-count">(${named})</span></li>`;
  });
  const apart = p.apart.length
    ? `<p class="register-apart">Listed apart: the key ${escapeHtml(p.key)} stands for ${p.apart
        .map(escapeHtml)
        .join('; ')} in ${p.apart.length === 1 ? 'another volume' : 'other volumes'}, whose register${
        p.apart.length === 1 ? ' gives' : 's give'
      } another name.</p>`
    : '';
  const merged =
    p.entries.length > 1
      ? `<p class="register-merged">In ${p.entries.length} volumes, whose registers agree (key ${escapeHtml(p.key)}).</p>`
      : '';
  return `<li class="register-person" id="${id}">
<h3>${escapeHtml(p.name)}</h3>
${merged}${apart}<ul class="register-volumes">
${entries.join('\n')}
</ul>
</li>`;
}

/** The page of the collection's register (`register.html`): persons by initial, each with their volumes. */
export function registerPage(
  manifest: CollectionManifest,
  people: CollectionPerson[],
  volumes: number,
): string {
  const seen = new Map<string, number>();
  const initials = new Map<string, string[]>();
  for (const p of people) {
    const k = seen.get(p.key) ?? 0;
    seen.set(p.key, k + 1);
    const initial = nameKey(p.name).charAt(0).toUpperCase() || '#';
    const letter = /[A-Z]/.test(initial) ? initial : '#';
    initials.set(letter, [...(initials.get(letter) ?? []), personItem(p, anchor(p, k))]);
  }
  const letterId = (l: string): string => `letter-${l === '#' ? 'other' : l.toLowerCase()}`;
  const sections = [...initials.entries()].map(
    ([letter, items]) =>
      `<section aria-labelledby="${letterId(letter)}">\n<h2 id="${letterId(letter)}">${letter}</h2>\n<ul class="register-people">\n${items.join('\n')}\n</ul>\n</section>`,
  );
  const letters = [...initials.keys()]
    .map((l) => `<li><a href="#${letterId(l)}">${l === '#' ? 'Other' : l}</a></li>`)
    .join('');
  const merged = people.filter((p) => p.entries.length > 1).length;
  const apart = people.filter((p) => p.apart.length > 0).length;
  return fill(
    readTemplate('collection', 'register.html'),
    {
      lang: manifest.language,
      title: manifest.title,
      style: readTemplate('collection', 'style.css'),
      summary: `${people.length} persons from the registers of ${volumes} volumes: ${merged} named in several volumes whose registers agree (merged), ${apart} listed apart where one key stands for persons of different names.`,
      letters,
      people: sections.join('\n'),
    },
    'collection/register.html',
  );
}
