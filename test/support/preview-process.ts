import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run.ts';

export interface PreviewProcess {
  url: string;
  child: ChildProcess;
  output: () => string; // what it printed on stderr so far
  /** Ctrl-C: resolves with the exit code once the process has stopped. */
  interrupt: () => Promise<number | null>;
}

/** `recto preview` as a user starts it (`node bin/recto.js preview …`), on any free port; resolves once it serves. */
export function startPreviewProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<PreviewProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/recto.js'), 'preview', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`preview did not start:\n${stderr}`)), 120_000);
    child.once('exit', () => fail(new Error(`preview exited:\n${stderr}`)));
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const url = /Preview: (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      done({
        url,
        child,
        output: () => stderr,
        interrupt: () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}
