import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchFiles } from '../src/preview/watch.ts';
import { tempDir } from './support/run.ts';

/** `recto preview` rebuilds once for a burst of changes (an editor's save, a checkout), not once per file. */
describe('the preview’s watcher', () => {
  it('reports a burst of changes to several files once, and a later change on its own; ignores the output folder', async () => {
    const dir = tempDir('recto-watch-');
    const out = join(dir, 'output');
    mkdirSync(out);
    for (const f of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(dir, f), 'x');
    const calls: string[][] = [];
    const watcher = watchFiles(
      [dir],
      [out],
      (files) => calls.push(files.map((f) => f.slice(dir.length + 1))),
      150,
    );
    await watcher.ready;
    try {
      for (const f of ['a.txt', 'b.txt', 'c.txt', 'a.txt']) writeFileSync(join(dir, f), `changed ${f}`);
      writeFileSync(join(dir, 'd.txt'), 'new');
      await new Promise((done) => setTimeout(done, 800));
      expect(calls).toEqual([['a.txt', 'b.txt', 'c.txt', 'd.txt']]);
      writeFileSync(join(dir, 'b.txt'), 'again');
      await new Promise((done) => setTimeout(done, 800));
      expect(calls).toHaveLength(2);
      expect(calls[1]).toEqual(['b.txt']);
      // what the build writes is not a change to build from
      writeFileSync(join(out, 'index.html'), 'built');
      await new Promise((done) => setTimeout(done, 800));
      expect(calls).toHaveLength(2);
    } finally {
      await watcher.close();
    }
  });
});
