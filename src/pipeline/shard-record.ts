import type { EditionMeta } from '../meta.ts';
import type { Shard } from './plan.ts';

/**
 * `recto build --shard i/n` stops after its documents' TEI and leaves this record beside them,
 * for `recto merge`.
 */
export const SHARD_FILE = 'shard.json';

export interface ShardRecord {
  shard: Shard;
  edition: EditionMeta;
  documents: string[]; // every document's output name, in edition order
  built: string[]; // the ones this shard built
  introduction?: string; // serialized TEI, carried by shard 1
}
