import { z } from 'zod';
import { readTemplate } from '../template.ts';

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
  body: Type.extend({ indent: z.number() }),
  note: Type.extend({ gap: z.number() }),
  title: Type,
  heading: Type,
  small: Type,
  runningHead: z.object({ size: z.number(), offset: z.number() }),
  folio: z.object({ size: z.number(), offset: z.number() }),
  pageNumberMargin: z.object({ size: z.number(), gap: z.number() }),
});
export type PdfStyle = z.infer<typeof PdfStyleSchema>;

/** The style, with the trim size chosen by RECTO_PDF_TRIM (6x9, A5, Letter) or the file. */
export function loadPdfStyle(): PdfStyle & { width: number; height: number } {
  const style = PdfStyleSchema.parse(JSON.parse(readTemplate('pdf', 'style.json')));
  const trim = process.env.RECTO_PDF_TRIM ?? style.trim;
  const size = style.trimSizes[trim];
  if (!size)
    throw new Error(
      `templates/pdf/style.json: no trim size "${trim}" (have ${Object.keys(style.trimSizes).join(', ')})`,
    );
  return { ...style, trim, width: size.width, height: size.height };
}
