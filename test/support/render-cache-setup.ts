import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest's global setup (vitest.config.ts): the folder of the run's shared renders
 * (support/render-cache.ts), made under the OS temp folder before the first test file and removed
 * when the run ends. Each lane's project runs this setup: the first makes the folder and says where
 * in RECTO_TEST_CACHE, which the test workers inherit; the others find it set. A folder given in
 * RECTO_TEST_CACHE beforehand is used and kept (its keys hold the code's hash: safe to reuse).
 * `RECTO_KEEP_TMP=1` keeps it, to look into a failure.
 */
const PREFIX = 'recto-test-cache-';
const STALE_MS = 24 * 3600_000;

export default function setup(): (() => void) | undefined {
  if (process.env.RECTO_TEST_CACHE) return undefined;
  // a run that was killed leaves its folder behind: gone after a day
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const path = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // (another run removed it first)
    }
  }
  const dir = mkdtempSync(join(tmpdir(), PREFIX));
  process.env.RECTO_TEST_CACHE = dir;
  return () => {
    delete process.env.RECTO_TEST_CACHE;
    if (process.env.RECTO_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
  };
}
