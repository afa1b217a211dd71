import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { Shard } from '../pipeline/plan.ts';
import type { CollectionVolume } from './manifest.ts';

/**
 * A shard of a collection is a set of whole volumes: `recto collection --shard i/n` builds its
 * volumes into `<out>/<id>/` and leaves this record beside them; `recto merge` joins the shards'
 * folders and builds the collection's own pages above them (the same bytes as one machine's
 * `recto collection`). A volume is the unit because its outputs (site, EPUB, PDF) are each made
 * from the whole volume: splitting one across machines would only move the join inside it.
 */
export const COLLECTION_SHARD_FILE = 'collection-shard.json';

export interface CollectionShardRecord {
  shard: Shard;
  /** The manifest, as an absolute path, and a hash of its bytes: every shard must be of the same. */
  manifest: string;
  manifestSha256: string;
  formats: string[];
  siteUrl?: string;
  /** Every volume id of the collection, in manifest order, and the ones this shard built. */
  volumes: string[];
  built: string[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Bytes under a path (a file, or every file of a folder): what a volume costs to build, roughly. */
async function sizeOf(path: string): Promise<number> {
  const s = await stat(path).catch(() => undefined);
  if (!s) return 0;
  if (!s.isDirectory()) return s.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}

/**
 * Which volumes shard i of n builds. Volumes differ in size by ten times (a 500-document volume
 * beside a 30-document one), so every n-th volume would leave one task with most of the work:
 * the largest volume goes first to the task with the least so far (longest-processing-time
 * scheduling), ties by manifest order, so every task computes the same split on its own.
 */
export async function volumesOfShard(
  volumes: CollectionVolume[],
  base: string,
  shard: Shard,
): Promise<CollectionVolume[]> {
  const sized = await Promise.all(
    volumes.map(async (v, order) => ({
      v,
      order,
      bytes: await sizeOf(resolve(base, v.sources ?? v.tei ?? '')),
    })),
  );
  sized.sort((a, b) => b.bytes - a.bytes || a.order - b.order);
  const load = Array.from({ length: shard.count }, () => 0);
  const mine = new Set<number>();
  for (const s of sized) {
    const least = load.indexOf(Math.min(...load));
    load[least] = (load[least] ?? 0) + s.bytes;
    if (least === shard.index - 1) mine.add(s.order);
  }
  return volumes.filter((_, order) => mine.has(order));
}

export async function writeShardRecord(out: string, record: CollectionShardRecord): Promise<string> {
  const path = join(out, COLLECTION_SHARD_FILE);
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** Whether a shard folder holds a collection's shard (else it is an edition's, `recto build --shard`). */
export async function isCollectionShard(dir: string): Promise<boolean> {
  return (await stat(join(dir, COLLECTION_SHARD_FILE)).catch(() => undefined))?.isFile() === true;
}

async function readShardRecord(dir: string): Promise<CollectionShardRecord> {
  const path = join(dir, COLLECTION_SHARD_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CollectionShardRecord;
  } catch {
    throw new InputError(`${path}:1:1: error [merge-not-a-shard] no readable ${COLLECTION_SHARD_FILE}`);
  }
}

/**
 * Checks that the shards make the whole collection once (same manifest bytes, same split, every
 * volume built by exactly one), then copies each volume's folder into `out`. Returns the first
 * record: the manifest, formats and site address to build the collection's pages with.
 */
export async function joinCollectionShards(shards: string[], out: string): Promise<CollectionShardRecord> {
  const records = await Promise.all(shards.map(async (dir) => ({ dir, ...(await readShardRecord(dir)) })));
  const first = records[0];
  if (!first) throw new InputError('recto merge: no shard folders given');
  for (const r of records) {
    if (
      r.manifestSha256 !== first.manifestSha256 ||
      r.shard.count !== first.shard.count ||
      JSON.stringify(r.formats) !== JSON.stringify(first.formats)
    )
      throw new InputError(
        `${join(r.dir, COLLECTION_SHARD_FILE)}:1:1: error [merge-mismatch] this shard is of another collection manifest, split or formats than ${join(first.dir, COLLECTION_SHARD_FILE)}`,
      );
  }
  const count = first.shard.count;
  const present = new Set(records.map((r) => r.shard.index));
  const missing = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !present.has(i));
  if (missing.length || present.size !== records.length)
    throw new InputError(
      `recto merge: error [merge-incomplete] expected collection shards 1..${count} once each; missing: ${missing.join(', ') || 'none'}, given: ${records.map((r) => r.shard.index).join(', ')}`,
    );
  const builtBy = new Map<string, string>();
  for (const r of records) for (const id of r.built) builtBy.set(id, r.dir);
  for (const id of first.volumes) {
    const dir = builtBy.get(id);
    if (!dir) throw new InputError(`recto merge: error [merge-incomplete] no shard built volume ${id}`);
    // (copied over what is there: a file someone put in the output folder is left alone)
    await cp(join(dir, id), join(out, id), { recursive: true, preserveTimestamps: true });
  }
  return first;
}
