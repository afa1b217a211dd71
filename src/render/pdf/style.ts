import { join, relative } from 'node:path';
import { z } from 'zod';
import { InputError, UsageError } from '../../errors.ts';
import { readTemplate, TEMPLATES } from '../template.ts';
import { DEFAULT_SPACING } from './spacing.ts';

/** templates/pdf/style.json: what a publisher sets for the print edition (trim size, margins, type). */
const Type = z.object({ size: z.number().positive(), leading: z.number().positive() });
export const PdfStyleSchema = z.object({
  trim: z.string(),
  trimSizes: z.record(z.string(), z.object({ width: z.number().positive(), height: z.number().positive() })),
  margins: z.object({ top: z.number(), bottom: z.number(), inner: z.number(), outer: z.number() }),
  fonts: z.object({
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
    .array(z.union([z.string(), z.object({ regular: z.string(), italic: z.string(), bold: z.string() })]))
    .default([]),
  body: Type.extend({ indent: z.number() }),
  note: Type.extend({ gap: z.number() }),
  title: Type,
  heading: Type,
  small: Type,
  runningHead: z.object({ size: z.number(), offset: z.number() }),
  folio: z.object({ size: z.number(), offset: z.number() }),
  // the source's page numbers in the outer margin: `gap` from the text, at least `edge` inside the trim
  pageNumberMargin: z.object({
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
  typography: z.object({ quotes: z.boolean() }).default({ quotes: true }),
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
  contents: z.object({ indent: z.number().nonnegative() }).default({ indent: 12 }),
});
export type PdfStyle = z.infer<typeof PdfStyleSchema>;

/** The style, with the trim size chosen by RECTO_PDF_TRIM (6x9, A5, Letter) or the file. */
export function loadPdfStyle(): PdfStyle & { width: number; height: number } {
  // The publisher's file: what is wrong with it is said as input, not as an internal error.
  const file = relative(process.cwd(), join(TEMPLATES, 'pdf', 'style.json'));
  let data: unknown;
  try {
    data = JSON.parse(readTemplate('pdf', 'style.json'));
  } catch (error) {
    throw new InputError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = PdfStyleSchema.safeParse(data);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n'),
    );
  const style = parsed.data;
  const trim = process.env.RECTO_PDF_TRIM ?? style.trim;
  const size = style.trimSizes[trim];
  if (!size) {
    const message = `no trim size "${trim}" (have ${Object.keys(style.trimSizes).join(', ')})`;
    // A bad setting of this run (exit 2), or a style file that names a size it lacks (exit 1).
    if (process.env.RECTO_PDF_TRIM) throw new UsageError(`RECTO_PDF_TRIM: ${message}`);
    throw new InputError(`${file}: trim: ${message}`);
  }
  return { ...style, trim, width: size.width, height: size.height };
}
