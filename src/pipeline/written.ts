import { readFileSync } from 'node:fs';
import { readdir, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeIfChanged } from '../fs/write-if-changed.ts';

/**
 * What Recto wrote in an output folder, by format (`output/.written.json`): the next build removes
 * the files it wrote before and no longer makes — a document taken out of the edition or renamed
 * leaves no `tei/003_….xml` or `html/docs/d003_….html` published — and never touches a file it did
 * not write. A build removes only within the formats it makes: `--formats tei` after a full build
 * leaves the site alone (not updated, not removed). Kept even with `--no-cache`: it is not a cache
 * but the record of what is ours.
 */
export const WRITTEN_FILE = '.written.json';

/** Files by format: paths relative to the output folder, with `/`, sorted. */
export type WrittenFiles = Record<string, string[]>;

export function readWritten(out: string): WrittenFiles {
  try {
    const value = JSON.parse(readFileSync(join(out, WRITTEN_FILE), 'utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const written: WrittenFiles = {};
    for (const [format, files] of Object.entries(value)) {
      if (Array.isArray(files)) written[format] = files.filter((f): f is string => typeof f === 'string');
    }
    return written;
  } catch {
    return {}; // none yet (or unreadable): nothing is known to be ours, so nothing is removed
  }
}

/** A recorded path that stays inside the output folder (a hand-edited record cannot reach out). */
function inside(out: string, path: string): string | undefined {
  const full = resolve(out, path);
  const rel = relative(resolve(out), full);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) && rel !== WRITTEN_FILE ? full : undefined;
}

/**
 * Records this build's files (absolute or relative to `out`) by format, and removes the files the
 * previous builds of those formats wrote that this one did not, with the folders that leaves empty
 * (never the output folder itself). Returns the removed paths, relative to `out`.
 */
export async function recordWritten(out: string, built: Record<string, string[]>): Promise<string[]> {
  const before = readWritten(out);
  const after: WrittenFiles = { ...before };
  const now = Object.entries(built).map(
    ([format, files]) =>
      [
        format,
        [...new Set(files.map((f) => relative(out, resolve(out, f)).split(sep).join('/')))].sort(),
      ] as const,
  );
  // (a file two formats share — none today — stays while either still makes it)
  const kept = new Set(now.flatMap(([, files]) => files));
  const removed: string[] = [];
  const emptied = new Set<string>();
  for (const [format, files] of now) {
    for (const old of before[format] ?? []) {
      const full = kept.has(old) ? undefined : inside(out, old);
      if (!full) continue;
      await rm(full, { force: true });
      removed.push(old);
      emptied.add(dirname(full));
    }
    after[format] = files;
  }
  for (const dir of [...emptied].sort((a, b) => b.length - a.length)) await removeEmpty(out, dir);
  const sorted = Object.fromEntries(Object.entries(after).sort(([a], [b]) => a.localeCompare(b)));
  await writeIfChanged(join(out, WRITTEN_FILE), `${JSON.stringify(sorted, null, 1)}\n`);
  return removed.sort();
}

/** Removes `dir` and its parents while they are empty, up to (not including) the output folder. */
async function removeEmpty(out: string, dir: string): Promise<void> {
  const root = resolve(out);
  for (let d = resolve(dir); d !== root && d.startsWith(root + sep); d = dirname(d)) {
    try {
      if ((await readdir(d)).length > 0) return;
      await rmdir(d);
    } catch {
      return;
    }
  }
}
