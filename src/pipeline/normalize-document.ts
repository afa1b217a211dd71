import { readFileSync } from 'node:fs';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { type BuildCache, sha256 } from '../cache/store.ts';
import { timeSync } from '../profile.ts';
import { type LoadedEdition, normalizeOptions } from './load-edition.ts';
import type { NormalizedXml, NormalizeTask } from './normalize-task.ts';
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

/** One document's source read and looked up in the cache: its TEI when the cache has it, else the task that makes it. */
export interface LookedUp {
  task: NormalizeTask;
  key?: string; // the cache's key (none without a cache)
  cached?: NormalizedXml;
}

/** Reads a document's source and looks its TEI up in the cache (the normalizer is not run). */
export async function lookUpDocument(
  edition: LoadedEdition,
  doc: PlannedDocument,
  cache: BuildCache | undefined,
): Promise<LookedUp> {
  // (synchronously: faster for hundreds of small sources)
  const bytes = timeSync('read sources', () => readFileSync(doc.path));
  const options = normalizeOptions(edition, doc);
  const task: NormalizeTask = { kind: 'normalize', bytes, options };
  if (!cache) return { task };
  const key = sha256(stageFingerprint('normalize'), JSON.stringify(options), bytes);
  const cached = await cache.get<NormalizedXml>('normalize', key);
  return cached ? { task, key, cached } : { task, key };
}

/** A looked-up document's TEI: the cache's, else normalized now (and kept in the cache). `fresh`: normalized now. */
export async function normalizeLookedUp(
  looked: LookedUp,
  runner: TaskRunner,
  cache: BuildCache | undefined,
): Promise<NormalizedXml & { fresh: boolean }> {
  if (looked.cached) return { ...looked.cached, fresh: false };
  const result = await runner.normalize(looked.task);
  if (cache && looked.key) await cache.put('normalize', looked.key, result);
  return { ...result, fresh: true };
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
  const looked = await lookUpDocument(edition, doc, cache);
  if (!looked.cached) options.onMiss?.();
  return normalizeLookedUp(looked, runner, cache);
}
