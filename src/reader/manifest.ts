import { z } from 'zod';
import { type JsonText, parseJsonInput } from '../edition/json-input.ts';
import { PUBLICATION } from '../edition/manifest.ts';

/**
 * `reader.json`: a course reader — units of items, each item an excerpt of a document from a
 * Recto sources folder or a TEI file (an official FRUS `volume.xml`), with a headnote and study
 * questions. Unknown fields are errors (typos must not pass silently).
 */
const Markdown = z.string().min(1);

const PageRange = z
  .string()
  .regex(/^\s*[\dA-Za-z]+(?:\s*[–-]\s*[\dA-Za-z]+)?\s*$/, 'a page or a range of printed pages, e.g. 696–698');

const Item = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'an XML name: a letter, then letters, digits, ".", "_" or "-"')
      .optional(),
    /** A Recto sources folder (with or without edition.json) or a TEI file, relative to reader.json. */
    source: z.string().min(1),
    /** In a sources folder: the source file's name; in a TEI file: the document's xml:id (FRUS: d5). */
    document: z.string().min(1),
    title: z.string().min(1).optional(),
    pages: PageRange.optional(),
    paragraphs: z.array(z.string().min(1)).min(1).optional(),
    headnote: Markdown.optional(),
    questions: z.array(Markdown).min(1).optional(),
  })
  .strict()
  .refine((item) => !(item.pages && item.paragraphs), {
    message: 'give either pages or paragraphs, not both',
    path: ['paragraphs'],
  });

const Unit = z
  .object({
    title: z.string().min(1),
    introduction: Markdown.optional(),
    readingList: z.array(Markdown).min(1).optional(),
    items: z.array(Item).min(1),
  })
  .strict();

export const ReaderSchema = z
  .object({
    ...PUBLICATION,
    introduction: Markdown.optional(),
    units: z.array(Unit).min(1),
  })
  .strict();

export type ReaderManifest = z.infer<typeof ReaderSchema>;
export type ReaderItem = z.infer<typeof Item>;

export function parseReaderManifest(text: string, file: string): { manifest: ReaderManifest; at: JsonText } {
  const { data, at } = parseJsonInput(text, file, ReaderSchema, 'reader');
  return { manifest: data, at };
}
