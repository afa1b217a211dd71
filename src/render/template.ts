import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml } from './html/escape.ts';

/** The publisher-editable templates folder (`templates/`, or RECTO_TEMPLATES). */
export const TEMPLATES = process.env.RECTO_TEMPLATES ?? join(import.meta.dirname, '../../templates');

/**
 * An edition's own `templates/` folder (beside its sources), in force for the writer running now:
 * each file there overrides the built-in file of the same name, as a Quarto or pandoc project's
 * templates do, so a publisher changes the look without editing the installed package. Set by
 * the render task for its writer (each thread runs one task at a time).
 */
let projectTemplates: string | undefined;

export function useProjectTemplates(dir: string | undefined): void {
  projectTemplates = dir;
}

/** The edition's own template file when it has one, else the built-in one. */
export function templatePath(...path: string[]): string {
  if (projectTemplates) {
    const own = join(projectTemplates, ...path);
    if (existsSync(own)) return own;
  }
  return join(TEMPLATES, ...path);
}

export const readTemplate = (...path: string[]): string => readFileSync(templatePath(...path), 'utf8');

/** The built-in template files, relative to the templates folder (`html/style.css`), in name order. */
export function builtInTemplates(): string[] {
  return readdirSync(TEMPLATES, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(TEMPLATES, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

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
