import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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

export const tempDir = (prefix = 'recto-'): string => mkdtempSync(join(tmpdir(), prefix));
