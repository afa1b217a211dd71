import { stat } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { TeiMaster } from '../model/master.ts';
import { renderFormats as writerFormats } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { checkAssets, checkFormats, publish } from './index.ts';
import { type Progress, silentProgress } from './progress.ts';
import { recordWritten } from './written.ts';

export interface RenderOptions {
  file: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  jobs?: number;
  progress?: Progress;
  /** A folder of the figures' images (`--assets`), looked in before the TEI file's own folder. */
  assets?: string;
}

/** `recto render`: the writers `recto build` uses, on a TEI file someone else wrote. */
export async function render(
  options: RenderOptions,
): Promise<{ documents: number; files: string[]; seconds: number }> {
  const started = performance.now();
  checkFormats(options.formats, writerFormats());
  try {
    await stat(options.file);
  } catch {
    throw new InputError(`${options.file}: no such file`);
  }
  await checkAssets(options.assets);
  // Read once, here, to refuse hostile or non-TEI input before any writer starts; every writer
  // is handed this reading's model.
  const master = new TeiMaster(options.file);
  const documents = (await master.edition()).documents.length;
  const progress = options.progress ?? silentProgress;
  try {
    // No cache: a foreign TEI file is rendered as it is each time.
    const { files, byFormat } = await publish(master, options.formats, {
      out: options.out,
      reporter: options.reporter,
      jobs: options.jobs,
      progress,
      ...(options.assets ? { assets: options.assets } : {}),
    });
    // What an earlier render of these formats wrote and this one did not (a figure no longer
    // found, a document the new TEI lacks) goes, as after `recto build`.
    await recordWritten(options.out, byFormat);
    return { documents, files, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}
