import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readWritten, recordWritten, WRITTEN_FILE } from '../pipeline/written.ts';

/**
 * Records what the collection wrote (`out/.written.json`): its own pages and search index, and each
 * volume's files as that volume's build recorded them (`out/<id>/.written.json`). The next build
 * removes what it no longer makes — the index files of an earlier, larger collection, a volume taken
 * out of the manifest — and never a file it did not write (a file a user put beside a volume's is
 * in no record). Returns the removed paths, relative to `out`.
 */
export async function recordCollectionWritten(
  out: string,
  own: string[],
  volumeIds: string[],
): Promise<string[]> {
  const volumes = volumeIds.flatMap((id) => [
    `${id}/${WRITTEN_FILE}`,
    ...Object.values(readWritten(join(out, id))).flatMap((files) => files.map((f) => `${id}/${f}`)),
  ]);
  const removed = await recordWritten(out, { collection: own, volumes });
  // A volume no longer built (its record removed): its build cache goes with its files (Recto's own
  // folder), then the volume's folder if nothing else is left in it.
  const dropped = removed
    .filter((f) => f.endsWith(`/${WRITTEN_FILE}`) && f.indexOf('/') === f.length - WRITTEN_FILE.length - 1)
    .map((f) => f.slice(0, -WRITTEN_FILE.length - 1));
  for (const id of dropped) {
    await rm(join(out, id, '.cache'), { recursive: true, force: true });
    await rmdir(join(out, id)).catch(() => undefined); // a user's file keeps the folder
  }
  return removed;
}
