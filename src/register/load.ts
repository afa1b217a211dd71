import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors.ts';
import { parseTei } from '../tei/read.ts';
import { registerFromCsv } from './import-csv.ts';
import { registerFromJson } from './import-json.ts';
import { registerFromTei } from './import-tei.ts';
import type { Register } from './types.ts';

/** A register file by its extension: `.json`, `.csv`, or TEI (`.xml`). Ids must be unique. */
export function parseRegister(text: string, file: string): Register {
  const ext = extname(file).toLowerCase();
  const register =
    ext === '.json'
      ? registerFromJson(text, file)
      : ext === '.csv'
        ? registerFromCsv(text, file)
        : registerFromTei(parseTei(text, file));
  const ids = new Set<string>();
  for (const e of register.entries) {
    if (ids.has(e.id))
      throw new InputError(`${file}:1:1: error [register-invalid] the id "${e.id}" is used twice`);
    ids.add(e.id);
  }
  return register;
}

export async function loadRegister(file: string): Promise<Register> {
  return parseRegister(await readFile(file, 'utf8'), file);
}
