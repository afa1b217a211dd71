import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Position, positionAt } from '../../diagnostics.ts';
import type { WriterOptions } from '../writer.ts';

/**
 * One warning for each character no font of the PDF has (set as a placeholder, fonts.ts), where
 * it first stands: in its source text when the edition was built from a sources folder (the TEI
 * master names each document's text: "Normalized from 003_….txt"), else in the TEI master.
 */
const NAMED = /Normalized from (.+?)\.<\/note>/g;

export function reportMissingCharacters(
  options: Pick<WriterOptions, 'reporter' | 'masterFile' | 'sources'>,
  missing: Set<number>,
): void {
  if (missing.size === 0) return;
  let master = '';
  try {
    master = readFileSync(options.masterFile, 'utf8');
  } catch {
    // (a master given as a model alone: positions fall back to its first line)
  }
  for (const cp of missing) {
    const ch = String.fromCodePoint(cp);
    const hex = cp.toString(16).toUpperCase().padStart(4, '0');
    let file = options.masterFile;
    let position: Position = { line: 1, column: 1 };
    const at = master.indexOf(ch);
    if (at >= 0) {
      position = positionAt(master, at);
      const named = [...master.slice(0, at).matchAll(NAMED)].at(-1)?.[1];
      const source = named && options.sources ? join(options.sources, named) : undefined;
      const found = source ? sourcePosition(source, ch) : undefined;
      if (source && found) {
        file = source;
        position = found;
      }
    }
    options.reporter.diagnostic({
      file,
      position,
      severity: 'warning',
      ruleId: 'pdf-missing-glyph',
      message: `U+${hex} has no glyph in any font of the PDF (templates/pdf/style.json fonts and fallback): printed as the placeholder U+FFFD`,
    });
  }
}

function sourcePosition(path: string, ch: string): Position | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    const at = text.indexOf(ch);
    return at >= 0 ? positionAt(text, at) : undefined;
  } catch {
    return undefined;
  }
}
