import type { RenderContext } from './registry.ts';

/** One warning per TEI element a renderer has no mapping for, with how often it met it. */
export function reportUnknownElements(
  ctx: RenderContext,
  format: 'html' | 'epub' | 'pdf',
  unknown: Map<string, number>,
): void {
  for (const [name, count] of unknown) {
    ctx.reporter.diagnostic({
      file: ctx.editionXml,
      position: { line: 1, column: 1 },
      severity: 'warning',
      ruleId: `${format}-unknown-element`,
      message: `<${name}> has no ${format.toUpperCase()} mapping; rendered as its text (${count}×)`,
    });
  }
}
