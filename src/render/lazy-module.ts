import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

/**
 * A module loaded on first use, once. Writers load their libraries (pdfkit, epub-gen-memory …) only
 * when they write, so the CLI and a build of TEI alone never pay for them. The sources run through
 * tsx: the main thread has its import hook, but a worker thread has only its require hook (an
 * `import()` of a .ts file there fails), so a worker loads the module with `require`, the way
 * piscina loaded the task module itself.
 */
export function lazyModule<T>(url: string): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    // compiled (dist/*.js) every thread imports; only a TypeScript worker needs tsx's require hook
    loaded ??=
      isMainThread || !url.endsWith('.ts')
        ? (import(url) as Promise<T>)
        : Promise.resolve().then(() => createRequire(import.meta.url)(fileURLToPath(url)) as T);
    return loaded;
  };
}
