import { stat } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { readEdition } from '../model/documents.ts';
import { RENDER_FORMATS } from '../render/formats.ts';
import { masterReader } from '../render/master.ts';
import type { Reporter } from '../report.ts';
import { checkFormats } from './outputs.ts';
import { jobCount, runnerFor } from './pool.ts';
import { type Progress, silentProgress } from './progress.ts';
import { renderFormats } from './render-stage.ts';

export interface RenderOptions {
  file: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  jobs?: number;
  progress?: Progress;
}

/** `recto render`: the renderers `recto build` uses, on a TEI file someone else wrote. */
export async function render(
  options: RenderOptions,
): Promise<{ documents: number; files: string[]; seconds: number }> {
  const started = performance.now();
  checkFormats(options.formats, RENDER_FORMATS);
  try {
    await stat(options.file);
  } catch {
    throw new InputError(`${options.file}: no such file`);
  }
  // Read once here to refuse hostile or non-TEI input before any renderer starts.
  const documents = readEdition(await masterReader(options.file)()).documents.length;
  const runner = runnerFor(options.formats.length > 1 ? jobCount(options.jobs) : 1);
  const progress = options.progress ?? silentProgress;
  try {
    // No cache: a foreign TEI file is rendered as it is each time.
    const { files } = await renderFormats({
      editionXml: options.file,
      outDir: options.out,
      formats: options.formats,
      reporter: options.reporter,
      runner,
      progress,
    });
    return { documents, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
    await runner.close();
  }
}
