import { masterReader } from '../render/master.ts';
import { RENDERERS } from '../render/registry.ts';
import type { Reporter } from '../report.ts';
import type { TeiElement } from '../tei/node.ts';
import { type CarriedError, carryErrors } from './carried-error.ts';
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
  masterSha256: string; // of editionXml's text: formats on one thread share one reading of it
  outDir: string;
  formats: string[];
}

/**
 * The master this thread read last. A thread that renders the HTML and then the EPUB parses the
 * master once; the hash tells a rewritten file at the same path from the one read.
 */
let lastMaster: { path: string; sha256: string; read: () => Promise<TeiElement> } | undefined;

function sharedMaster(path: string, sha256: string): () => Promise<TeiElement> {
  if (lastMaster?.path !== path || lastMaster.sha256 !== sha256)
    lastMaster = { path, sha256, read: masterReader(path) };
  return lastMaster.read;
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
    master: sharedMaster(task.editionXml, task.masterSha256),
    outDir: task.outDir,
    reporter,
    formats: task.formats,
  });
  return { files, messages };
}

/** The task as a worker thread runs it: an error the CLI explains comes back as data. */
export const runRenderTaskInThread = (task: RenderTask): Promise<RenderedFiles | CarriedError> =>
  carryErrors(() => runRenderTask(task));

/** A task that does nothing: running it loads this module and the renderers into a thread early. */
export const loaded = (): boolean => true;
