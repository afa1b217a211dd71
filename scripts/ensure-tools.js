#!/usr/bin/env node
// Makes sure the system tools the tests run for real are installed: installs them with apt-get
// when missing and possible (root on Debian), otherwise fails saying which are needed.
import { execFileSync, spawnSync } from 'node:child_process';

/** command → Debian package that provides it */
const TOOLS = {
  jing: 'jing',
  java: 'default-jre-headless',
  chromium: 'chromium',
  epubcheck: 'epubcheck',
  pdfinfo: 'poppler-utils',
  qpdf: 'qpdf',
  // a real Slurm cluster of one machine (test/slurm.test.ts): the scheduler, its node daemon, its client, munge
  slurmctld: 'slurmctld',
  slurmd: 'slurmd',
  sbatch: 'slurm-client',
  munged: 'munge',
};

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = Object.entries(TOOLS).filter(([cmd]) => !has(cmd));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map(([, pkg]) => pkg))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `The tests need: ${missing.map(([cmd]) => cmd).join(', ')}. Install with: apt-get install ${packages.join(' ')}`,
  );
  process.exit(1);
}
console.error(`Installing ${packages.join(' ')} with apt-get …`);
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error(
    `Could not install ${packages.join(' ')}; install them by hand: apt-get install ${packages.join(' ')}`,
  );
  process.exit(1);
}
