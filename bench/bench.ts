/**
 * `npm run bench`: how fast the normalizer is on the shared FRUS volume (507 documents, 2.7 MB).
 * Reads every source once, then normalizes and serializes the whole volume RUNS times in this
 * process and reports the median (the machine is shared: medians, not means). Writes the figures
 * to output/bench.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
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
await mkdir('output', { recursive: true });
await writeFile('output/bench.json', `${JSON.stringify(result, null, 2)}\n`);
