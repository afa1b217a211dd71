import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FRUS_ENV,
  FRUS_FORMATS,
  FRUS_MANIFEST,
  FRUS_VOLUMES,
  frusCollection,
} from './support/frus-collection.ts';
import { ROOT, tempDir } from './support/run.ts';
import { type SlurmCluster, startSlurm } from './support/slurm.ts';
import { tree } from './support/tree.ts';

/**
 * Issue #29: the collection of every shared volume built on a real Slurm cluster (munge,
 * slurmctld, slurmd on this machine) by the shipped examples — an array of 4 tasks
 * (examples/cluster/slurm/collection-array.sbatch, `--shard auto`) and a merge job that waits on
 * it (merge.sbatch) — gives the same bytes as `recto collection` on one machine. The machine has
 * two cores: the times are printed, not asserted. No Slurm here fails the test saying what to
 * install (scripts/ensure-tools.js installs it when it can).
 */
const env = FRUS_ENV;
const FORMATS = FRUS_FORMATS;

let dir: string;
let manifest: string;
let cluster: SlurmCluster | undefined;
let single: { out: string; seconds: number };

beforeAll(async () => {
  dir = tempDir();
  manifest = join(dir, 'COLLECTION.json');
  writeFileSync(manifest, FRUS_MANIFEST);
  // one machine's `recto collection` of the manifest, once per run (collection-search reads it too)
  const r = await frusCollection();
  expect(r.status, r.stderr).toBe(0);
  single = { out: r.out, seconds: r.seconds };
  cluster = await startSlurm(join(dir, 'slurm'));
}, 900_000);

afterAll(() => cluster?.stop());

const sbatch = (args: string[], extra: Record<string, string>) =>
  spawnSync('sbatch', ['--parsable', '--export=ALL', ...args], {
    cwd: ROOT, // (the scripts run `npm run recto` in the folder they were submitted from)
    env: { ...cluster?.env, ...env, ...extra },
    encoding: 'utf8',
  });

describe('a collection built on a real Slurm cluster', () => {
  it('an array of 4 tasks and a merge job give the bytes of one machine’s build', () => {
    const shards = join(dir, 'shards');
    const out = join(dir, 'merged');
    const logs = join(dir, 'logs');
    const jobEnv = {
      RECTO_COLLECTION: manifest,
      RECTO_SHARDS: shards,
      RECTO_OUT: out,
      RECTO_FORMATS: FORMATS,
    };
    mkdirSync(logs); // (Slurm fails a job whose log folder does not exist)
    const started = performance.now();
    const array = sbatch(
      [`--output=${logs}/collection-%A_%a.log`, 'examples/cluster/slurm/collection-array.sbatch'],
      jobEnv,
    );
    expect(array.status, array.stderr).toBe(0);
    const arrayId = array.stdout.trim().split(';')[0] as string;
    // (--wait: sbatch returns when the merge has run, with its exit status)
    const merge = sbatch(
      [
        `--dependency=afterok:${arrayId}`,
        // (a task that fails cancels the merge, and --wait returns, instead of waiting forever)
        '--kill-on-invalid-dep=yes',
        '--wait',
        `--output=${logs}/merge-%j.log`,
        'examples/cluster/slurm/merge.sbatch',
      ],
      jobEnv,
    );
    const seconds = (performance.now() - started) / 1000;
    const log = readdirSync(logs)
      .sort()
      .map((f) => `--- ${f}\n${readFileSync(join(logs, f), 'utf8')}`)
      .join('\n');
    expect(merge.status, `${merge.stderr}\n${log}`).toBe(0);
    console.info(
      `Slurm array of 4 + merge: ${seconds.toFixed(1)} s; one machine: ${single.seconds.toFixed(1)} s (2 cores: reported, not asserted)`,
    );
    // every task said which shard the scheduler gave it, and built its share of whole volumes
    for (let k = 1; k <= 4; k++)
      expect(log).toMatch(
        new RegExp(`shard ${k}/4 from Slurm: SLURM_ARRAY_TASK_ID=${k}, SLURM_ARRAY_TASK_COUNT=4`),
      );
    expect(log).toContain(`merge: ${FRUS_VOLUMES.length} volumes of ${manifest} from 4 collection shards`);
    const reference = tree(single.out);
    expect(reference.size).toBeGreaterThan(1000);
    expect(tree(out)).toEqual(reference);
  }, 900_000);
});
