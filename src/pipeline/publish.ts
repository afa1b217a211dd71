import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { type BuildCache, sha256 } from '../cache/store.ts';
import type { Look } from '../meta.ts';
import { documentTei } from '../model/documents.ts';
import type { TeiMaster } from '../model/master.ts';
import { timeAsync, timeSync } from '../profile.ts';
import { findFigureImages, folderFingerprint } from '../render/figures.ts';
import { reportModelNotices } from '../render/unknown.ts';
import type { WriterOptions } from '../render/writer.ts';
import { writerFor } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { documentTeiText } from './document-tei.ts';
import { publishDownloads, siteDownloads } from './downloads.ts';
import { inlineRunner, jobCount, runnerFor, type TaskRunner } from './pool.ts';
import { type Progress, silentProgress } from './progress.ts';
import { type Message, type RenderedFiles, replay } from './render-messages.ts';
import { longestFirst } from './render-task.ts';

export interface PublishOptions {
  /** The output folder. */
  out: string;
  reporter: Reporter;
  /** Where the writers run: a runner the caller holds (`recto build`'s, warmed while it normalized) … */
  runner?: TaskRunner;
  /** … else one made here and closed at the end: `jobs` threads when several formats are made. */
  jobs?: number;
  /** The build cache: a format whose inputs are unchanged and whose files are intact is not written again. */
  cache?: BuildCache;
  progress?: Progress;
  masterSha256?: string; // of the master's text, when the caller has it (else the file is read)
  /** Each document's serialized TEI in corpus order, when the caller wrote them (`recto build`). */
  members?: string[];
  /** The sources folder the master was built from, for the writers' diagnostics. */
  sources?: string;
  /** The PDF's shape (a reader's handout: the item alone, its pages numbered from 1). */
  layout?: WriterOptions['layout'];
  /** A folder of the figures' images (`--assets`), looked in before the TEI's own folder. */
  assets?: string;
  /** The edition's own look (`edition.json` `style`, its `templates/` folder). */
  look?: Look;
}

/** Every file of the formats, also by format (what `.written.json` records), and the formats written now. */
export interface Published {
  files: string[];
  byFormat: Record<string, string[]>;
  rendered: string[];
}

interface RenderRecord {
  key: string;
  files: { path: string; sha256: string }[]; // paths relative to the output folder
  messages: Message[]; // what the writer said, said again when it is not rerun
}

/** What finding the figures' images said, said again when no writer is rerun. */
interface FiguresRecord {
  key: string;
  messages: Message[];
}

function upToDate(record: RenderRecord | undefined, key: string, outDir: string): boolean {
  if (!record || record.key !== key) return false;
  // Read synchronously: a thousand small pages are checked several times faster than through
  // the thread pool's round trips, and nothing else waits on this thread meanwhile.
  for (const f of record.files) {
    try {
      if (sha256(readFileSync(resolve(outDir, f.path))) !== f.sha256) return false;
    } catch {
      return false; // deleted since
    }
  }
  return true;
}

/** Each document's own TEI by id: the members as the caller wrote them, else serialized from the master. */
async function ownTei(master: TeiMaster, members: string[] | undefined): Promise<Map<string, string>> {
  if (!members) return documentTeiText(master);
  const ids = [...documentTei(await master.read()).keys()];
  return new Map(ids.map((id, k) => [id, members[k] ?? '']));
}

/**
 * A TEI master → every writer of `formats` (the others, `tei`, are the caller's): what `recto
 * build`, `render` and `reader` (its book and its handouts) all end with. The master is read and
 * its model built once, here, and the model handed to every writer that has work to do (across
 * threads it is copied, which costs a fraction of reading it again). Each format is one task: on a
 * thread pool the longest starts first and the others share the remaining threads. A format whose
 * master, code, templates and settings are unchanged, and whose files are still as it wrote them,
 * is not written again, and when no format has work the master is not even read. Returns every
 * file of the formats (the books copied into the site's downloads among them) and the formats
 * written in this run.
 */
export async function publish(
  master: TeiMaster,
  formats: string[],
  options: PublishOptions,
): Promise<Published> {
  const renders = formats.filter((f) => writerFor(f) !== undefined);
  if (renders.length === 0) return { files: [], byFormat: {}, rendered: [] };
  const runner = options.runner ?? runnerFor(renders.length > 1 ? jobCount(options.jobs) : 1);
  try {
    return await writeFormats(master, formats, renders, { ...options, runner });
  } finally {
    if (!options.runner) await runner.close();
  }
}

async function writeFormats(
  master: TeiMaster,
  formats: string[],
  renders: string[],
  options: PublishOptions & { runner: TaskRunner },
): Promise<Published> {
  const { out: outDir, cache, runner } = options;
  // (the master's hash keys the cache: not read for nothing when there is none)
  const masterSha256 = cache ? (options.masterSha256 ?? sha256(await readFile(master.file))) : '';
  const stage = (options.progress ?? silentProgress).stage('render', renders.length);
  // (the images a figure shows are inputs too: the folder they are looked for in, as it stands)
  const assetsKey = cache ? await folderFingerprint(options.assets) : '';
  // (and the edition's own look: its style and its template files, as they stand)
  const lookKey =
    cache && options.look
      ? [`${JSON.stringify(options.look.style ?? {})}\n${await folderFingerprint(options.look.templates)}`]
      : [];
  const keyOf = (format: string): string =>
    sha256(stageFingerprint(format), masterSha256, formats.join(','), assetsKey, ...lookKey);
  const figuresKey = cache ? sha256('figures', ...renders.map(keyOf)) : '';

  const results = new Map<string, RenderedFiles>();
  const todo: string[] = [];
  for (const format of renders) {
    const record = await cache?.get<RenderRecord>('render', format);
    if (record && timeSync('cache', () => upToDate(record, keyOf(format), outDir))) {
      stage.tick();
      results.set(format, {
        files: record.files.map((f) => resolve(outDir, f.path)),
        messages: record.messages,
        cached: true,
      });
    } else todo.push(format);
  }

  let figureMessages: Message[] = [];
  if (todo.length) {
    const edition = await timeAsync('model', () => master.edition());
    // The figures' images, found once for every writer; what is missing is said once, here.
    const figures = await findFigureImages(edition, {
      masterFile: master.file,
      folders: [options.assets, dirname(master.file), options.sources],
    });
    figureMessages = figures.diagnostics.map((d) => ({ diagnostic: d }));
    await cache?.put<FiguresRecord>('render', 'figures', { key: figuresKey, messages: figureMessages });
    reportModelNotices(options.reporter, master.file, edition.notices);
    const writerOptions = {
      formats,
      downloads: siteDownloads(edition.meta, formats),
      masterFile: master.file,
      documentTei: todo.includes('html') ? await ownTei(master, options.members) : new Map<string, string>(),
      ...(options.layout ? { layout: options.layout } : {}),
      ...(options.sources ? { sources: options.sources } : {}),
      ...(Object.keys(figures.images).length ? { images: figures.images } : {}),
      ...(options.look ? { look: options.look } : {}),
    };
    const one = async (format: string, on: TaskRunner = runner): Promise<void> => {
      // (what a writer keeps across builds is keyed by its code and the look, not by the master)
      const kept = cache
        ? { cache: { dir: cache.dir, key: sha256(stageFingerprint(format), ...lookKey) } }
        : {};
      const result = await on.render({
        kind: 'render',
        format,
        edition,
        outDir,
        options: { ...writerOptions, ...kept },
      });
      const files = await Promise.all(
        result.files.map(async (path) => ({
          path: relative(outDir, path),
          sha256: sha256(await readFile(path)),
        })),
      );
      await cache?.put<RenderRecord>('render', format, {
        key: keyOf(format),
        files,
        messages: result.messages,
      });
      results.set(format, result);
      stage.tick();
    };
    // Longest first, so a pool's threads finish together.
    const byCost = longestFirst(todo);
    if (runner.threads > 1) {
      // The longest goes to the thread that loaded the writers while the documents were
      // normalized; asked for before that thread says it is ready, it went to a new thread that
      // had to load them first (0.5 s later on the critical path). The others go to the threads
      // already started (a build that normalized on every thread), else run here, one after
      // another, while this thread would only wait (after an edit, normalized here): the PDF
      // outlasts them together (the FRUS volume: about 7 s of CPU against 1.4 s for HTML and 0.9 s
      // for EPUB), and no thread has to start, load their writers and be handed a copy of the
      // model for each (about 0.2 s each).
      await runner.warmed();
      const started = runner.usage()?.threads ?? 0;
      const [longest, ...others] = byCost;
      await Promise.all([
        longest === undefined ? undefined : one(longest),
        started >= 2
          ? Promise.all(others.map((f) => one(f)))
          : (async () => {
              for (const f of others) await one(f, inlineRunner);
            })(),
      ]);
    } else {
      for (const f of byCost) await one(f); // one at a time: one book in memory
    }
  } else {
    const record = await cache?.get<FiguresRecord>('render', 'figures');
    if (record?.key === figuresKey) figureMessages = record.messages;
  }

  // Messages and files in the order the formats were asked for, whichever finished first.
  replay(figureMessages, options.reporter);
  const files: string[] = [];
  const byFormat: Record<string, string[]> = {};
  for (const f of renders) {
    const r = results.get(f) as RenderedFiles;
    replay(r.messages, options.reporter);
    files.push(...r.files);
    byFormat[f] = [...r.files];
  }
  const books = renders.flatMap((f) =>
    writerFor(f)?.download ? (results.get(f)?.files.slice(0, 1) ?? []) : [],
  );
  const downloads = await publishDownloads(outDir, renders, books);
  files.push(...downloads);
  // the books' copies are the site's: they go with it (an HTML build without the EPUB drops its copy)
  byFormat.html?.push(...downloads);
  const fresh = renders.filter((f) => todo.includes(f));
  stage.done(
    fresh.length === renders.length
      ? renders.join(', ')
      : `${fresh.join(', ') || 'nothing'} rendered; ${renders.filter((f) => !fresh.includes(f)).join(', ')} up to date`,
  );
  return { files, byFormat, rendered: fresh };
}
