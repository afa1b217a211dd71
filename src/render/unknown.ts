import type { UnknownElement } from '../model/edition.ts';
import type { ModelNotice } from '../model/notices.ts';
import type { Reporter } from '../report.ts';
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

/**
 * What the model met in the TEI (an unknown rendition, a duplicate id, an internal remark kept
 * out of the text), once per build whatever the formats: at its first occurrence, with a count.
 */
export function reportModelNotices(
  reporter: Reporter,
  file: string,
  notices: ModelNotice[] | undefined,
): void {
  for (const n of notices ?? [])
    reporter.diagnostic({
      file,
      position: n.at ?? { line: 1, column: 1 },
      severity: n.severity,
      ruleId: n.ruleId,
      message: n.count > 1 ? `${n.message} (${n.count}×)` : n.message,
    });
}
