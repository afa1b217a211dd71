import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { located } from '../edition/json-input.ts';
import { InputError } from '../errors.ts';
import { parseTeiRegister } from '../model/register.ts';
import { registerFromCsv } from './import-csv.ts';
import { registerFromJson } from './import-json.ts';
import type { Register } from './types.ts';

/** A register file by its extension: `.json`, `.csv`, or TEI (`.xml`). Ids must be unique. */
export function parseRegister(text: string, file: string): Register {
  const ext = extname(file).toLowerCase();
  const register =
    ext === '.json'
      ? registerFromJson(text, file)
      : ext === '.csv'
        ? registerFromCsv(text, file)
        : parseTeiRegister(text, file);
  const ids = new Set<string>();
  for (const e of register.entries) {
    if (ids.has(e.id))
      throw new InputError(
        `${secondUse(text, file, e.id)}: error [register-invalid] the id "${e.id}" is used twice`,
      );
    ids.add(e.id);
  }
  return register;
}

/** `file:line:column` of an id's second use as a whole word (`"p1"`, `xml:id="p1"`, a CSV cell). */
function secondUse(text: string, file: string, id: string): string {
  const uses = [...text.matchAll(new RegExp(`(?<![\\w.-])${id.replace(/[.]/g, '\\.')}(?![\\w.-])`, 'g'))];
  return located(file, text, uses[1]?.index ?? 0);
}

export async function loadRegister(file: string): Promise<Register> {
  return parseRegister(await readFile(file, 'utf8'), file);
}
