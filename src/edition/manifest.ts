import { z } from 'zod';
import type { EditionMeta, EditionStyle, StatedSource } from '../meta.ts';
import { templateProblem } from '../normalize/declared.ts';
import { FAMILY_IDS } from '../normalize/families.ts';
import type { FamilyId } from '../normalize/rule.ts';
import { type JsonText, parseJsonInput } from './json-input.ts';

/** `sources/edition.json`: the course-reader manifest. Unknown fields are errors (typos must not pass). */
const Correction = z.object({ sic: z.string().min(1), corr: z.string() }).strict();

/** A licence: its words, or its words and its URL (`{ "text": "CC0 1.0", "url": "https://…" }`). */
const Licence = z.union([
  z.string().min(1),
  z.object({ text: z.string().min(1), url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL') }).strict(),
]);

/** A printed source, as structured as the editor wishes (every field optional): the meta.ts record as stated. */
const StatedSourceSchema = z
  .object({
    title: z.string().min(1).optional(),
    series: z.string().min(1).optional(),
    volume: z.string().min(1).optional(),
    editors: z.array(z.string().min(1)).optional(),
    publisher: z.string().min(1).optional(),
    pubPlace: z.string().min(1).optional(),
    year: z
      .string()
      .regex(/^\d{4}$/, 'a year')
      .optional(),
    document: z.string().min(1).optional(),
    pages: z
      .string()
      .regex(/^\d+(?:\s*[–-]\s*\d+)?$/, 'a page or a range such as 225–227')
      .optional(),
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/, 'an http(s) URL')
      .optional(),
    idno: z.string().min(1).optional(),
  })
  .strict() satisfies z.ZodType<StatedSource>;

// The schema states every field of the record and no other: one added to either alone does not compile.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
true satisfies SameKeys<z.infer<typeof StatedSourceSchema>, StatedSource>;

/** A declared form: a template with `{n}` where the number stands (`"[folio {n}]"`). */
const Template = z.string().superRefine((template, ctx) => {
  const problem = templateProblem(template);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The conventions of the texts: the families whose rules read them (found from their own signs
 * otherwise), and a house style Recto does not know, declared as templates (normalize/declared.ts).
 */
const Conventions = z
  .object({
    families: z.array(z.enum(FAMILY_IDS as [FamilyId, ...FamilyId[]])).optional(),
    pageMarker: Template.optional(),
    noteReference: Template.optional(),
    noteList: Template.optional(),
    omissions: z.array(z.string().min(1)).optional(),
  })
  .strict();

const DocumentEntry = z
  .object({
    file: z.string().min(1),
    title: z.string().optional(),
    author: z.string().optional(),
    recipient: z.string().optional(),
    date: z.string().optional(),
    place: z.string().optional(),
    source: z.union([z.string(), StatedSourceSchema]).optional(),
    corrections: z.array(Correction).optional(),
    conventions: Conventions.optional(),
  })
  .strict();

/**
 * A publisher's own print look (meta.ts `EditionStyle`): the trim size by its name in the style
 * file's `trimSizes` (checked when the edition is loaded), the body type size in points, how a
 * document starts, font files (WOFF, TrueType or OpenType) relative to the edition folder.
 */
const FontFile = z
  .string()
  .regex(/\.(woff|ttf|otf)$/i, 'a font file (.woff, .ttf or .otf)')
  .optional();
const StyleSchema = z
  .object({
    trim: z.string().min(1).optional(),
    typeSize: z.number().min(6).max(24).optional(),
    documentStart: z.enum(['run-on', 'page', 'recto']).optional(),
    fonts: z.object({ regular: FontFile, italic: FontFile, bold: FontFile }).strict().optional(),
  })
  .strict() satisfies z.ZodType<EditionStyle>;

/** What every publication's manifest states about itself (an edition's, a course reader's). */
export const PUBLICATION = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  editor: z.string().min(1),
  publisher: z.string().min(1),
  licence: Licence,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP 47 language tag'),
  date: z
    .string()
    .regex(/^\d{4}(-\d\d(-\d\d)?)?$/, 'an ISO 8601 date')
    .optional(),
};

type Publication = z.infer<z.ZodObject<typeof PUBLICATION>>;

/** The publication's own fields as the TEI header and the renderers take them. */
export function publicationMeta(p: Publication): EditionMeta {
  return {
    id: p.id,
    title: p.title,
    subtitle: p.subtitle,
    editor: p.editor,
    publisher: p.publisher,
    licence: typeof p.licence === 'string' ? p.licence : p.licence.text,
    licenceUrl: typeof p.licence === 'string' ? undefined : p.licence.url,
    language: p.language,
    date: p.date,
  };
}

export const ManifestSchema = z
  .object({
    ...PUBLICATION,
    sourceEdition: StatedSourceSchema.optional(),
    introduction: z.string().optional(),
    /** A register of persons, places and organisations: `.json`, `.csv` or TEI `.xml`. */
    register: z.string().min(1).optional(),
    conventions: Conventions.optional(),
    style: StyleSchema.optional(),
    documents: z.array(DocumentEntry).min(1),
  })
  .strict();

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestDocument = z.infer<typeof DocumentEntry>;

/** `edition.json` checked, and its text, to say where in it a value stands. */
export function parseManifest(text: string, file: string): { manifest: Manifest; at: JsonText } {
  const { data, at } = parseJsonInput(text, file, ManifestSchema, 'manifest');
  return { manifest: data, at };
}
