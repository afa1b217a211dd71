/**
 * An edition's register: the persons, places and organisations its documents name, each with an
 * id the TEI points at (`persName ref="#id"`), the forms the texts use, and authority ids
 * (Wikidata, VIAF …) that are the user's to state: Recto never looks them up.
 */
export type EntityType = 'person' | 'place' | 'org';

export interface RegisterEntry {
  id: string; // an XML name: the target of `ref="#id"`
  type: EntityType;
  /** The preferred form, as a register sorts it: `Kennan, George F.`; `Sato Eisaku` (family name first). */
  name: string;
  /** Other forms the texts use (`Kim Tae-jung`, `Livie Merchant`). */
  variants: string[];
  /** Role or description (`Counselor of the Department of State from March 1960`). */
  description?: string;
  /** Life or office dates, ISO 8601 (`1904`, `1904-02-16`): used to tell two persons of one name apart. */
  from?: string;
  to?: string;
  /** Authority ids by scheme: `{ wikidata: "Q295120", viaf: "…" }`. */
  authorities: Record<string, string>;
}

export interface Register {
  entries: RegisterEntry[];
}

/** The URL of an authority id, for the schemes whose URL form is known. */
export function authorityUrl(scheme: string, id: string): string | undefined {
  switch (scheme.toLowerCase()) {
    case 'wikidata':
      return `https://www.wikidata.org/wiki/${encodeURIComponent(id)}`;
    case 'viaf':
      return `https://viaf.org/viaf/${encodeURIComponent(id)}`;
    case 'gnd':
      return `https://d-nb.info/gnd/${encodeURIComponent(id)}`;
    case 'lccn':
      return `https://id.loc.gov/authorities/names/${encodeURIComponent(id)}`;
    default:
      return undefined;
  }
}
