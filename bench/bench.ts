/**
 * `npm run bench`: how fast Recto is on the shared FRUS volume (507 documents, 2.7 MB): the
 * normalizer alone (in process), then whole builds per output format (one process each).
 * Reads every source once, then normalizes and serializes the whole volume RUNS times in this
 * process and reports the median (the machine is shared: medians, not means). Writes the figures
 * to output/bench.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentId, normalize } from '../src/normalize/index.ts';
import { serializeTei } from '../src/tei/write.ts';

const CORPUS = join(import.meta.dirname, '../../shared/corpus/frus1958-60v08');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const edition = { id: 'bench', title: 'Benchmark', language: 'en' };

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f, bytes: readFileSync(join(CORPUS, f)) }));
const totalBytes = files.reduce((n, f) => n + f.bytes.length, 0);

function once(): number {
  const started = performance.now();
  for (const f of files)
    serializeTei(normalize(f.bytes, { file: f.name, id: documentId(f.name), edition }).tei);
  return (performance.now() - started) / 1000;
}

once(); // warm-up: JIT and module loading are not the normalizer's speed
const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const result = {
  corpus: 'frus1958-60v08',
  documents: files.length,
  bytes: totalBytes,
  runs: RUNS,
  normalize: {
    medianSeconds: Number(median.toFixed(3)),
    minSeconds: Number((times[0] ?? 0).toFixed(3)),
    maxSeconds: Number((times.at(-1) ?? 0).toFixed(3)),
    documentsPerSecond: Math.round(files.length / median),
    megabytesPerSecond: Number((totalBytes / 1e6 / median).toFixed(2)),
  },
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
console.log(
  `normalize + serialize ${files.length} documents (${(totalBytes / 1e6).toFixed(2)} MB), median of ${RUNS}: ` +
    `${median.toFixed(3)} s = ${result.normalize.documentsPerSecond} documents/s, ${result.normalize.megabytesPerSecond} MB/s ` +
    `(min ${result.normalize.minSeconds} s, max ${result.normalize.maxSeconds} s); peak RSS ${result.peakRssMB} MB`,
);
// Whole builds of the volume, one process per stage (its own peak RSS): TEI alone, then TEI and
// each renderer. A renderer's time is its stage minus the TEI stage.
const STAGE_RUNS = Number(process.env.BENCH_STAGE_RUNS ?? 3);
const stages: Record<string, { medianSeconds: number; peakRssMB: number }> = {};
for (const formats of ['tei', 'tei,html', 'tei,epub', 'tei,pdf', 'tei,html,epub,pdf']) {
  const runs = Array.from({ length: STAGE_RUNS }, () => {
    const out = mkdtempSync(join(tmpdir(), 'recto-bench-'));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'stage.ts'), CORPUS, out, formats],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`stage ${formats} failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { seconds: number; peakRssMB: number };
  }).sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(runs.length / 2)] ?? { seconds: 0, peakRssMB: 0 };
  stages[formats] = {
    medianSeconds: Number(median.seconds.toFixed(2)),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  };
  console.log(
    `build --formats ${formats}: ${median.seconds.toFixed(2)} s (median of ${STAGE_RUNS}), peak RSS ${stages[formats].peakRssMB} MB`,
  );
}
// The official TEI of the same volume, through `recto render` to all three formats.
{
  const runs = Array.from({ length: STAGE_RUNS }, () => {
    const out = mkdtempSync(join(tmpdir(), 'recto-bench-'));
    const started = performance.now();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'render-stage.ts'), join(CORPUS, 'volume.xml'), out],
      {
        encoding: 'utf8',
      },
    );
    const seconds = (performance.now() - started) / 1000;
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`render failed: ${r.stderr}`);
    return { seconds, ...(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { peakRssMB: number }) };
  }).sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(runs.length / 2)] ?? { seconds: 0, peakRssMB: 0 };
  stages['render volume.xml html,epub,pdf'] = {
    medianSeconds: Number(median.seconds.toFixed(2)),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  };
  console.log(
    `render volume.xml --formats html,epub,pdf: ${median.seconds.toFixed(2)} s (median of ${STAGE_RUNS}), peak RSS ${median.peakRssMB} MB`,
  );
}
await mkdir('output', { recursive: true });
await writeFile('output/bench.json', `${JSON.stringify({ ...result, stages }, null, 2)}\n`);
