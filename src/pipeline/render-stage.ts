import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { type BuildCache, sha256 } from '../cache/store.ts';
import { isRenderFormat } from '../render/formats.ts';
import type { Reporter } from '../report.ts';
import { publishDownloads } from './downloads.ts';
import type { TaskRunner } from './pool.ts';
import type { Progress } from './progress.ts';
import { type Message, type RenderedFiles, replay } from './render-messages.ts';

/**
 * The renderers over one TEI master. Each format is one task: on a thread pool the PDF (the
 * longest) starts first and the others share the remaining threads. A format whose master,
 * code, templates and settings are unchanged, and whose files are still as it wrote them, is not
 * rendered again.
 */
export interface RenderStageOptions {
  editionXml: string;
  masterSha256?: string; // of the master's text, when the caller has it (else the file is read)
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
  messages: Message[]; // what the renderer said, said again when it is not rerun
}

/** Longest first, so a pool's threads finish together. */
const COST: Record<string, number> = { pdf: 0, html: 1, epub: 2 };

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

export async function renderFormats(
  options: RenderStageOptions,
): Promise<{ files: string[]; rendered: string[] }> {
  const { outDir, cache, runner } = options;
  const formats = options.formats.filter(isRenderFormat);
  if (formats.length === 0) return { files: [], rendered: [] };
  const master = options.masterSha256 ?? sha256(await readFile(options.editionXml));
  const stage = options.progress.stage('render', formats.length);
  const rendered: string[] = [];

  const one = async (format: string): Promise<RenderedFiles> => {
    const key = sha256(stageFingerprint(format), master, options.formats.join(','));
    const record = await cache?.get<RenderRecord>('render', format);
    if (record && upToDate(record, key, outDir)) {
      stage.tick();
      return {
        files: record.files.map((f) => resolve(outDir, f.path)),
        messages: record.messages,
        cached: true,
      };
    }
    const result = await runner.render({
      kind: 'render',
      format,
      editionXml: options.editionXml,
      masterSha256: master,
      outDir,
      formats: options.formats,
    });
    rendered.push(format);
    const files = await Promise.all(
      result.files.map(async (path) => ({
        path: relative(outDir, path),
        sha256: sha256(await readFile(path)),
      })),
    );
    await cache?.put<RenderRecord>('render', format, { key, files, messages: result.messages });
    stage.tick();
    return result;
  };

  const byCost = [...formats].sort((a, b) => (COST[a] ?? 9) - (COST[b] ?? 9));
  const results = new Map<string, RenderedFiles>();
  if (runner.threads > 1) {
    // The PDF goes to the thread that loaded the renderers while the documents were normalized;
    // asked for before that thread says it is ready, it went to a new thread that had to load
    // them first (0.5 s later on the critical path).
    await runner.warmed();
    const done = await Promise.all(byCost.map(one));
    byCost.forEach((f, k) => {
      results.set(f, done[k] as RenderedFiles);
    });
  } else {
    for (const f of byCost) results.set(f, await one(f)); // one at a time: one book in memory
  }
  // Messages and files in the order the formats were asked for, whichever finished first.
  const files: string[] = [];
  for (const f of formats) {
    const r = results.get(f) as RenderedFiles;
    replay(r.messages, options.reporter);
    files.push(...r.files);
  }
  files.push(...(await publishDownloads(options.outDir, formats, files)));
  const fresh = formats.filter((f) => rendered.includes(f));
  stage.done(
    fresh.length === formats.length
      ? formats.join(', ')
      : `${fresh.join(', ') || 'nothing'} rendered; ${formats.filter((f) => !fresh.includes(f)).join(', ')} up to date`,
  );
  return { files, rendered: fresh };
}
