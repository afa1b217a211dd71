import type { Diagnostic } from '../diagnostics.ts';
import { type NormalizeOptions, normalize } from '../normalize/index.ts';
import { type Profile, profiled, timeSync } from '../profile.ts';
import { serializeTei } from '../tei/write.ts';
import { type CarriedError, carryErrors } from './carried-error.ts';

/**
 * One document's normalization as the build runs it, in a worker thread or inline: plain data in
 * (the source's bytes and options), plain data out (the serialized TEI and its diagnostics), so
 * the result can cross threads and be cached as it is.
 */
export interface NormalizeTask {
  kind: 'normalize';
  bytes: Uint8Array;
  options: NormalizeOptions;
}

export interface NormalizedXml {
  xml: string;
  diagnostics: Diagnostic[];
  paragraphs?: [number, string][]; // each paragraph's first source line and xml:id
}

export function runNormalizeTask(task: NormalizeTask): NormalizedXml {
  return timeSync('normalize', () => {
    const result = normalize(task.bytes, task.options);
    return { xml: serializeTei(result.tei), diagnostics: result.diagnostics, paragraphs: result.paragraphs };
  });
}

/** The task as a worker thread runs it: an error the CLI explains comes back as data. */
export const runNormalizeTaskInThread = (
  task: NormalizeTask,
): Promise<{ value: NormalizedXml | CarriedError; profile: Profile; seconds: number }> =>
  profiled(() => carryErrors(() => runNormalizeTask(task)));
