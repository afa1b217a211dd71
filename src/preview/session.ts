import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { RectoError } from '../errors.ts';
import type { Look } from '../meta.ts';
import { TeiMaster } from '../model/master.ts';
import { build } from '../pipeline/build.ts';
import { loadEdition, publishChanges, sweepTemporaryFiles } from '../pipeline/index.ts';
import { TEMPLATES } from '../render/template.ts';
import { renderFormats } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { type PreviewServer, startPreviewServer } from './server.ts';
import { type Watcher, watchFiles } from './watch.ts';

export interface PreviewOptions {
  sources: string;
  out: string;
  port: number;
  reporter: Reporter;
  /** The formats rebuilt in the background after the HTML (default: EPUB and PDF). */
  books?: string[];
}

/** A diagnostic as the page's overlay shows it: where, what, and the page of that document. */
interface ShownDiagnostic extends Diagnostic {
  href?: string;
}

/** What every open page is told after each step (the overlay and the status line draw it). */
interface PreviewState {
  building: boolean;
  books: 'off' | 'updating' | 'up to date' | 'failed';
  formats: string[];
  diagnostics: ShownDiagnostic[];
  error?: string; // the last build failed: the pages shown are those of the last good build
  built?: number; // count of builds, so a page knows it has seen this one
}

const DIAGNOSTIC_LINE = /^(.+?):(\d+):(\d+): (error|warning|info) \[([^\]]+)\] (.*)$/;

/** An error the CLI explains ("file:line:col: error [rule] message") as diagnostics for the overlay. */
function errorDiagnostics(message: string): Diagnostic[] {
  return message.split('\n').flatMap((line) => {
    const m = DIAGNOSTIC_LINE.exec(line);
    if (!m) return [];
    return [
      {
        file: m[1] ?? '',
        position: { line: Number(m[2]), column: Number(m[3]) },
        severity: m[4] as Diagnostic['severity'],
        ruleId: m[5] ?? '',
        message: m[6] ?? '',
      },
    ];
  });
}

const CLI = join(import.meta.dirname, '../../bin/recto.js');

/**
 * `recto preview`: builds the edition, serves its site, and rebuilds on every change of the
 * sources, the manifest, the introduction or the templates. An edit of documents' sources takes
 * the quick path: their TEI (from the cache for the rest), then the pages that show them, from
 * the master tree kept here with those members read back from disk — the open page reloads in a
 * fraction of a second. Then everything is built again in a child process (the search index, the
 * master's other readers, the EPUB and the PDF), which the next change stops: that build starts
 * over, its atomic writes and checksummed cache entries leave nothing half-written.
 */
export async function startPreview(options: PreviewOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const out = resolve(options.out);
  const sources = resolve(options.sources);
  const books = options.books ?? renderFormats().filter((f) => f !== 'html');
  const formats = ['tei', 'html', ...books];
  const state: PreviewState = { building: true, books: 'off', formats, diagnostics: [], built: 0 };
  let master: TeiMaster | undefined; // the master as last built, its model kept for the quick path
  let documents = new Map<string, { index: number; id: string }>(); // source path → place, xml:id
  let byName = new Map<string, { index: number; id: string }>(); // output name → the same
  let background: ChildProcess | undefined;
  let server: PreviewServer | undefined;

  const publish = (): void => server?.send('state', { ...state });
  let paragraphs = new Map<string, [number, string][]>(); // source path → paragraphs' first lines, ids
  /** A diagnostic with the page of its document, at the paragraph its line falls in when known. */
  const shown = (d: Diagnostic): ShownDiagnostic => {
    const path = resolve(d.file);
    const doc = documents.get(path);
    if (!doc) return d;
    const at = paragraphs.get(path)?.findLast(([line]) => line <= d.position.line);
    return { ...d, href: `/docs/${doc.id}.html${at ? `#${at[1]}` : ''}` };
  };
  const remember = (result: { paragraphs: Map<string, [number, string][]> }): void => {
    for (const [path, list] of result.paragraphs) paragraphs.set(resolve(path), list);
  };

  let look: Look | undefined; // the edition's own templates, for the quick path as for the build
  const readPlan = async (): Promise<void> => {
    const loaded = await loadEdition(sources);
    look = loaded.source.look;
    const plan = loaded.documents;
    documents = new Map(plan.map((d) => [resolve(d.path), { index: d.index, id: d.id }]));
    byName = new Map(plan.map((d) => [d.name, { index: d.index, id: d.id }]));
    master = new TeiMaster(join(out, 'tei', 'edition.xml'));
    await master.edition();
  };

  /** Everything the HTML shows, rebuilt: the first build, and after a manifest or template change. */
  const wholeSite = async (): Promise<string[]> => {
    const result = await build({ sources, out, formats: ['tei', 'html'], reporter: options.reporter });
    await readPlan();
    paragraphs = new Map();
    remember(result);
    state.diagnostics = result.diagnostics.map(shown);
    return ['*'];
  };

  /** Only sources of documents changed: their TEI, then their pages from the kept master. */
  const quick = async (): Promise<string[]> => {
    const result = await build({ sources, out, formats: ['tei'], reporter: options.reporter });
    remember(result);
    state.diagnostics = result.diagnostics.map(shown);
    const kept = master as TeiMaster;
    const changed: number[] = [];
    const changedTei = new Map<string, string>();
    for (const name of result.changed) {
      const doc = byName.get(name);
      if (!doc) return wholeSite(); // a name the plan does not know: start from the master again
      const text = await kept.replaceDocument(doc.index, join(out, 'tei', `${name}.xml`));
      if (text === undefined) return wholeSite(); // the master does not hold it where the plan says
      changedTei.set(doc.id, text);
      changed.push(doc.index);
    }
    if (!changed.length) return [];
    return publishChanges(
      kept,
      formats,
      { positions: changed, tei: changedTei },
      { out, reporter: options.reporter, ...(look ? { look } : {}) },
    );
  };

  const stopBackground = async (): Promise<void> => {
    const child = background;
    background = undefined;
    // (a Ctrl-C on the terminal reaches the child too: it may have stopped by itself)
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    await exited;
    await sweepTemporaryFiles(out); // what the stopped build was writing
  };

  const startBackground = (): void => {
    if (books.length === 0) return;
    state.books = 'updating';
    const args = [
      CLI,
      'build',
      '--sources',
      sources,
      '--out',
      out,
      '--formats',
      formats.join(','),
      '--quiet',
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    background = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code, signal) => {
      if (background !== child || signal) return; // stopped for a newer build
      background = undefined;
      state.books = code === 0 ? 'up to date' : 'failed';
      if (code !== 0) {
        const found = errorDiagnostics(stderr).map(shown);
        state.diagnostics.push(...found);
        if (!found.length) state.error = stderr.trim() || `the build of ${books.join(', ')} failed`;
        options.reporter.info(`preview: the ${books.join(' and ')} build failed`);
      } else options.reporter.info(`preview: ${books.join(', ')} up to date`);
      publish();
    });
  };

  /** One build for a burst of changes; changes during it wait for the next. */
  const rebuild = async (files: string[]): Promise<void> => {
    const started = performance.now();
    await stopBackground();
    state.building = true;
    publish();
    try {
      const onlySources = master !== undefined && !state.error && files.every((f) => documents.has(f));
      const pages = onlySources ? await quick() : await wholeSite();
      state.error = undefined;
      state.built = (state.built ?? 0) + 1;
      state.building = false;
      publish();
      if (pages.length) server?.send('reload', { pages });
      options.reporter.info(
        `preview: rebuilt in ${((performance.now() - started) / 1000).toFixed(2)} s` +
          (pages[0] === '*' ? '' : ` (${pages.length} pages changed)`),
      );
      startBackground();
    } catch (error) {
      // Bad input: the last good pages stay served, the overlay says what is wrong and where.
      // An internal error is shown the same way (the preview keeps running; the next change retries).
      const message =
        error instanceof RectoError
          ? error.message
          : `recto: internal error: ${error instanceof Error ? error.message : String(error)}`;
      state.building = false;
      state.error = message;
      state.books = books.length ? 'failed' : 'off';
      state.diagnostics = errorDiagnostics(message).map(shown);
      options.reporter.info(message);
      publish();
    }
  };

  let running: Promise<void> = Promise.resolve();
  let queued = new Set<string>();
  let waiting = false;
  const schedule = (files: string[]): void => {
    for (const f of files) queued.add(f);
    if (waiting) return; // the queued build will take these too
    waiting = true;
    running = running.then(async () => {
      waiting = false;
      const batch = [...queued];
      queued = new Set();
      await rebuild(batch);
    });
  };

  await sweepTemporaryFiles(out);
  server = await startPreviewServer(join(out, 'html'), options.port);
  await rebuild([]);
  const watched = [sources, join(TEMPLATES)];
  const watcher: Watcher = watchFiles(watched, [out], schedule);
  await watcher.ready;

  return {
    url: server.url,
    async stop() {
      await watcher.close();
      await running; // a build in progress finishes: its cache entries and files stay whole
      await stopBackground();
      await sweepTemporaryFiles(out);
      await server?.close();
    },
  };
}
