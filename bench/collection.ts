/**
 * The collection part of `npm run bench` (also alone: `node --import tsx bench/collection.ts`):
 * `recto collection` of every shared volume (the three corpora's volume.xml and the four of
 * ../shared/volumes), HTML only: its wall time, each volume's bytes, the collection search's bytes,
 * and the bytes Chromium fetches to open the search page and answer a first query; and, where this
 * machine can start a Slurm cluster of its own (test/support/slurm.ts: munge, slurmctld, slurmd, as
 * root), the same collection as an array of 4 tasks and a merge job (examples/cluster/slurm/), its
 * wall time beside the single build's and whether its bytes are the same.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/support/browser.ts';
import { firstQuery } from '../test/support/first-query.ts';
import { slurmMissing, startSlurm } from '../test/support/slurm.ts';
import { serve } from '../test/support/static-server.ts';
import { tree } from '../test/support/tree.ts';

const ROOT = join(import.meta.dirname, '..');
const SHARED = join(ROOT, '../shared');
const VOLUMES = [
  ...['frus1958-60v08', 'frus1964-68v22', 'frus1969-76v19p1'].map((id) => ({
    id,
    tei: join(SHARED, 'corpus', id, 'volume.xml'),
  })),
  ...['frus1917-72PubDip', 'frus1952-54Guat', 'frus1961-63v08', 'frus1969-76ve09p1'].map((name) => ({
    id: name.toLowerCase(),
    tei: join(SHARED, 'volumes', `${name}.xml`),
  })),
];
const QUERIES = ['Berlin', 'Khrushchev Berlin ultimatum', '"Soviets should be told in the"', 'Shah of Iran'];

const bytesUnder = (dir: string): number =>
  readdirSync(dir).reduce((n, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return n + (s.isDirectory() ? bytesUnder(path) : s.size);
  }, 0);

export interface CollectionBench {
  volumes: number;
  buildSeconds: number;
  bytesPerVolume: Record<string, number>;
  searchIndexBytes: number;
  firstQueryBytes: Record<string, number>;
  /** The Slurm array of 4 + merge: its wall time and whether it wrote the single build's bytes. */
  slurm: { seconds: number; identical: boolean } | { missing: string[] };
}

/**
 * The collection built again on a one-machine Slurm cluster by the shipped scripts: an array of 4
 * (collection-array.sbatch) and the merge after it (merge.sbatch, sbatch --wait).
 */
async function slurmRun(dir: string, manifest: string, single: string): Promise<CollectionBench['slurm']> {
  const missing = slurmMissing();
  if (missing.length) return { missing };
  const cluster = await startSlurm(join(dir, 'slurm'));
  try {
    const [shards, out, logs] = ['shards', 'merged', 'logs'].map((d) => join(dir, d)) as [
      string,
      string,
      string,
    ];
    mkdirSync(logs);
    const env = {
      ...cluster.env,
      RECTO_COLLECTION: manifest,
      RECTO_SHARDS: shards,
      RECTO_OUT: out,
      RECTO_FORMATS: 'html',
    };
    const sbatch = (args: string[]) =>
      spawnSync('sbatch', ['--parsable', '--export=ALL', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    const started = performance.now();
    const array = sbatch([`--output=${logs}/c-%A_%a.log`, 'examples/cluster/slurm/collection-array.sbatch']);
    if (array.status !== 0) throw new Error(`sbatch failed: ${array.stderr}`);
    const merge = sbatch([
      `--dependency=afterok:${array.stdout.trim().split(';')[0]}`,
      '--kill-on-invalid-dep=yes',
      '--wait',
      `--output=${logs}/m-%j.log`,
      'examples/cluster/slurm/merge.sbatch',
    ]);
    if (merge.status !== 0) throw new Error(`the Slurm merge job failed; logs in ${logs}`);
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const [a, b] = [tree(single), tree(out)];
    const identical = a.size === b.size && [...a].every(([f, h]) => b.get(f) === h);
    return { seconds, identical };
  } finally {
    cluster.stop();
  }
}

export async function collectionBench(): Promise<CollectionBench> {
  const dir = mkdtempSync(join(tmpdir(), 'recto-bench-collection-'));
  const manifest = join(dir, 'COLLECTION.json');
  const volumes = VOLUMES.map((v) => ({ ...v, series: 'FRUS' }));
  writeFileSync(manifest, JSON.stringify({ id: 'frus', title: 'FRUS', language: 'en', volumes }));
  const out = join(dir, 'out');
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/recto.js'), 'collection', manifest, '--out', out, '--formats', 'html', '--quiet'],
    {
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`recto collection failed: ${r.stderr}`);
  const buildSeconds = (performance.now() - started) / 1000;
  const bytesPerVolume = Object.fromEntries(VOLUMES.map((v) => [v.id, bytesUnder(join(out, v.id))]));
  const server = await serve(out);
  const browser = await launchChromium();
  const firstQueryBytes: Record<string, number> = {};
  try {
    for (const query of QUERIES)
      firstQueryBytes[query] = (await firstQuery(browser, server.url, query)).bytes;
  } finally {
    await browser.close();
    await server.close();
  }
  const result = {
    volumes: VOLUMES.length,
    buildSeconds: Number(buildSeconds.toFixed(1)),
    bytesPerVolume,
    searchIndexBytes: bytesUnder(join(out, 'search')),
    firstQueryBytes,
    slurm: await slurmRun(dir, manifest, out),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

if (process.argv[1] === import.meta.filename) console.log(JSON.stringify(await collectionBench(), null, 2));
