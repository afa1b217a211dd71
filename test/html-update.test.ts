import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TeiMaster } from '../src/model/master.ts';
import { build } from '../src/pipeline/build.ts';
import { publishChanges } from '../src/pipeline/index.ts';
import { silentReporter } from '../src/report.ts';
import { SEEDS, tempDir } from './support/run.ts';

/**
 * Issue #18's quick path (`recto preview`): the pages an edit shows in, written from the master
 * tree the preview keeps — the register's pages among them: an edit that names a person adds a
 * mention to that person's page before any full build runs.
 */
describe('the preview’s quick path', () => {
  it('rewrites the register page of a person an edit names, and only the pages the edit changes', async () => {
    const sources = tempDir();
    cpSync(SEEDS, sources, { recursive: true });
    const out = tempDir();
    await build({ sources, out, formats: ['tei', 'html'], reporter: silentReporter });
    const page = (name: string): string => readFileSync(join(out, 'html', name), 'utf8');
    // 004 (Wallace's letter) does not name Litvinov
    const before = page('register/litvinov.html');
    expect(before).not.toContain('docs/d004');

    appendFileSync(join(sources, '004_6169f971afa7be48.txt'), '\nLitvinov wrote to Wallace again.\n');
    const result = await build({ sources, out, formats: ['tei'], reporter: silentReporter });
    expect(result.changed).toEqual(['004_6169f971afa7be48']);
    const master = new TeiMaster(join(out, 'tei', 'edition.xml'));
    const changed = (await master.edition()).documents.findIndex((d) => d.id === 'd004_6169f971afa7be48');
    expect(changed).toBeGreaterThan(0);
    const text = await master.replaceDocument(changed, join(out, 'tei', '004_6169f971afa7be48.xml'));
    expect(text).toBeDefined();
    const written = await publishChanges(
      master,
      ['tei', 'html'],
      { positions: [changed], tei: new Map([['d004_6169f971afa7be48', text ?? '']]) },
      { out, reporter: silentReporter },
    );

    expect(written).toContain('register/litvinov.html');
    expect(written).toContain('register/wallace.html');
    expect(written).toContain('register/index.html');
    // the persons the edit does not touch keep their pages as they were
    expect(written).not.toContain('register/kennan.html');
    expect(page('register/litvinov.html')).toMatch(/href="\.\.\/docs\/d004_6169f971afa7be48\.html#[^"]+"/);
  }, 120_000);
});
