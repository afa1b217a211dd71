import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import type { Reporter } from '../report.ts';
import { buildCollection, type CollectionResult } from './build.ts';
import { joinCollectionShards, sha256 } from './shard.ts';

/**
 * `recto merge` of a collection's shards (`recto collection --shard i/n`): the volumes each shard
 * built are joined into `out`, then the collection's pages are made above them from the manifest
 * the shards were built from — the same bytes as `recto collection` on one machine.
 */
export async function mergeCollection(options: {
  shards: string[];
  out: string;
  reporter: Reporter;
}): Promise<CollectionResult> {
  const record = await joinCollectionShards(options.shards, options.out);
  const now = await readFile(record.manifest, 'utf8').catch(() => undefined);
  if (now === undefined || sha256(now) !== record.manifestSha256)
    throw new InputError(
      `${record.manifest}:1:1: error [merge-mismatch] the collection manifest is ${now === undefined ? 'gone' : 'not the one the shards were built from (it changed since)'}`,
    );
  options.reporter.info(
    `merge: ${record.volumes.length} volumes of ${record.manifest} from ${options.shards.length} collection shards`,
  );
  return buildCollection({
    manifest: record.manifest,
    out: options.out,
    formats: record.formats,
    reporter: options.reporter,
    ...(record.siteUrl ? { siteUrl: record.siteUrl } : {}),
    prebuilt: true,
  });
}
