import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { issueLines, JsonText } from '../../edition/json-input.ts';
import { InputError, UsageError } from '../../errors.ts';
import type { Look } from '../../meta.ts';
import { didYouMean } from '../../text/nearest.ts';
import { TEMPLATES } from '../template.ts';
import { DEFAULT_SPACING } from './spacing.ts';

/** templates/pdf/style.json: what a publisher sets for the print edition (trim size, margins, type). */
const Type = z.strictObject({ size: z.number().positive(), leading: z.number().positive() });
export const PdfStyleSchema = z.strictObject({
  trim: z.string(),
  trimSizes: z.record(
    z.string(),
    z.strictObject({ width: z.number().positive(), height: z.number().positive() }),
  ),
  margins: z.strictObject({ top: z.number(), bottom: z.number(), inner: z.number(), outer: z.number() }),
  fonts: z.strictObject({
    regular: z.string(),
    italic: z.string(),
    bold: z.string(),
    regularExt: z.string(),
    italicExt: z.string(),
    boldExt: z.string(),
  }),
  // Where a character the fonts above lack is looked for, in order: @fontsource stylesheets (one
  // for every style, or one per style), each file tried where its unicode-range holds the character
  fallback: z
    .array(
      z.union([z.string(), z.strictObject({ regular: z.string(), italic: z.string(), bold: z.string() })]),
    )
    .default([]),
  body: Type.extend({ indent: z.number() }),
  note: Type.extend({ gap: z.number() }),
  title: Type,
  heading: Type,
  small: Type,
  runningHead: z.strictObject({ size: z.number(), offset: z.number() }),
  folio: z.strictObject({ size: z.number(), offset: z.number() }),
  // the source's page numbers in the outer margin: `gap` from the text, at least `edge` inside the trim
  pageNumberMargin: z.strictObject({
    size: z.number(),
    gap: z.number(),
    edge: z.number().nonnegative().default(18),
  }),
  // How a document begins: run on after the one before (as FRUS prints them), or on a new page,
  // or on a right-hand page; a volume's divisions always start a right-hand page.
  documents: z
    .object({
      start: z.enum(['run-on', 'page', 'recto']),
      spaceBefore: z.number().nonnegative(), // in lines, before a run-on document
    })
    .default({ start: 'run-on', spaceBefore: 1.5 }),
  // typewriter quotes and dashes set as a printer sets them ("…" → “…”, -- → —); the TEI keeps them
  typography: z.strictObject({ quotes: z.boolean() }).default({ quotes: true }),
  // space around a document's parts, in lines (blocks.ts DEFAULT_SPACING when not given)
  spacing: z
    .object({
      title: z.number().nonnegative(),
      heading: z.number().nonnegative(),
      afterHeading: z.number().nonnegative(),
      dateline: z.number().nonnegative(),
      opener: z.number().nonnegative(),
      closer: z.number().nonnegative(),
      table: z.number().nonnegative(),
    })
    .default(DEFAULT_SPACING),
  // the contents: documents indented under the division that holds them
  contents: z.strictObject({ indent: z.number().nonnegative() }).default({ indent: 12 }),
});
export type PdfStyle = z.infer<typeof PdfStyleSchema>;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The edition's own style file over the built-in one, field by field (an array or a value replaced whole). */
function over(base: unknown, own: unknown): unknown {
  if (!isObject(base) || !isObject(own)) return own;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(own)) out[k] = over(base[k], v);
  return out;
}

/** Whether a JSON path holds a value in a parsed file. */
function holds(data: unknown, path: (string | number)[]): boolean {
  let at: unknown = data;
  for (const key of path) {
    if (!isObject(at) && !Array.isArray(at)) return false;
    at = (at as Json)[String(key)];
    if (at === undefined) return false;
  }
  return true;
}

/** A style file read and parsed as JSON; what is wrong with it is said as input at its line and column. */
function readStyleFile(path: string): { data: unknown; at: JsonText } {
  // (named from the working folder when it is inside it, else in full)
  const near = relative(process.cwd(), path);
  const file = near && !near.startsWith('..') ? near : path;
  const text = readFileSync(path, 'utf8');
  const syntax: ParseError[] = [];
  const tree = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false });
  const at = new JsonText(file, text, tree);
  if (syntax.length)
    throw new InputError(
      syntax
        .map((e) => `${at.at(e.offset)}: error [style-json] not valid JSON: ${printParseErrorCode(e.error)}`)
        .join('\n'),
    );
  return { data: JSON.parse(text), at };
}

/** The sizes of the type scaled to a body size (the leadings with them), as a publisher's `typeSize` asks. */
function scaled(style: PdfStyle, typeSize: number): PdfStyle {
  const k = typeSize / style.body.size;
  const type = <T extends { size: number; leading: number }>(t: T): T => ({
    ...t,
    size: Math.round(t.size * k * 100) / 100,
    leading: Math.round(t.leading * k * 100) / 100,
  });
  return {
    ...style,
    body: type(style.body),
    note: type(style.note),
    title: type(style.title),
    heading: type(style.heading),
    small: type(style.small),
  };
}

/**
 * The print style: the built-in `templates/pdf/style.json`; over it, field by field, the edition's
 * own `templates/pdf/style.json`; over that, the edition's `style` in `edition.json` (trim size,
 * type size, how a document starts, fonts); the trim size of RECTO_PDF_TRIM over everything (a
 * setting of this run). A style file's faults are said at its `file:line:column`, all at once.
 */
export function loadPdfStyle(
  look: Look = {},
  trimAt = 'edition.json: style.trim', // where the edition's `style.trim` stands (`file:line:column`)
): PdfStyle & { width: number; height: number } {
  const builtIn = readStyleFile(join(TEMPLATES, 'pdf', 'style.json'));
  const ownPath = look.templates ? join(look.templates, 'pdf', 'style.json') : undefined;
  const own = ownPath && existsSync(ownPath) ? readStyleFile(ownPath) : undefined;
  const data = own ? over(builtIn.data, own.data) : builtIn.data;
  const parsed = PdfStyleSchema.safeParse(data);
  if (!parsed.success)
    throw new InputError(
      issueLines(
        parsed.error.issues,
        (path) => (own && holds(own.data, path) ? own.at : builtIn.at),
        'style',
        PdfStyleSchema,
      ).join('\n'),
    );
  const stated = look.style ?? {};
  let style = parsed.data;
  if (stated.typeSize) style = scaled(style, stated.typeSize);
  if (stated.documentStart)
    style = { ...style, documents: { ...style.documents, start: stated.documentStart } };
  if (stated.fonts) {
    // one file a style: its Latin and Latin Extended faces alike
    const f = stated.fonts;
    const fonts = { ...style.fonts };
    for (const face of ['regular', 'italic', 'bold'] as const) {
      const file = f[face];
      if (file) [fonts[face], fonts[`${face}Ext`]] = [file, file];
    }
    style = { ...style, fonts };
  }
  const file = (own ?? builtIn).at.file;
  const trim = process.env.RECTO_PDF_TRIM ?? stated.trim ?? style.trim;
  const size = style.trimSizes[trim];
  if (!size) {
    const have = Object.keys(style.trimSizes);
    const message = `no trim size "${trim}" (have ${have.join(', ')})${didYouMean(trim, have)}`;
    // A bad setting of this run (exit 2), or a style that names a size it lacks (exit 1).
    if (process.env.RECTO_PDF_TRIM) throw new UsageError(`RECTO_PDF_TRIM: ${message}`);
    if (stated.trim) throw new InputError(`${trimAt}: error [manifest-style] style.trim: ${message}`);
    throw new InputError(`${file}: trim: ${message}`);
  }
  return { ...style, trim, width: size.width, height: size.height };
}
