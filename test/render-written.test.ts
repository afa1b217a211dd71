import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recto, tempDir } from './support/run.ts';
import { tree } from './support/tree.ts';

// `recto render` into a folder it rendered into before: what it wrote then and does not make now
// goes (as after `recto build`), a file someone else put there stays, and the folder then holds what
// a render into an empty folder holds.
describe('recto render: the output folder holds what it makes', () => {
  it('removes the pages of documents the new TEI lacks, never a file it did not write', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const render = (file: string, to: string): void => {
      const r = recto(
        ['render', join(ROOT, 'test/fixtures/any-tei', file), '--out', to, '--formats', 'html'],
        {
          env,
        },
      );
      expect(r.status, r.stderr).toBe(0);
    };
    render('drama.xml', out);
    const before = readdirSync(join(out, 'html', 'docs'));
    expect(before.length).toBeGreaterThan(0);
    writeFileSync(join(out, 'html', 'docs', 'proof-notes.txt'), 'mine');
    render('letter.xml', out);
    const clean = join(dir, 'clean');
    render('letter.xml', clean);
    const after = tree(out);
    expect(after.get(join('html', 'docs', 'proof-notes.txt'))).toBeDefined();
    after.delete(join('html', 'docs', 'proof-notes.txt'));
    expect([...after.keys()].sort()).toEqual([...tree(clean).keys()].sort());
    expect(after).toEqual(tree(clean));
    expect(existsSync(join(out, '.written.json'))).toBe(true);
  });
});
