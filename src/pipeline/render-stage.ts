import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve } from 'node:path';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { type BuildCache, sha256 } from '../cache/store.ts';
import type { EditionMeta } from '../meta.ts';
import { documentTei } from '../model/documents.ts';
import type { TeiMaster } from '../model/master.ts';
import type { Download } from '../render/writer.ts';
import { WRITERS, writerFor } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { documentTeiText } from './document-tei.ts';
import { publishDownloads } from './downloads.ts';
import type { TaskRunner } from './pool.ts';
import type { Progress } from './progress.ts';
import { type Message, type RenderedFiles, replay } from './render-messages.ts';

/**
 * The writers over one TEI master. The master is read and its model built once, here, and the
 * model handed to every writer that has work to do (across threads it is copied, which costs a
 * fraction of reading it again). Each format is one task: on a thread pool the longest starts
 * first and the others share the remaining threads. A format whose master, code, templates and
 * settings are unchanged, and whose files are still as it wrote them, is not written again, and
 * when no format has work the master is not even read.
 */
export interface RenderStageOptions {
  master: TeiMaster;
  masterSha256?: string; // of the master's text, when the caller has it (else the file is read)
  /** Each document's serialized TEI in corpus order, when the caller wrote them (`recto build`). */
  members?: string[];
  outDir: string;
  formats: string[];
  reporter: Reporter;
  runner: TaskRunner;
  cache?: BuildCache;
  progress: Progress;
}

interface RenderRecord {
  key: string;
  files: { path: string; sha256: string }[]; // paths relative to the output folder
  messages: Message[]; // what the writer said, said again when it is not rerun
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

/**
 * What the reading site offers for download: the TEI master, then the book of each writer that
 * has one and is made in this build (copied into `html/downloads/` once made).
 */
export function siteDownloads(meta: EditionMeta, formats: string[]): Download[] {
  const downloads: Download[] = [{ href: 'downloads/edition.xml', label: 'TEI P5 master (XML)' }];
  for (const w of WRITERS) {
    const file = w.outputs(meta)[0];
    if (w.download && file && formats.includes(w.format))
      downloads.push({ href: `downloads/${basename(file)}`, label: w.download });
  }
  return downloads;
}

/** Each document's own TEI by id: the members as the caller wrote them, else serialized from the master. */
async function ownTei(master: TeiMaster, members: string[] | undefined): Promise<Map<string, string>> {
  if (!members) return documentTeiText(master);
  const ids = [...documentTei(await master.read()).keys()];
  return new Map(ids.map((id, k) => [id, members[k] ?? '']));
}

export async function renderFormats(
  options: RenderStageOptions,
): Promise<{ files: string[]; rendered: string[] }> {
  const { outDir, cache, runner, master } = options;
  const formats = options.formats.filter((f) => writerFor(f) !== undefined);
  if (formats.length === 0) return { files: [], rendered: [] };
  const masterSha256 = options.masterSha256 ?? sha256(await readFile(master.file));
  const stage = options.progress.stage('render', formats.length);
  const keyOf = (format: string): string =>
    sha256(stageFingerprint(format), masterSha256, options.formats.join(','));

  const results = new Map<string, RenderedFiles>();
  const todo: string[] = [];
  for (const format of formats) {
    const record = await cache?.get<RenderRecord>('render', format);
    if (record && upToDate(record, keyOf(format), outDir)) {
      stage.tick();
      results.set(format, {
        files: record.files.map((f) => resolve(outDir, f.path)),
        messages: record.messages,
        cached: true,
      });
    } else todo.push(format);
  }

  if (todo.length) {
    const edition = await master.edition();
    const writerOptions = {
      formats: options.formats,
      downloads: siteDownloads(edition.meta, options.formats),
      masterFile: master.file,
      documentTei: todo.includes('html') ? await ownTei(master, options.members) : new Map<string, string>(),
    };
    const one = async (format: string): Promise<void> => {
      const result = await runner.render({ kind: 'render', format, edition, outDir, options: writerOptions });
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
    const byCost = [...todo].sort((a, b) => (writerFor(a)?.cost ?? 9) - (writerFor(b)?.cost ?? 9));
    if (runner.threads > 1) {
      // The longest goes to the thread that loaded the writers while the documents were
      // normalized; asked for before that thread says it is ready, it went to a new thread that
      // had to load them first (0.5 s later on the critical path).
      await runner.warmed();
      await Promise.all(byCost.map(one));
    } else {
      for (const f of byCost) await one(f); // one at a time: one book in memory
    }
  }

  // Messages and files in the order the formats were asked for, whichever finished first.
  const files: string[] = [];
  for (const f of formats) {
    const r = results.get(f) as RenderedFiles;
    replay(r.messages, options.reporter);
    files.push(...r.files);
  }
  const books = formats.flatMap((f) =>
    writerFor(f)?.download ? (results.get(f)?.files.slice(0, 1) ?? []) : [],
  );
  files.push(...(await publishDownloads(outDir, formats, books)));
  const fresh = formats.filter((f) => todo.includes(f));
  stage.done(
    fresh.length === formats.length
      ? formats.join(', ')
      : `${fresh.join(', ') || 'nothing'} rendered; ${formats.filter((f) => !fresh.includes(f)).join(', ')} up to date`,
  );
  return { files, rendered: fresh };
}
