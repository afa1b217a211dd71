import { InputError } from '../errors.ts';
import { entryFrom } from './import-json.ts';
import type { EntityType, Register } from './types.ts';

/**
 * A register as CSV (RFC 4180: commas, double quotes), one entry a row, the first row naming the
 * columns: `id` and `name` required; `type` (person, place, org; default person), `variants`
 * (separated by `|`), `description`, `from`, `to`, `wikidata`, `viaf`.
 */
function rows(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c !== '')) out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((c) => c !== '')) out.push(row);
  return out;
}

const TYPES: Record<string, EntityType> = { person: 'person', place: 'place', org: 'org' };

export function registerFromCsv(text: string, file: string): Register {
  const [head, ...body] = rows(text.replace(/^\uFEFF/, ''));
  const columns = (head ?? []).map((c) => c.trim().toLowerCase());
  for (const required of ['id', 'name']) {
    if (!columns.includes(required))
      throw new InputError(`${file}:1:1: error [register-invalid] no "${required}" column`);
  }
  return {
    entries: body.map((cells, k) => {
      const get = (name: string): string | undefined => {
        const v = cells[columns.indexOf(name)]?.trim();
        return columns.includes(name) && v ? v : undefined;
      };
      const type = TYPES[get('type') ?? 'person'];
      const id = get('id');
      const name = get('name');
      if (!type || !id || !name || !/^[A-Za-z_][A-Za-z0-9._-]*$/.test(id))
        throw new InputError(
          `${file}:${k + 2}:1: error [register-invalid] a row needs an id (an XML name), a name and a type person, place or org`,
        );
      return entryFrom(
        {
          id,
          name,
          variants: get('variants')
            ?.split('|')
            .map((v) => v.trim())
            .filter(Boolean),
          description: get('description'),
          from: get('from'),
          to: get('to'),
          wikidata: get('wikidata'),
          viaf: get('viaf'),
        },
        type,
      );
    }),
  };
}
