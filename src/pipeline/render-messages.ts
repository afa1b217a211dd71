import type { Diagnostic } from '../diagnostics.ts';
import type { Reporter } from '../report.ts';

/**
 * What a renderer run hands back across threads: the files it wrote and what it would have
 * printed, replayed by the main thread in a fixed order. (Kept apart from the task itself so the
 * main thread can read results without loading the renderers.)
 */
export type Message = { diagnostic: Diagnostic } | { info: string };

export interface RenderedFiles {
  files: string[];
  messages: Message[];
  cached?: boolean; // up to date: not rendered in this run
}

export function replay(messages: Message[], reporter: Reporter): void {
  for (const m of messages) {
    if ('diagnostic' in m) reporter.diagnostic(m.diagnostic);
    else reporter.info(m.info);
  }
}
