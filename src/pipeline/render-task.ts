import { masterReader } from '../render/master.ts';
import { RENDERERS } from '../render/registry.ts';
import type { Reporter } from '../report.ts';
import type { Message, RenderedFiles } from './render-messages.ts';

export type { Message, RenderedFiles } from './render-messages.ts';

/**
 * One renderer run as the build schedules it, in a worker thread or inline. The renderer reads
 * the TEI master from disk itself; what it would print is collected and returned, so the main
 * thread prints every message in a fixed order whichever thread finished first.
 */ export interface RenderTask {
  kind: 'render';
  format: string;
  editionXml: string;
  outDir: string;
  formats: string[];
}

export async function runRenderTask(task: RenderTask): Promise<RenderedFiles> {
  const renderer = RENDERERS[task.format as keyof typeof RENDERERS];
  if (!renderer) throw new Error(`no renderer for ${task.format}`);
  const messages: Message[] = [];
  const reporter: Reporter = {
    diagnostic: (d) => messages.push({ diagnostic: d }),
    info: (m) => messages.push({ info: m }),
  };
  const files = await renderer({
    editionXml: task.editionXml,
    master: masterReader(task.editionXml),
    outDir: task.outDir,
    reporter,
    formats: task.formats,
  });
  return { files, messages };
}

/** A task that does nothing: running it loads this module and the renderers into a thread early. */
export const loaded = (): boolean => true;
