import { type Diagnostic, diagnosticJson, formatDiagnostic } from './diagnostics.ts';

/** Prints diagnostics (text or JSON lines) to stderr; the pipeline itself never prints. */
export interface Reporter {
  diagnostic(d: Diagnostic): void;
  info(message: string): void;
}

export function consoleReporter(options: { quiet?: boolean; json?: boolean }): Reporter {
  return {
    diagnostic(d) {
      if (options.quiet && d.severity !== 'error') return;
      process.stderr.write(`${options.json ? diagnosticJson(d) : formatDiagnostic(d)}\n`);
    },
    info(message) {
      if (options.quiet) return;
      process.stderr.write(
        options.json ? `${JSON.stringify({ severity: 'info', message })}\n` : `${message}\n`,
      );
    },
  };
}

export const silentReporter: Reporter = { diagnostic() {}, info() {} };
