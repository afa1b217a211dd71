import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RectoError } from '../src/errors.ts';
import { threadPool } from '../src/pipeline/pool.ts';
import { CORPUS } from './support/corpus-truth.ts';
import { recto, tempDir } from './support/run.ts';

/**
 * The build's worker threads: they load the TypeScript sources from wherever `recto` is run, and
 * a thread that cannot start fails the build with a message instead of leaving it waiting (Node
 * then ended it with exit 13 and nothing said).
 */
describe('worker threads', () => {
  it('build an edition large enough for threads when recto runs from another folder', () => {
    const sources = tempDir();
    let bytes = 0;
    for (const f of readdirSync(CORPUS)
      .filter((n) => n.endsWith('.txt'))
      .sort()) {
      if (bytes > 400 * 1024) break; // past the size from which renders go to threads (256 KB)
      copyFileSync(join(CORPUS, f), join(sources, f));
      bytes += statSync(join(CORPUS, f)).size;
    }
    const out = tempDir();
    const r = recto(['build', '--sources', sources, '--out', out, '--formats', 'tei,html', '--jobs', '2'], {
      cwd: tmpdir(),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/render: html/);
  }, 120_000);

  it('fail every waiting task with a clear error when a thread cannot start', async () => {
    const pool = threadPool(2, ['--import', 'no-such-loader-for-recto']);
    try {
      const task = pool.render({
        kind: 'render',
        format: 'html',
        edition: {
          meta: { id: 'e', title: 'E', language: 'en' },
          documents: [],
          unknown: [],
          register: [],
          mentions: new Map(),
        },
        outDir: tempDir(),
        options: { formats: ['html'], downloads: [], masterFile: 'edition.xml', documentTei: new Map() },
      });
      await expect(task).rejects.toThrow(RectoError);
      await expect(task).rejects.toThrow(/^a worker thread failed: .*no-such-loader-for-recto.*--jobs 1/);
      // a task asked for afterwards fails the same way, and the pool still closes cleanly
      const later = pool.normalize({} as Parameters<typeof pool.normalize>[0]);
      await expect(later).rejects.toThrow(/^a worker thread failed: /);
    } finally {
      await expect(pool.close()).resolves.toBeUndefined();
    }
  }, 60_000);
});
