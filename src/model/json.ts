import type { z } from 'zod';
import { parseJsonInput } from '../edition/json-input.ts';
import type { ModelEdition } from './edition.ts';
import { MODEL_JSON } from './json-schema.ts';

/**
 * The edition model as JSON, both ways (as pandoc's `-t json` / `-f json`): what `recto model
 * FILE.xml --json` prints, and what the writers' golden tests start from
 * (test/fixtures/writers/*.model.json), so a writer is tested with no TEI reader in front of it.
 *
 * The shape is the model's own (src/model/edition.ts, types.ts), field for field:
 *
 *     { "meta": {…}, "introduction"?: [block…], "documents": [{…, "blocks": [block…]}…],
 *       "unknown": [{ "name", "at"?, "count" }…], "register": [entry…],
 *       "mentions": [["<entry id>", [mention…]]…] }
 *
 * with one change: `mentions`, a Map, is written as its entries in order (`[key, value]` pairs).
 * A field the model leaves undefined is left out, so reading gives back a model equal to the one
 * written (deep equality, where an absent field and an undefined one are the same).
 */
export function modelToJson(edition: ModelEdition): string {
  const { mentions, ...rest } = edition;
  return `${JSON.stringify({ ...rest, mentions: [...mentions] }, null, 2)}\n`;
}

/**
 * Reads the model back from its JSON, checked field by field against the model's types (a wrong
 * or unknown field, a kind that does not exist: an InputError at the file's line:column, rule
 * `model-invalid`, `model-unknown-field` …).
 */
export function modelFromJson(text: string, file: string): ModelEdition {
  const { mentions, ...rest } = checked(text) ?? parseJsonInput(text, file, MODEL_JSON, 'model').data;
  return { ...rest, mentions: new Map(mentions) };
}

/**
 * The data when the text is a valid model. The located reading (parseJsonInput) builds a syntax
 * tree of the whole text to say where each mistake is: for a volume's model (20 MB) that is 1.6 s
 * of 2.2, so it is built only when there is a mistake to report.
 */
function checked(text: string): z.output<typeof MODEL_JSON> | undefined {
  try {
    const result = MODEL_JSON.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
