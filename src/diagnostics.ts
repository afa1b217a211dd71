/**
 * Diagnostics travel with the file they describe (as in vfile): the pipeline collects them,
 * reporters print them. Every message has a rule id and a position, like a compiler's.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  line: number; // 1-based
  column: number; // 1-based, in UTF-16 code units of the decoded text
}

/** The line and column of an offset in a text. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

export interface Diagnostic {
  file: string;
  position: Position;
  severity: Severity;
  ruleId: string;
  message: string;
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  add(severity: Severity, ruleId: string, message: string, position: Position): void {
    this.items.push({ file: this.file, position, severity, ruleId, message });
  }
  error(ruleId: string, message: string, position: Position): void {
    this.add('error', ruleId, message, position);
  }
  warn(ruleId: string, message: string, position: Position): void {
    this.add('warning', ruleId, message, position);
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.position.line}:${d.position.column}: ${d.severity} [${d.ruleId}] ${d.message}`;
}

export function diagnosticJson(d: Diagnostic): string {
  return JSON.stringify({
    file: d.file,
    line: d.position.line,
    column: d.position.column,
    severity: d.severity,
    ruleId: d.ruleId,
    message: d.message,
  });
}
