import { readFileSync } from 'node:fs';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { type BuildCache, sha256 } from '../cache/store.ts';
import { timeSync } from '../profile.ts';
import { type LoadedEdition, normalizeOptions } from './load-edition.ts';
import type { NormalizedXml } from './normalize-task.ts';
import type { PlannedDocument } from './plan.ts';
import { inlineRunner, type TaskRunner } from './pool.ts';

export interface NormalizeDocumentOptions {
  /** Where the normalizer runs: a thread pool, else this thread. */
  runner?: TaskRunner;
  /** The build cache: a document whose source, options and normalizer are unchanged is not normalized again. */
  cache?: BuildCache;
  /** Called when the cache does not have it (the build starts loading the writers then). */
  onMiss?: () => void;
}

/**
 * One document of an edition to its TEI, as `recto build` writes it (and `recto reader` takes an
 * item from a sources folder): from the cache when its source, its options and the normalizer are
 * unchanged. `fresh`: normalized in this call.
 */
export async function normalizeDocument(
  edition: LoadedEdition,
  doc: PlannedDocument,
  options: NormalizeDocumentOptions = {},
): Promise<NormalizedXml & { fresh: boolean }> {
  const { runner = inlineRunner, cache } = options;
  // (synchronously: faster for hundreds of small sources)
  const bytes = timeSync('read sources', () => readFileSync(doc.path));
  const normalize = normalizeOptions(edition, doc);
  if (!cache)
    return { ...(await runner.normalize({ kind: 'normalize', bytes, options: normalize })), fresh: true };
  const key = sha256(stageFingerprint('normalize'), JSON.stringify(normalize), bytes);
  const cached = await cache.get<NormalizedXml>('normalize', key);
  if (cached) return { ...cached, fresh: false };
  options.onMiss?.();
  const result = await runner.normalize({ kind: 'normalize', bytes, options: normalize });
  await cache.put('normalize', key, result);
  return { ...result, fresh: true };
}
