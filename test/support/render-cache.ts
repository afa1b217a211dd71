import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { EPUBCHECK_JAR, type EpubcheckResult, epubcheck } from './epub.ts';
import { ROOT, type Run, recto, tempDir } from './run.ts';

/**
 * One render of an official volume (or one build of a collection) per test run, shared by every
 * test file that asks for it with the same options: volumes-epubcheck, equivalence, locator-audit
 * and frus-volume each rendered the same volumes again (some 25 renders of 7 volumes in a run).
 *
 * Content-addressed: the key is the input file's bytes and real path, the code that renders it
 * (dist/ as bin/recto.js compiles it, templates/, package-lock.json), the command and its
 * arguments, and every setting of the environment the writers read (SOURCE_DATE_EPOCH, RECTO_*).
 * Safe when two vitest workers ask at once: the first takes the key's lock (`mkdir`, atomic),
 * renders into a folder of its own and renames it into place when done; the other waits for it.
 * The cache's folder (RECTO_TEST_CACHE) is made under the OS temp folder by
 * support/render-cache-setup.ts and removed when the run ends.
 *
 * The folder is shared: a test reads it and never writes into it (copy what it must change).
 */
export interface SharedRun extends Run {
  /** The output folder (`--out`): read only. */
  out: string;
  /** How long the command took, in whichever test file ran it. */
  seconds: number;
  /** True when this call ran the command (false: another test file of the run had). */
  fresh: boolean;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

let codeHash: string | undefined;

/** The code a render runs: dist/ (compiled from src/ as bin/recto.js does), templates, dependencies. */
function renderingCode(): string {
  if (codeHash) return codeHash;
  const r = recto(['--version']); // (compiles src/ into dist/ when src/ changed)
  if (r.status !== 0) throw new Error(`recto --version failed:\n${r.stderr}`);
  const hash = createHash('sha256');
  for (const file of [
    ...filesUnder(join(ROOT, 'dist')),
    ...filesUnder(join(ROOT, 'templates')),
    join(ROOT, 'package-lock.json'),
  ])
    hash.update(`${relative(ROOT, file)}\n`).update(readFileSync(file));
  codeHash = hash.digest('hex');
  return codeHash;
}

/** The environment settings that change what the writers make. */
const outputSettings = (env: NodeJS.ProcessEnv): string[] =>
  Object.keys(env)
    .filter((name) => name === 'SOURCE_DATE_EPOCH' || name.startsWith('RECTO_'))
    .filter((name) => !['RECTO_KEEP_TMP', 'RECTO_TEST_CACHE', 'RECTO_JOBS', 'RECTO_DEBUG'].includes(name))
    .sort()
    .map((name) => `${name}=${env[name]}`);

let fallback: string | undefined;

/** The run's cache folder (a folder of this test file's own when vitest's global setup did not run). */
function cacheRoot(): string {
  const root = process.env.RECTO_TEST_CACHE;
  if (root) {
    mkdirSync(root, { recursive: true });
    return root;
  }
  fallback ??= tempDir('recto-test-cache-');
  return fallback;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True when the lock's owner is gone (killed mid-render): its lock may be taken. */
function staleLock(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    return !alive(pid);
  } catch {
    // (no pid yet: the owner is between mkdir and writing it, unless that was long ago)
    try {
      return Date.now() - statSync(lock).mtimeMs > 60_000;
    } catch {
      return false; // the lock is gone already
    }
  }
}

const readResult = (entry: string): SharedRun => ({
  ...(JSON.parse(readFileSync(join(entry, 'run.json'), 'utf8')) as Omit<SharedRun, 'out' | 'fresh'>),
  out: join(entry, 'out'),
  fresh: false,
});

/**
 * What `make` writes into an output folder, made once per run for `key`: the first caller runs it,
 * every later one (in any test file) gets its folder. A run that fails is not kept: the caller
 * gets its status and messages, and the next caller tries again.
 */
export async function sharedOutput(key: string, make: (out: string) => Run): Promise<SharedRun> {
  const root = cacheRoot();
  const entry = join(root, key);
  const lock = `${entry}.lock`;
  for (;;) {
    if (existsSync(join(entry, 'run.json'))) return readResult(entry);
    try {
      mkdirSync(lock);
    } catch {
      if (staleLock(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(500);
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (existsSync(join(entry, 'run.json'))) return readResult(entry); // (made while we looked)
      const building = `${entry}.${process.pid}.tmp`;
      rmSync(building, { recursive: true, force: true });
      mkdirSync(building);
      const started = performance.now();
      const run = make(join(building, 'out'));
      const seconds = (performance.now() - started) / 1000;
      if (run.status !== 0) return { ...run, out: join(building, 'out'), seconds, fresh: true };
      writeFileSync(join(building, 'run.json'), JSON.stringify({ ...run, seconds }));
      renameSync(building, entry); // (whole or not at all: a reader never sees half a render)
      return { ...run, out: join(entry, 'out'), seconds, fresh: true };
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * The key of a command's output: its arguments, the files it reads, the code and the settings
 * (the test process's environment with `env` over it, as `recto(args, { env })` runs).
 */
export function outputKey(
  label: string,
  args: string[],
  inputs: string[],
  env: NodeJS.ProcessEnv = {},
): string {
  const parts = [
    `args ${JSON.stringify(args)}`,
    ...inputs.map((file) => `input ${realpathSync(file)} ${sha256(readFileSync(file))}`),
    `code ${renderingCode()}`,
    ...outputSettings({ ...process.env, ...env }).map((setting) => `env ${setting}`),
  ];
  return `${label.replace(/[^\w.-]+/g, '_')}-${sha256(parts.join('\n')).slice(0, 24)}`;
}

/**
 * `recto render <file> --formats <formats>` (all formats when none are named), once per run: the
 * output folder and what the render printed (without `--quiet`, so a test can read its summary).
 */
export async function renderedVolume(file: string, formats?: string[]): Promise<SharedRun> {
  const args = ['render', realpathSync(file), ...(formats ? ['--formats', formats.join(',')] : [])];
  const key = outputKey(`render-${file.split('/').slice(-2).join('-')}`, args, [file]);
  return sharedOutput(key, (out) => recto([...args, '--out', out]));
}

/**
 * `recto build --sources <dir>` of a folder of plain texts in every format, once per run: the
 * shared corpora built from their texts, which equivalence and locator-audit read.
 */
export async function builtSources(dir: string): Promise<SharedRun> {
  const args = ['build', '--sources', realpathSync(dir)];
  const key = outputKey(`build-${dir.split('/').at(-1)}`, args, filesUnder(dir));
  return sharedOutput(key, (out) => recto([...args, '--out', out]));
}

/**
 * `recto collection` of a manifest (`COLLECTION.json`, written beside the output folder) with
 * `--formats <formats>` and `env`, once per run: collection-search and slurm build the same
 * collection of the seven official volumes (support/frus-collection.ts).
 */
export async function builtCollection(
  manifest: string,
  volumes: string[],
  formats: string,
  env: NodeJS.ProcessEnv,
): Promise<SharedRun & { manifest: string }> {
  const args = ['collection', '--formats', formats];
  const key = outputKey(`collection-${sha256(manifest).slice(0, 8)}`, [...args, manifest], volumes, env);
  const run = await sharedOutput(key, (out) => {
    const file = join(out, '..', 'COLLECTION.json');
    writeFileSync(file, manifest);
    return recto(['collection', file, '--out', out, '--formats', formats], { env });
  });
  return { ...run, manifest: join(run.out, '..', 'COLLECTION.json') };
}

/**
 * EPUBCheck's verdict on an EPUB, once per run for its bytes: the official volumes' EPUBs (one
 * render each, above) are checked by volumes-epubcheck, equivalence and frus-volume, each keeping
 * its own assertion on the verdict. The key is the EPUB's bytes and the EPUBCheck jar's.
 */
export async function epubcheckOnce(path: string): Promise<EpubcheckResult> {
  const jar = statSync(EPUBCHECK_JAR);
  const key = `epubcheck-${sha256(readFileSync(path)).slice(0, 24)}-${sha256(`${jar.size} ${jar.mtimeMs}`).slice(0, 8)}`;
  const run = await sharedOutput(key, (out) => {
    const result = epubcheck(path);
    mkdirSync(out);
    writeFileSync(join(out, 'epubcheck.json'), JSON.stringify(result));
    return { status: 0, stdout: '', stderr: '' };
  });
  return JSON.parse(readFileSync(join(run.out, 'epubcheck.json'), 'utf8')) as EpubcheckResult;
}
