import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BuildCache } from '../cache/store.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { mapLimit } from '../fs/map-limit.ts';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import { introductionTei } from '../normalize/introduction.ts';
import { type Profile, takeProfile, timeAsync } from '../profile.ts';
import type { Reporter } from '../report.ts';
import { serializeTei } from '../tei/write.ts';
import { publishEdition } from './edition-master.ts';
import { checkAssets, checkFormats, loadEdition, sweepTemporaryFiles } from './index.ts';
import { lookUpDocument, normalizeLookedUp } from './normalize-document.ts';
import { inShard, type Shard } from './plan.ts';
import { inlineRunner, jobCount, threadPool } from './pool.ts';
import { type Progress, silentProgress } from './progress.ts';
import { SHARD_FILE, type ShardRecord } from './shard-record.ts';
import { recordWritten } from './written.ts';

export { outputName } from './plan.ts';

export const DEFAULT_MAX_SOURCE_BYTES = 50 * 1024 * 1024;

/**
 * Below these sizes a thread costs more to start (it loads the code anew) than it saves: the
 * normalizer does a FRUS volume (2.7 MB) in about 2 s of CPU on one thread; rendering pays off
 * much sooner, and when the writers follow the sources are normalized on the threads from the
 * same size (the threads load the renderers meanwhile).
 */
const THREADS_FROM = { normalize: 8 * 1024 * 1024, render: 256 * 1024 };

export interface BuildOptions {
  sources: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  maxSourceBytes?: number;
  jobs?: number; // threads; default: every core
  cache?: boolean; // default true: reuse output/.cache
  shard?: Shard; // build only these documents' TEI, for `recto merge`
  progress?: Progress;
  /** A folder of the figures' images (`--assets`), looked in before the sources folder. */
  assets?: string;
  /** Source sizes from which threads are used (defaults below; tests lower them). */
  threadsFrom?: { normalize: number; render: number };
}

export interface BuildResult {
  documents: number;
  files: string[];
  diagnostics: Diagnostic[];
  seconds: number;
  normalized: number; // documents normalized in this run (the rest came from the cache)
  changed: string[]; // names (output file names) of the documents whose TEI file this run rewrote
  /** Each source's paragraphs: first line and xml:id (where `recto preview` links a diagnostic). */
  paragraphs: Map<string, [number, string][]>;
  rendered: string[]; // formats rendered in this run (the rest were up to date)
  threads: number; // 1: everything ran on this thread
  /** Where the time went (`recto build --profile`). */
  profile: BuildProfile;
}

export interface BuildProfile {
  /** Seconds per stage, summed over the threads (see src/profile.ts). */
  stages: Profile;
  /** Worker threads started (0: none) and the share of their time spent on tasks. */
  workers: number;
  utilisation: number;
  /** CPU seconds of the process, user and system, every thread: the figure a shared machine's load bends least. */
  cpuSeconds: number;
  peakRssMB: number;
}

/** CPU seconds (user and system) the process spent since `from`, its worker threads included. */
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  takeProfile(); // (from here: this build's)
  checkFormats(options.formats);
  await checkAssets(options.assets);
  const progress = options.progress ?? silentProgress;
  const loaded = await timeAsync('read sources', () => loadEdition(options.sources));
  const { source: edition, meta, documents: plan } = loaded;
  const limit = options.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const { shard } = options;
  const selected = shard ? plan.filter((d) => inShard(d, shard)) : plan;
  const cache = options.cache === false ? undefined : new BuildCache(options.out);

  // Every size is checked before anything is written: a refused build leaves no output behind.
  let sourceBytes = 0;
  for (const d of selected) {
    const size = statSync(d.path).size;
    if (size > limit) {
      throw new InputError(
        `${d.path}:1:1: error [source-too-large] ${size} bytes is over the limit of ${limit} bytes (--max-source-bytes)`,
      );
    }
    sourceBytes += size;
  }
  const threads = jobCount(options.jobs);
  const renders = !shard && options.formats.some((f) => f !== 'tei');
  const from = options.threadsFrom ?? THREADS_FROM;
  const pool =
    threads > 1 && (sourceBytes >= from.normalize || (renders && sourceBytes >= from.render))
      ? threadPool(threads)
      : undefined;
  const runner = pool ?? inlineRunner;
  try {
    // The threads load the renderers while the documents are normalized — once a document is found
    // changed: when every document comes from the cache the renderers are likely up to date too,
    // and loading them for nothing would slow a build that has nothing to do.
    if (renders && !cache) runner.warm(options.formats);
    await sweepTemporaryFiles(options.out);
    const normalizing = progress.stage('normalize', selected.length);
    // Enough documents in flight to keep every thread busy, not so many that files run out.
    const looked = await mapLimit(selected, 64, (d) => lookUpDocument(loaded, d, cache));
    const missed = looked.reduce((n, l) => n + (l.cached ? 0 : l.task.bytes.length), 0);
    if (renders && missed > 0) runner.warm(options.formats);
    // What the cache does not have is normalized on the threads when it is large, or when the
    // writers follow: the PDF (the longest task, on one thread) waits for every document's TEI, and
    // this thread normalizing alone left the threads idle for seconds. A document or two (an
    // edit) is normalized here: a thread would have to load the normalizer first.
    const normalizer =
      pool && (missed >= from.normalize || (renders && missed >= from.render)) ? pool : inlineRunner;
    const results = await mapLimit(looked, 64, async (l) => {
      const r = await normalizeLookedUp(l, normalizer, cache);
      normalizing.tick();
      return r;
    });
    const normalized = results.filter((r) => r.fresh).length;
    normalizing.done(
      `${selected.length} documents${normalized < selected.length ? ` (${selected.length - normalized} unchanged, from the cache)` : ''}`,
    );
    // Diagnostics in edition order, whichever thread finished first.
    // (what loading the edition found first: a text the manifest does not list, an unknown template)
    const diagnostics = [...edition.diagnostics, ...results.flatMap((r) => r.diagnostics)];
    for (const d of diagnostics) options.reporter.diagnostic(d);

    const files: string[] = [];
    const changed: string[] = [];
    const teiDir = join(options.out, 'tei');
    for (const [k, d] of selected.entries()) {
      const path = join(teiDir, `${d.name}.xml`);
      if (await writeIfChanged(path, results[k]?.xml ?? '')) changed.push(d.name);
      files.push(path);
    }
    let introduction: string | undefined;
    if (edition.introduction && (!shard || shard.index === 1)) {
      // The TEI names the introduction relative to the sources folder (no machine path in any
      // output); its diagnostics still name the file as given, so they can be opened.
      const intro = introductionTei(
        await readFile(edition.introduction, 'utf8'),
        relative(edition.dir, edition.introduction).split('\\').join('/'),
        meta.language,
      );
      for (const d of intro.diagnostics.items) d.file = edition.introduction;
      for (const d of intro.diagnostics.items) options.reporter.diagnostic(d);
      diagnostics.push(...intro.diagnostics.items);
      introduction = serializeTei(intro.tei);
    }

    let rendered: string[] = [];
    if (shard) {
      // A shard stops at its documents' TEI; `recto merge` makes the edition from all shards.
      const record: ShardRecord = {
        shard,
        edition: meta,
        documents: plan.map((d) => d.name),
        built: selected.map((d) => d.name),
        introduction,
      };
      const path = join(options.out, SHARD_FILE);
      await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
      files.push(path);
      // (its own entry: a shard built into a folder that holds an edition removes none of its TEI)
      await recordWritten(options.out, { shard: files });
    } else {
      const output = await publishEdition({
        meta,
        documents: plan.length,
        introduction,
        members: results.map((r) => r.xml),
        out: options.out,
        formats: options.formats,
        // what a writer says (a character no PDF font has) is counted in the build's summary too
        reporter: {
          info: (m) => options.reporter.info(m),
          diagnostic: (d) => {
            diagnostics.push(d);
            options.reporter.diagnostic(d);
          },
        },
        sources: edition.dir,
        ...(options.assets ? { assets: options.assets } : {}),
        ...(edition.look ? { look: edition.look } : {}),
        runner,
        cache,
        progress,
      });
      const tei = [...files, output.editionXml];
      files.push(output.editionXml, ...output.files);
      rendered = output.rendered;
      // What this build made is what the output folder holds: what an earlier build of these
      // formats wrote and this one did not (a document removed or renamed) goes.
      await recordWritten(options.out, { tei, ...output.byFormat });
      await cache?.prune('normalize');
      await cache?.prune('parse', { ifUsed: true });
    }
    const usage = runner.usage();
    return {
      profile: {
        stages: takeProfile(),
        workers: usage?.threads ?? 0,
        utilisation: usage?.utilisation ?? 0,
        cpuSeconds: cpuSince(cpu),
        // (the process's: the worker threads' memory is in it)
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      documents: selected.length,
      files,
      diagnostics,
      seconds: (performance.now() - started) / 1000,
      normalized,
      changed,
      paragraphs: new Map(selected.map((d, k) => [d.path, results[k]?.paragraphs ?? []])),
      rendered,
      threads: runner.threads,
    };
  } finally {
    progress.stop();
    await runner.close();
  }
}
