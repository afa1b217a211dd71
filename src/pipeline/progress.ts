import { createRequire } from 'node:module';

/**
 * What a build says while it runs. On a terminal: a live bar (cli-progress) per stage, shown
 * only once the build has taken a second, so quick builds stay silent. Elsewhere (CI, a pipe, a
 * log file): one plain line per finished stage. `--quiet`: nothing.
 */
export interface StageProgress {
  tick(): void;
  done(detail: string): void;
}

export interface Progress {
  stage(name: string, total: number): StageProgress;
  stop(): void;
}

const DELAY_MS = 1000;

export const silentProgress: Progress = {
  stage: () => ({ tick() {}, done() {} }),
  stop() {},
};

/** Plain lines: `normalize: 507 documents (505 from the cache), 0.84 s`. */
export function lineProgress(write: (line: string) => void): Progress {
  return {
    stage(name) {
      const started = performance.now();
      return {
        tick() {},
        done(detail) {
          write(`${name}: ${detail}, ${((performance.now() - started) / 1000).toFixed(2)} s`);
        },
      };
    },
    stop() {},
  };
}

/** A live bar on stderr; finished stages stay on screen as plain lines. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, delayMs = DELAY_MS): Progress {
  const started = performance.now();
  // loaded here, not at the top: only a build on a terminal draws bars, and `recto --version` or a
  // build in CI should not pay for loading the library
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{stage} [{bar}] {value}/{total} {unit}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let active = false;
  const lines = lineProgress((line) => {
    if (active) bar.stop();
    active = false;
    stream.write(`${line}\n`);
  });
  return {
    stage(name, total) {
      const line = lines.stage(name, total);
      let value = 0;
      const show = (): void => {
        if (performance.now() - started < delayMs) return;
        if (!active) {
          bar.start(total, value, { stage: name, unit: name === 'normalize' ? 'documents' : 'formats' });
          active = true;
        } else bar.update(value);
      };
      show(); // a stage that starts after the delay shows at once, before its first step ends
      return {
        tick() {
          value++;
          show();
        },
        done(detail) {
          line.done(detail);
        },
      };
    },
    stop() {
      if (active) bar.stop();
      active = false;
    },
  };
}

/** The display for this run: a bar on an interactive terminal, lines in CI or a pipe. */
export function progressFor(options: { quiet?: boolean; json?: boolean }): Progress {
  if (options.quiet || options.json) return silentProgress;
  const interactive = process.stderr.isTTY && !process.env.CI;
  return interactive ? terminalProgress() : lineProgress((line) => process.stderr.write(`${line}\n`));
}
