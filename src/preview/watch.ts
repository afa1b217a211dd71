import { resolve } from 'node:path';
import { watch } from 'chokidar';

export interface Watcher {
  ready: Promise<void>; // the initial scan is done: changes from now on are reported
  close(): Promise<void>;
}

/**
 * Calls `onChanges` with the files that changed, once a burst of changes is over: an editor's
 * save (often a write to a temporary file and a rename), a `git checkout` or a search-and-replace
 * over many sources becomes one rebuild. Waits `settle` ms after the last event of a burst.
 */
export function watchFiles(
  paths: string[],
  ignored: string[],
  onChanges: (files: string[]) => void,
  settle = 40,
): Watcher {
  const skip = ignored.map((p) => resolve(p));
  const watcher = watch(paths, {
    ignoreInitial: true,
    ignored: (path: string) =>
      skip.some((s) => resolve(path) === s || resolve(path).startsWith(`${s}/`)) ||
      /(^|\/)(\.git|node_modules)(\/|$)|~$|\.swp$/.test(path),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changed = (path: string): void => {
    pending.add(resolve(path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending].sort();
      pending = new Set();
      onChanges(files);
    }, settle);
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, changed);
  const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
