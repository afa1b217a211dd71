import { z } from 'zod';
import { parseJsonInput } from '../edition/json-input.ts';
import type { EntityType, Register, RegisterEntry } from './types.ts';

/**
 * A register as JSON: `{ "persons": [ … ], "places": [ … ], "orgs": [ … ] }`, each entry
 * `{ "id", "name", "variants"?, "description"?, "from"?, "to"?, "authorities"? }`; `wikidata` and
 * `viaf` may also stand on the entry itself. Unknown fields are errors, as in `edition.json`.
 */
const Id = z.string().regex(/^[A-Za-z_][A-Za-z0-9._-]*$/, 'an XML name (letters, digits, . _ -)');
const Day = z.string().regex(/^-?\d{4}(-\d\d(-\d\d)?)?$/, 'an ISO 8601 date');
const Entry = z
  .object({
    id: Id,
    name: z.string().min(1),
    variants: z.array(z.string().min(1)).optional(),
    description: z.string().optional(),
    from: Day.optional(),
    to: Day.optional(),
    wikidata: z
      .string()
      .regex(/^Q\d+$/, 'a Wikidata id such as Q295120')
      .optional(),
    viaf: z.string().regex(/^\d+$/, 'a VIAF number').optional(),
    authorities: z.record(z.string(), z.string().min(1)).optional(),
  })
  .strict();
const RegisterFile = z
  .object({
    persons: z.array(Entry).optional(),
    places: z.array(Entry).optional(),
    orgs: z.array(Entry).optional(),
  })
  .strict();

type EntryInput = z.infer<typeof Entry>;

export function entryFrom(e: EntryInput, type: EntityType): RegisterEntry {
  const authorities: Record<string, string> = { ...e.authorities };
  if (e.wikidata) authorities.wikidata = e.wikidata;
  if (e.viaf) authorities.viaf = e.viaf;
  return {
    id: e.id,
    type,
    name: e.name,
    variants: e.variants ?? [],
    description: e.description,
    from: e.from,
    to: e.to,
    authorities,
  };
}

export function registerFromJson(text: string, file: string): Register {
  const r = parseJsonInput(text, file, RegisterFile, 'register').data;
  return {
    entries: [
      ...(r.persons ?? []).map((e) => entryFrom(e, 'person')),
      ...(r.places ?? []).map((e) => entryFrom(e, 'place')),
      ...(r.orgs ?? []).map((e) => entryFrom(e, 'org')),
    ],
  };
}
