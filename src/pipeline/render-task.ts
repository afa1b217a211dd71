import type { ModelEdition } from '../model/edition.ts';
import { type Profile, profiled, timeAsync } from '../profile.ts';
import { useProjectTemplates } from '../render/template.ts';
import type { WriterOptions } from '../render/writer.ts';
import { isRenderFormat, WRITERS, writerFor } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { type CarriedError, carryErrors } from './carried-error.ts';
import type { Message, RenderedFiles } from './render-messages.ts';

export type { Message, RenderedFiles } from './render-messages.ts';

/**
 * One writer run as the build schedules it, in a worker thread or inline: the edition model (built
 * once by the build; a thread gets a copy) and the writer's options in, the files written and
 * what the writer would have printed out, so the main thread prints every message in a fixed
 * order whichever thread finished first.
 */
export interface RenderTask {
  kind: 'render';
  format: string;
  edition: ModelEdition;
  outDir: string;
  options: Omit<WriterOptions, 'reporter'>;
}

export async function runRenderTask(task: RenderTask): Promise<RenderedFiles> {
  const writer = writerFor(task.format);
  if (!writer) throw new Error(`no writer for ${task.format}`);
  const messages: Message[] = [];
  const reporter: Reporter = {
    diagnostic: (d) => messages.push({ diagnostic: d }),
    info: (m) => messages.push({ info: m }),
  };
  // the edition's own template files, in force for this writer only (a thread runs one task at a time)
  useProjectTemplates(task.options.look?.templates);
  try {
    const files = await timeAsync(`write ${task.format}`, () =>
      writer.write(task.edition, task.outDir, { ...task.options, reporter }),
    );
    return { files, messages };
  } finally {
    useProjectTemplates(undefined);
  }
}

/** The task as a worker thread runs it: an error the CLI explains comes back as data. */
export const runRenderTaskInThread = (
  task: RenderTask,
): Promise<{ value: RenderedFiles | CarriedError; profile: Profile; seconds: number }> =>
  profiled(() => carryErrors(() => runRenderTask(task)));

/** The formats that have a writer, the longest to write first (each writer's `cost`). */
export const longestFirst = (formats: readonly string[]): string[] =>
  formats.filter(isRenderFormat).sort((a, b) => (writerFor(a)?.cost ?? 9) - (writerFor(b)?.cost ?? 9));

/**
 * A task that does nothing but load writers' libraries into a thread early: the writer of the
 * longest of `formats`, the one the thread will run (the others run on the main thread:
 * publish.ts), or every writer when no formats are named.
 */
export const loaded = async (formats?: string[]): Promise<boolean> => {
  const [longest] = formats ? longestFirst(formats) : [];
  const writers = longest ? [writerFor(longest)] : WRITERS;
  await Promise.all(writers.map((w) => w?.warm()));
  return true;
};
