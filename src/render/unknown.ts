import type { UnknownElement } from '../model/edition.ts';
import type { WriterOptions } from './writer.ts';

/** One warning per TEI element the model has no kind for, at its first occurrence, with how often it occurs. */
export function reportUnknownElements(
  options: Pick<WriterOptions, 'reporter' | 'masterFile'>,
  format: string,
  unknown: UnknownElement[],
): void {
  for (const u of unknown) {
    options.reporter.diagnostic({
      file: options.masterFile,
      position: u.at ?? { line: 1, column: 1 },
      severity: 'warning',
      ruleId: `${format}-unknown-element`,
      message: `<${u.name}> has no ${format.toUpperCase()} mapping; rendered as its text (${u.count}×)`,
    });
  }
}
