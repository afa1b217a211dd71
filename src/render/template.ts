import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from './html/escape.ts';

/** The publisher-editable templates folder (`templates/`, or RECTO_TEMPLATES). */
export const TEMPLATES = process.env.RECTO_TEMPLATES ?? join(import.meta.dirname, '../../templates');

export const readTemplate = (...path: string[]): string => readFileSync(join(TEMPLATES, ...path), 'utf8');

/**
 * Fills `{{name}}` (escaped) and `{{{name}}}` (already HTML, made by the renderer) placeholders.
 * A placeholder with no value is an error: a template typo must not ship an empty page.
 */
export function fill(
  template: string,
  values: Record<string, string | undefined>,
  name = 'template',
): string {
  return template.replace(
    /\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g,
    (_m, raw: string | undefined, escaped: string | undefined) => {
      const key = (raw ?? escaped) as string;
      if (!(key in values)) throw new Error(`${name}: unknown placeholder {{${key}}}`);
      const value = values[key] ?? '';
      return raw ? value : escapeHtml(value);
    },
  );
}
