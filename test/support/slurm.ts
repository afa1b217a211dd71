import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * A real Slurm cluster of one machine for a test: munged, slurmctld and slurmd (Debian's munge,
 * slurmctld, slurmd and slurm-client, which scripts/ensure-tools.js and .ci/run install), started
 * as root with their key, sockets, ports, state and logs in a folder of their own, so nothing of
 * the machine's own configuration (/etc/slurm, /etc/munge) is used or changed.
 */
export interface SlurmCluster {
  /** The environment `sbatch`, `squeue`, `sacct` need (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  dir: string;
  stop(): void;
}

/** The commands the cluster needs, by the Debian package that provides each. */
const NEEDED: Record<string, string> = {
  munged: 'munge',
  slurmctld: 'slurmctld',
  slurmd: 'slurmd',
  sbatch: 'slurm-client',
};

const has = (cmd: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** What is missing to start the cluster here, said as the fix: empty when it can start. */
export function slurmMissing(): string[] {
  const missing = Object.entries(NEEDED)
    .filter(([cmd]) => !has(cmd))
    .map(([cmd, pkg]) => `${cmd} (apt-get install ${pkg})`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    missing.push('root (slurmd starts jobs as their user; run the test as root)');
  return missing;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startSlurm(dir: string): Promise<SlurmCluster> {
  const missing = slurmMissing();
  if (missing.length) throw new Error(`a real Slurm cluster needs: ${missing.join('; ')}`);
  const node = hostname().split('.')[0] || 'localhost';
  const munge = join(dir, 'munge');
  mkdirSync(munge, { recursive: true });
  chmodSync(munge, 0o711); // (munged wants its socket's folder reachable by all, its key by itself)
  const key = join(munge, 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o600 });
  const socket = join(munge, 'munge.socket');
  execFileSync('munged', [
    '--force',
    `--socket=${socket}`,
    `--key-file=${key}`,
    `--log-file=${join(munge, 'munged.log')}`,
    `--pid-file=${join(munge, 'munged.pid')}`,
    `--seed-file=${join(munge, 'munged.seed')}`,
  ]);
  for (const sub of ['state', 'spool']) mkdirSync(join(dir, sub), { recursive: true });
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const memory = Math.floor(totalmem() / 2 ** 20) - 256;
  const conf = join(dir, 'slurm.conf');
  // One controller and one node on this machine; jobs may share its cores (OverSubscribe) so the
  // four tasks of an array run at once even on two cores, as they would on four nodes.
  writeFileSync(
    conf,
    [
      'ClusterName=recto-test',
      `SlurmctldHost=${node}(127.0.0.1)`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CredType=cred/munge',
      'MpiDefault=none',
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'SchedulerType=sched/backfill',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'ReturnToService=2',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      `NodeName=${node} NodeAddr=127.0.0.1 CPUs=2 RealMemory=${memory} State=UNKNOWN`,
      `PartitionName=main Nodes=${node} Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const stop = (): void => {
    spawnSync('scontrol', ['shutdown'], { env, stdio: 'ignore' });
    spawnSync('munged', ['--stop', `--socket=${socket}`], { stdio: 'ignore' });
  };
  try {
    execFileSync('slurmctld', ['-f', conf], { env });
    execFileSync('slurmd', ['-f', conf, '-N', node], { env });
    // (the node registers with the controller within a few seconds)
    for (let tries = 0; ; tries++) {
      const state = spawnSync('sinfo', ['-h', '-N', '-o', '%t'], { env, encoding: 'utf8' }).stdout.trim();
      if (state === 'idle') break;
      if (tries > 60)
        throw new Error(
          `the Slurm node did not come up (state "${state}"); logs in ${dir} (removed after the run):\n${logTails(dir)}`,
        );
      await sleep(500);
    }
  } catch (error) {
    stop();
    throw error;
  }
  return { env, dir, stop };
}

/** The last lines of the daemons' logs, for the error: the test's folder is removed after the run. */
function logTails(dir: string): string {
  return ['slurmctld.log', 'slurmd.log', 'munge/munged.log']
    .map((name) => {
      let text: string;
      try {
        text = readFileSync(join(dir, name), 'utf8');
      } catch {
        text = '(none)';
      }
      return `--- ${name}\n${text.split('\n').slice(-12).join('\n')}`;
    })
    .join('\n');
}
