import { basename } from 'node:path';
import type { EditionSource } from '../edition/load.ts';
import { UsageError } from '../errors.ts';
import { documentId } from '../normalize/index.ts';

/**
 * The documents of an edition as the build names them: output file name and xml:id, made unique
 * in manifest order. Every shard computes the whole plan (from file names only, cheap) so names
 * and ids do not depend on which documents a shard builds.
 */
export interface PlannedDocument {
  index: number; // position in the edition
  path: string;
  name: string; // output file name without .xml
  id: string; // xml:id
  source: EditionSource['documents'][number];
}

/** Names Windows reserves (an edition built on Linux is often copied there). */
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

/** An output file name from a source file name: no path, no odd characters. */
export function outputName(sourcePath: string): string {
  const name = basename(sourcePath)
    .replace(/\.txt$/i, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_');
  if (RESERVED.test(name)) return `_${name}`;
  return name || '_';
}

export function planDocuments(edition: EditionSource): PlannedDocument[] {
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();
  return edition.documents.map((source, index) => {
    let name = outputName(source.path);
    while (usedNames.has(name)) name = `${name}_`;
    usedNames.add(name);
    let id = documentId(name);
    while (usedIds.has(id)) id = `${id}_`;
    usedIds.add(id);
    return { index, path: source.path, name, id, source };
  });
}

export interface Shard {
  index: number; // 1-based
  count: number;
}

/** `--shard i/n`: 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${text}: expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4`);
  }
  return { index, count };
}

/**
 * The documents of shard i of n: every n-th document, starting with the i-th. Interleaving keeps
 * the shards even when long documents cluster (a volume's appendices).
 */
export const inShard = (doc: PlannedDocument, shard: Shard): boolean =>
  doc.index % shard.count === shard.index - 1;
