import type { Dirent } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.ts';
import { knownFormats } from '../render/writers.ts';
import { didYouMean } from '../text/nearest.ts';

/** Refuses a format the command does not make before anything runs (a usage error: exit 2). */
export function checkFormats(formats: string[], available: readonly string[] = knownFormats()): void {
  const unknown = formats.filter((f) => !available.includes(f));
  if (unknown.length) {
    // (a slip gets the nearest format: `htm` → did you mean "html"?)
    const near = unknown.map((f) => didYouMean(f, available)).find(Boolean) ?? '';
    throw new UsageError(`unknown format ${unknown.join(', ')}; available: ${available.join(', ')}${near}`);
  }
}

/** `--assets DIR`: a folder that exists (a mistyped folder would make every image a placeholder). */
export async function checkAssets(folder: string | undefined): Promise<void> {
  if (folder === undefined) return;
  let isFolder = false;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch {
    // (not there)
  }
  if (!isFolder) throw new InputError(`--assets ${folder}: no such folder`);
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
