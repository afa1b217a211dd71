import type { Dirent } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { KNOWN_FORMATS } from '../render/formats.ts';

/** Refuses a format nobody renders before anything runs (a usage error: exit 2). */
export function checkFormats(formats: string[]): void {
  const unknown = formats.filter((f) => !KNOWN_FORMATS().includes(f));
  if (unknown.length) {
    throw new UsageError(`unknown format ${unknown.join(', ')}; available: ${KNOWN_FORMATS().join(', ')}`);
  }
}

/** Temporary files a killed build left behind (`.name.xxxx.tmp`): never outputs, so they go. */
export async function sweepTemporaryFiles(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return; // no output folder yet
  }
  for (const e of entries) {
    if (e.isFile() && /^\..+\.[0-9a-f]{12}\.tmp$/.test(e.name))
      await rm(join(e.parentPath, e.name), { force: true });
  }
}
