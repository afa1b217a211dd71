import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
export const SEEDS = join(ROOT, 'sources');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as users do (`node bin/recto.js …`, which `npm run recto --` calls). */
export function recto(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/recto.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** A fresh folder under the system's temporary folder, removed when the test file is done. */
export function tempDir(prefix = 'recto-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Removes the test file's temporary folders (test/support/cleanup.ts calls it after each file):
 * a full run made some 3,700 of them, 17 GB, enough to slow the machine's writes and the bench.
 * `RECTO_KEEP_TMP=1` keeps them, to look into a failure.
 */
export function removeTempDirs(): void {
  if (process.env.RECTO_KEEP_TMP === '1') return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
