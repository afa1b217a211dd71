import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, stageFingerprint, stageInputs } from '../src/cache/fingerprint.ts';
import { build } from '../src/pipeline/build.ts';
import { terminalProgress } from '../src/pipeline/progress.ts';
import { silentReporter } from '../src/report.ts';
import { ROOT, recto, SEEDS, tempDir } from './support/run.ts';
import { tree } from './support/tree.ts';

/** Issue #7: threads, the content-hash cache, progress, shards — each proven on real builds. */
const env = { SOURCE_DATE_EPOCH: '1700000000' };
const EDITED = '001_39edde1195e6049d.txt';
const CACHE = /^\.cache(\/|$)/;

function seedCopy(): string {
  const dir = tempDir();
  cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

const edit = (sources: string): void => {
  const file = join(sources, EDITED);
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('contemplated meeting', 'contemplated great meeting'),
  );
};

describe('threads', () => {
  it('a build on worker threads writes the same bytes as a build on one thread', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = env.SOURCE_DATE_EPOCH;
    try {
      const sources = seedCopy();
      const [one, many] = [tempDir(), tempDir()];
      const formats = ['tei', 'html', 'epub', 'pdf'];
      const common = { sources, formats, reporter: silentReporter, cache: false };
      await build({ ...common, out: one, jobs: 1 });
      // Thresholds at zero: the seeds are small enough to be done on one thread otherwise.
      const threaded = await build({
        ...common,
        out: many,
        jobs: 2,
        threadsFrom: { normalize: 0, render: 0 },
      });
      expect(threaded.threads).toBe(2); // it did run on the pool
      const reference = tree(one);
      expect(reference.size).toBeGreaterThan(10);
      expect(tree(many)).toEqual(reference);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

describe('the build cache (output/.cache)', () => {
  it('after a one-document edit, rebuilds that document only and writes the bytes of a clean build', () => {
    const sources = seedCopy();
    const out = tempDir();
    expect(recto(['build', '--sources', sources, '--out', out], { env }).status).toBe(0);
    const before = statSync(join(out, 'tei/000_048167f9c0b3e719.xml')).mtimeMs;
    const page = join(out, 'html/docs/d000_048167f9c0b3e719.html');
    const pageBefore = statSync(page).mtimeMs;

    const same = recto(['build', '--sources', sources, '--out', out], { env });
    expect(same.stderr).toMatch(/normalize: 5 documents \(5 unchanged, from the cache\)/);
    expect(same.stderr).toMatch(/render: nothing rendered; html, epub, pdf up to date/);

    edit(sources);
    const again = recto(['build', '--sources', sources, '--out', out], { env });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/normalize: 5 documents \(4 unchanged, from the cache\)/);
    // an unchanged document's TEI and HTML page are not even rewritten (a deploy uploads the edit)
    expect(statSync(join(out, 'tei/000_048167f9c0b3e719.xml')).mtimeMs).toBe(before);
    expect(statSync(page).mtimeMs).toBe(pageBefore);

    const clean = tempDir();
    expect(recto(['build', '--sources', sources, '--out', clean, '--no-cache'], { env }).status).toBe(0);
    const reference = tree(clean);
    expect(reference.has('tei/edition.xml')).toBe(true);
    expect(tree(out, CACHE)).toEqual(reference);
  });

  it('with --formats tei,html, a one-document edit rewrites that document’s TEI, page and TEI download, the master and the search index — no other file', () => {
    const sources = seedCopy();
    const out = tempDir();
    const args = ['build', '--sources', sources, '--out', out, '--formats', 'tei,html'];
    expect(recto(args, { env }).status).toBe(0);
    const times = (): Map<string, number> => {
      const m = new Map<string, number>();
      for (const name of tree(out, CACHE).keys()) m.set(name, statSync(join(out, name)).mtimeMs);
      return m;
    };
    const before = times();
    edit(sources);
    expect(recto(args, { env }).status).toBe(0);
    const after = times();
    const rewritten = [...after.keys()].filter((name) => after.get(name) !== before.get(name)).sort();
    expect(rewritten).toEqual([
      'html/assets/search-index.js',
      'html/docs/d001_39edde1195e6049d.html',
      'html/downloads/edition.xml',
      'html/downloads/tei/d001_39edde1195e6049d.xml',
      'tei/001_39edde1195e6049d.xml',
      'tei/edition.xml',
    ]);
  });

  it('a changed template re-renders its format only; a deleted output is made again', () => {
    const sources = seedCopy();
    const out = tempDir();
    const templates = tempDir();
    cpSync(join(SEEDS, '../templates'), templates, { recursive: true });
    const withTemplates = { ...env, RECTO_TEMPLATES: templates };
    expect(recto(['build', '--sources', sources, '--out', out], { env: withTemplates }).status).toBe(0);

    writeFileSync(
      join(templates, 'html/style.css'),
      `${readFileSync(join(templates, 'html/style.css'), 'utf8')}\n/* house style */\n`,
    );
    const restyled = recto(['build', '--sources', sources, '--out', out], { env: withTemplates });
    expect(restyled.stderr).toMatch(/render: html rendered; epub, pdf up to date/);
    expect(readFileSync(join(out, 'html/assets/style.css'), 'utf8')).toContain('house style');

    writeFileSync(join(out, 'soviet-conduct.epub'), 'damaged');
    const repaired = recto(['build', '--sources', sources, '--out', out], { env: withTemplates });
    expect(repaired.stderr).toMatch(/render: epub rendered; html, pdf up to date/);
  });

  it('a damaged cache entry is a miss, not an error', () => {
    const sources = seedCopy();
    const out = tempDir();
    expect(recto(['build', '--sources', sources, '--out', out, '--formats', 'tei'], { env }).status).toBe(0);
    const entries = [...tree(join(out, '.cache/normalize')).keys()];
    expect(entries.length).toBe(5);
    writeFileSync(join(out, '.cache/normalize', entries[0] as string), '{"sum":"0","value":');
    const r = recto(['build', '--sources', sources, '--out', out, '--formats', 'tei'], { env });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/normalize: 5 documents \(4 unchanged, from the cache\)/);
  });
});

describe('progress and summary', () => {
  it('prints plain stage lines and "N documents, M files, X s" outside a terminal; nothing with --quiet', () => {
    const sources = seedCopy();
    const r = recto(['build', '--sources', sources, '--out', tempDir(), '--formats', 'tei,html']);
    expect(r.stderr).toMatch(/^normalize: 5 documents, [\d.]+ s$/m);
    expect(r.stderr).toMatch(/^render: html, [\d.]+ s$/m);
    expect(r.stderr).toMatch(/^5 documents, \d+ files, [\d.]+ s; \d+ warnings$/m);
    const quiet = recto(['build', '--sources', sources, '--out', tempDir(), '--formats', 'tei', '--quiet']);
    expect(quiet.stderr).toBe('');
  });

  it('draws a live bar on a terminal once the build has run for the delay', () => {
    let written = '';
    const stream = {
      isTTY: true,
      columns: 80,
      write(chunk: string) {
        written += chunk;
        return true;
      },
      cursorTo() {
        return true;
      },
      clearLine() {
        return true;
      },
      moveCursor() {
        return true;
      },
      on() {
        return stream;
      },
      removeListener() {
        return stream;
      },
    };
    const progress = terminalProgress(stream as unknown as NodeJS.WriteStream, 0);
    const stage = progress.stage('normalize', 3);
    // shown as soon as the stage starts (past the delay), before its first step ends
    expect(written).toMatch(/normalize \[.*\] 0\/3 documents/);
    for (let k = 0; k < 3; k++) stage.tick();
    stage.done('3 documents');
    progress.stop();
    expect(written).toMatch(/normalize: 3 documents, [\d.]+ s\n/);
  });
});

describe('shards', () => {
  it('recto merge of `build --shard i/n` outputs gives the bytes of an unsharded build', () => {
    const sources = seedCopy();
    const whole = tempDir();
    expect(recto(['build', '--sources', sources, '--out', whole, '--no-cache'], { env }).status).toBe(0);
    // shard 1 named, 2 read from a Slurm array (ids 0-2), 3 from a Kubernetes Indexed Job (count given)
    const scheduled: [string, Record<string, string>, RegExp | null][] = [
      ['1/3', {}, null],
      [
        'auto',
        { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '3' },
        /shard 2\/3 from Slurm: SLURM_ARRAY_TASK_ID=1/,
      ],
      [
        'auto/3',
        { JOB_COMPLETION_INDEX: '2' },
        /shard 3\/3 from Kubernetes Indexed Job: JOB_COMPLETION_INDEX=2/,
      ],
    ];
    const shards = scheduled.map(([shard, scheduler, said]) => {
      const dir = tempDir();
      const r = recto(['build', '--sources', sources, '--out', dir, '--shard', shard], {
        env: { ...env, ...scheduler },
      });
      expect(r.status, r.stderr).toBe(0);
      if (said) expect(r.stderr).toMatch(said);
      return dir;
    });
    // shard 1 of 3 has documents 1 and 4 of 5
    expect([...tree(join(shards[0] as string, 'tei')).keys()].length).toBe(2);
    const merged = tempDir();
    const r = recto(['merge', ...shards.reverse(), '--out', merged], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/5 documents, \d+ files, [\d.]+ s/);
    expect(tree(merged, CACHE)).toEqual(tree(whole, CACHE));
  });

  it("examples/cluster's Slurm scripts, run as the array's tasks and the merge job would run them, give an unsharded build's bytes", () => {
    const sources = seedCopy();
    const whole = tempDir();
    expect(recto(['build', '--sources', sources, '--out', whole, '--no-cache'], { env }).status).toBe(0);
    const work = tempDir();
    const slurm = join(ROOT, 'examples/cluster/slurm');
    const base = {
      ...process.env,
      ...env,
      SLURM_SUBMIT_DIR: ROOT,
      RECTO_SOURCES: sources,
      RECTO_SHARDS: join(work, 'shards'),
    };
    // (the array in the script is 1-4: tasks 1…4, its minimum 1)
    for (const task of [1, 2, 3, 4]) {
      const r = spawnSync('bash', [join(slurm, 'build-array.sbatch')], {
        env: {
          ...base,
          SLURM_ARRAY_TASK_ID: String(task),
          SLURM_ARRAY_TASK_MIN: '1',
          SLURM_ARRAY_TASK_COUNT: '4',
        },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain(`shard ${task}/4 from Slurm: SLURM_ARRAY_TASK_ID=${task}`);
    }
    const out = join(work, 'output');
    const merged = spawnSync('bash', [join(slurm, 'merge.sbatch')], {
      env: { ...base, RECTO_OUT: out },
      encoding: 'utf8',
    });
    expect(merged.status, merged.stderr).toBe(0);
    expect(tree(out, CACHE)).toEqual(tree(whole, CACHE));
  });

  it('refuses an incomplete or mixed set of shards, and a bad --shard', () => {
    const sources = seedCopy();
    const [a, b] = [tempDir(), tempDir()];
    recto(['build', '--sources', sources, '--out', a, '--shard', '1/3'], { env });
    recto(['build', '--sources', sources, '--out', b, '--shard', '2/2'], { env });
    const missing = recto(['merge', a, '--out', tempDir()]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/\[merge-incomplete\] expected shards 1\.\.3 once each; missing: 2, 3/);
    const mixed = recto(['merge', a, b, '--out', tempDir()]);
    expect(mixed.status).toBe(1);
    expect(mixed.stderr).toContain('[merge-mismatch]');
    const bad = recto(['build', '--sources', sources, '--out', tempDir(), '--shard', '4/3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--shard 4/3: expected i/n');
  });
});

describe('stage fingerprints (what invalidates the cache)', () => {
  it('change with any file of their inputs or a setting they read, and not otherwise', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'templates/html'), { recursive: true });
    writeFileSync(join(dir, 'templates/html/style.css'), 'p {}');
    writeFileSync(join(dir, 'renderer.ts'), 'export {}');
    const inputs = [join(dir, 'templates/html'), join(dir, 'renderer.ts'), join(dir, 'absent')];
    const before = fingerprint(inputs, ['RECTO_TEST_SETTING']);
    expect(fingerprint(inputs, ['RECTO_TEST_SETTING'])).toBe(before);
    writeFileSync(join(dir, 'templates/html/style.css'), 'p { margin: 0 }');
    const restyled = fingerprint(inputs, ['RECTO_TEST_SETTING']);
    expect(restyled).not.toBe(before);
    writeFileSync(join(dir, 'renderer.ts'), 'export const version = 2;');
    const recoded = fingerprint(inputs, ['RECTO_TEST_SETTING']);
    expect(recoded).not.toBe(restyled);
    process.env.RECTO_TEST_SETTING = 'x';
    try {
      expect(fingerprint(inputs, ['RECTO_TEST_SETTING'])).not.toBe(recoded);
    } finally {
      delete process.env.RECTO_TEST_SETTING;
    }
  });

  it('each renderer depends on its own code and templates, not on another renderer’s', () => {
    const has = (stage: string, part: string): boolean =>
      stageInputs(stage).inputs.some((p) => p.endsWith(part));
    expect(has('html', 'render/html') && has('html', 'templates/html')).toBe(true);
    expect(has('pdf', 'render/pdf') && has('pdf', 'templates/pdf')).toBe(true);
    expect(has('pdf', 'render/html') || has('pdf', 'templates/html') || has('html', 'render/pdf')).toBe(
      false,
    );
    expect(has('normalize', 'normalize') && !has('normalize', 'render/html')).toBe(true);
    // the code every stage reads the TEI with: a change there invalidates every stage's cache
    for (const stage of ['normalize', 'html', 'epub', 'pdf'])
      for (const shared of ['src/tei', 'src/model', 'src/register', 'src/text'])
        expect(has(stage, shared), `${stage}: ${shared}`).toBe(true);
    expect(new Set(['normalize', 'html', 'epub', 'pdf'].map(stageFingerprint)).size).toBe(4);
  });
});
