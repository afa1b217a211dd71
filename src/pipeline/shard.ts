import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildCache } from '../cache/store.ts';
import { InputError } from '../errors.ts';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import type { Reporter } from '../report.ts';
import { publishEdition } from './edition-master.ts';
import { checkFormats, sweepTemporaryFiles } from './outputs.ts';
import { jobCount, runnerFor } from './pool.ts';
import { type Progress, silentProgress } from './progress.ts';
import { SHARD_FILE, type ShardRecord } from './shard-record.ts';
import { recordWritten } from './written.ts';

async function readRecord(dir: string): Promise<ShardRecord> {
  const path = join(dir, SHARD_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ShardRecord;
  } catch {
    throw new InputError(
      `${path}:1:1: error [merge-not-a-shard] no readable ${SHARD_FILE}: build it with --shard i/n`,
    );
  }
}

export interface MergeOptions {
  shards: string[]; // output folders of `recto build --shard`
  out: string;
  formats: string[];
  reporter: Reporter;
  jobs?: number;
  progress?: Progress;
}

/**
 * `recto merge`: checks that the shards (outputs of `recto build --shard i/n`) make one whole
 * edition, joins their TEI into the master and renders it — the same bytes an unsharded build
 * writes.
 */
export async function merge(
  options: MergeOptions,
): Promise<{ documents: number; files: string[]; seconds: number }> {
  const started = performance.now();
  checkFormats(options.formats);
  const records = await Promise.all(options.shards.map(async (dir) => ({ dir, ...(await readRecord(dir)) })));
  const first = records[0];
  if (!first) throw new InputError('recto merge: no shard folders given');
  const count = first.shard.count;
  const same = (r: ShardRecord): boolean =>
    r.shard.count === count &&
    JSON.stringify(r.edition) === JSON.stringify(first.edition) &&
    JSON.stringify(r.documents) === JSON.stringify(first.documents);
  for (const r of records) {
    if (!same(r))
      throw new InputError(
        `${join(r.dir, SHARD_FILE)}:1:1: error [merge-mismatch] this shard is of another edition or another split than ${join(first.dir, SHARD_FILE)}`,
      );
  }
  const present = new Set(records.map((r) => r.shard.index));
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !present.has(i));
  if (missing.length || present.size !== records.length)
    throw new InputError(
      `recto merge: error [merge-incomplete] expected shards 1..${count} once each; missing: ${missing.join(', ') || 'none'}, given: ${records.map((r) => r.shard.index).join(', ')}`,
    );

  await sweepTemporaryFiles(options.out);
  const builtBy = new Map<string, string>();
  for (const r of records) for (const name of r.built) builtBy.set(name, r.dir);
  const teiDir = join(options.out, 'tei');
  const files: string[] = [];
  const members: string[] = [];
  for (const name of first.documents) {
    const dir = builtBy.get(name);
    if (!dir) throw new InputError(`recto merge: error [merge-incomplete] no shard built ${name}`);
    const xml = await readFile(join(dir, 'tei', `${name}.xml`), 'utf8');
    const path = join(teiDir, `${name}.xml`);
    await writeIfChanged(path, xml);
    files.push(path);
    members.push(xml);
  }
  const runner = runnerFor(jobCount(options.jobs));
  const progress = options.progress ?? silentProgress;
  try {
    const output = await publishEdition({
      meta: first.edition,
      documents: first.documents.length,
      introduction: records.find((r) => r.introduction)?.introduction,
      members,
      out: options.out,
      formats: options.formats,
      reporter: options.reporter,
      runner,
      cache: new BuildCache(options.out),
      progress,
    });
    const tei = [...files, output.editionXml];
    files.push(output.editionXml, ...output.files);
    await recordWritten(options.out, { tei, ...output.byFormat }); // as `recto build` does
  } finally {
    progress.stop();
    await runner.close();
  }
  return { documents: first.documents.length, files, seconds: (performance.now() - started) / 1000 };
}
