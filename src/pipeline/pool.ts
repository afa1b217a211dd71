import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { RectoError } from '../errors.ts';
import { mergeProfile, type Profile } from '../profile.ts';
import { rethrowCarried } from './carried-error.ts';
import { type NormalizedXml, type NormalizeTask, runNormalizeTask } from './normalize-task.ts';
import type { RenderedFiles, RenderTask } from './render-task.ts';

/**
 * Where the build's tasks run: a piscina pool of worker threads (one per core), or this thread.
 * Both run the same task functions; results come back in the order they were asked for, so the
 * output does not depend on which thread was faster.
 */
export interface TaskRunner {
  readonly threads: number;
  normalize(task: NormalizeTask): Promise<NormalizedXml>;
  render(task: RenderTask): Promise<RenderedFiles>;
  /** Starts a thread and loads the renderer of the longest of `formats` in it now, while this thread normalizes. */
  warm(formats?: string[]): void;
  /** Resolves once the thread warm() started is ready (at once if none was). */
  warmed(): Promise<void>;
  /** The worker threads started and the share of their time spent on tasks (none: this thread only). */
  usage(): { threads: number; utilisation: number } | undefined;
  close(): Promise<void>;
}

/**
 * What a worker thread needs to load this code: nothing when it runs compiled (dist/, the CLI);
 * tsx's loader when it runs as TypeScript (the tests, the bench), named by its full address — a bare
 * `tsx` is looked up from the working directory, and a worker started from any other folder than
 * the project's could not load, the build waiting on it forever.
 */
const COMPILED = import.meta.url.endsWith('.js');
const LOADER: string[] = COMPILED ? [] : ['--import', import.meta.resolve('tsx')];

/** The thread count: --jobs, else RECTO_JOBS, else every core the machine offers. */
export function jobCount(requested?: number): number {
  const n = requested ?? (process.env.RECTO_JOBS ? Number(process.env.RECTO_JOBS) : availableParallelism());
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** A pool when there is more than one thread to use, else this thread. */
export const runnerFor = (threads: number): TaskRunner => (threads > 1 ? threadPool(threads) : inlineRunner);

export const inlineRunner: TaskRunner = {
  threads: 1,
  normalize: async (task) => runNormalizeTask(task),
  // loaded on first use: a build of TEI alone never loads the renderers
  render: async (task) => (await import('./render-task.ts')).runRenderTask(task),
  warm: () => {},
  warmed: async () => {},
  usage: () => undefined,
  close: async () => {},
};

/**
 * Threads start with the first task: a build whose documents all come from the cache starts none.
 * Each task names its module and function (piscina loads them on first use), so a thread that only
 * normalizes never loads pdfkit.
 */
export function threadPool(threads: number, execArgv: string[] = LOADER): TaskRunner {
  let pool: Piscina | undefined;
  let warming: Promise<void> | undefined;
  // Thread use for `recto build --profile`: the seconds the threads spent on tasks, against the
  // seconds they were there (the threads started, since the pool started).
  let poolStarted = 0;
  let busy = 0;
  /** A thread's result: its figures join this thread's profile. */
  const unwrap = <T>(result: { value: T; profile: Profile; seconds: number }): T => {
    mergeProfile(result.profile);
    busy += result.seconds;
    return result.value;
  };
  // A thread that dies outside a task (it could not even start) fails every task waiting on the
  // pool, at once: piscina would leave them pending, and the build would end with nothing said.
  let broken: RectoError | undefined;
  const waiting = new Set<(error: RectoError) => void>();
  const failed = (error: Error): RectoError =>
    new RectoError(
      `a worker thread failed: ${error.message.split('\n')[0]} (--jobs 1 builds in this thread)`,
    );
  // what a thread that could not load says (piscina rejects the task it was started for with it)
  const cannotStart = (error: unknown): boolean =>
    ['ERR_MODULE_NOT_FOUND', 'ERR_WORKER_INIT_FAILED'].includes((error as { code?: string }).code ?? '');
  const guarded = async <T>(task: Promise<T>): Promise<T> => {
    if (broken) {
      task.catch(() => {}); // (piscina rejects it when the pool closes: nothing more to say)
      throw broken;
    }
    let fail: ((error: RectoError) => void) | undefined;
    try {
      return await new Promise<T>((resolve, reject) => {
        fail = reject;
        waiting.add(reject);
        task.then(resolve, reject);
      });
    } catch (error) {
      if (error instanceof RectoError) throw error;
      if (broken) throw broken;
      if (cannotStart(error)) throw failed(error as Error);
      throw error;
    } finally {
      if (fail) waiting.delete(fail);
    }
  };
  const started = (): Piscina => {
    if (!pool) {
      poolStarted = performance.now();
      pool = new Piscina({
        execArgv,
        // One thread starts with the pool (warm() loads the renderers in it for the PDF, the
        // longest task); more start when tasks queue and stay until the pool closes. Warming every
        // thread at once took cores from the normalization the PDF waits for.
        minThreads: 1,
        maxThreads: threads,
        idleTimeout: Number.POSITIVE_INFINITY,
      });
      pool.on('error', (error: Error) => {
        broken ??= failed(error);
        for (const fail of waiting) fail(broken);
        waiting.clear();
      });
    }
    return pool;
  };
  const task = (file: string, name: string) => ({
    // (compiled, './x.ts' reads './x.js': scripts/compile.js rewrites relative specifiers)
    filename: new URL(file, import.meta.url).href,
    name,
  });
  return {
    threads,
    normalize: async (t) =>
      rethrowCarried<NormalizedXml>(
        unwrap(await guarded(started().run(t, task('./normalize-task.ts', 'runNormalizeTaskInThread')))),
      ),
    render: async (t) =>
      rethrowCarried<RenderedFiles>(
        unwrap(await guarded(started().run(t, task('./render-task.ts', 'runRenderTaskInThread')))),
      ),
    warm: (formats) => {
      warming ??= started()
        .run(formats ?? null, task('./render-task.ts', 'loaded'))
        .then(
          () => {},
          () => {},
        );
    },
    warmed: () => warming ?? Promise.resolve(),
    usage: () => {
      if (!pool) return undefined;
      const threads = pool.threads.length;
      const available = (threads * (performance.now() - poolStarted)) / 1000;
      return { threads, utilisation: available > 0 ? Math.min(1, busy / available) : 0 };
    },
    close: async () => {
      await pool?.destroy();
    },
  };
}
