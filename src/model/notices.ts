import type { SourcePosition } from './types.ts';

/**
 * What the model met in the TEI that a reader of the edition should know about, said once per
 * thing (a rend value, an id, an element name) at its first occurrence, with how often it occurs:
 * an unknown rendition, a duplicate `xml:id`, an internal remark kept out of the reading text.
 * The pipeline reports them once per build, whatever the formats (src/pipeline/publish.ts).
 */
export interface ModelNotice {
  ruleId: string;
  severity: 'warning' | 'info';
  message: string;
  at?: SourcePosition;
  count: number;
}

export class Notices {
  private readonly found = new Map<string, ModelNotice>();

  /** Notes one occurrence of `key` under `ruleId`; the first occurrence gives the message and position. */
  add(
    ruleId: string,
    key: string,
    message: string,
    at: SourcePosition | undefined,
    severity: ModelNotice['severity'] = 'warning',
  ): void {
    const id = `${ruleId}\u0000${key}`;
    const seen = this.found.get(id);
    if (seen) seen.count++;
    else this.found.set(id, { ruleId, severity, message, ...(at ? { at } : {}), count: 1 });
  }

  list(): ModelNotice[] {
    return [...this.found.values()];
  }
}
