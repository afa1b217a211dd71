import { z } from 'zod';
import { type JsonText, parseJsonInput } from '../edition/json-input.ts';

/**
 * `COLLECTION.json`: a shelf of editions published on one site — each a Recto sources folder (with
 * its `edition.json`) or a TEI volume someone else wrote (a FRUS `volume.xml`), built as
 * `recto build` / `recto render` build them, each into its own folder. The landing page groups
 * them by `series` (in the order the manifest first names each) and orders each series by `era`,
 * then `number`. Paths are relative to the manifest. Unknown fields are errors.
 */
const Volume = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens (its folder name)'),
    sources: z.string().min(1).optional(),
    tei: z.string().min(1).optional(),
    series: z.string().min(1),
    era: z.string().min(1).optional(),
    number: z.string().min(1).optional(),
    /** The title the landing page shows; by default the edition's own. */
    title: z.string().min(1).optional(),
  })
  .strict()
  .refine((v) => (v.sources === undefined) !== (v.tei === undefined), {
    message: 'give either sources (a Recto sources folder) or tei (a TEI file), not both',
    path: ['sources'],
  });

export const CollectionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    title: z.string().min(1),
    subtitle: z.string().optional(),
    publisher: z.string().min(1).optional(),
    /** Where the site is published (for the sitemap's absolute addresses; `--site-url` overrides). */
    url: z.url().optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP 47 language tag'),
    volumes: z.array(Volume).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.volumes.forEach((v, k) => {
      if (seen.has(v.id))
        ctx.addIssue({
          code: 'custom',
          message: `volume id "${v.id}" is used twice`,
          path: ['volumes', k, 'id'],
        });
      seen.add(v.id);
    });
  });

export type CollectionManifest = z.infer<typeof CollectionSchema>;
export type CollectionVolume = z.infer<typeof Volume>;

export function parseCollectionManifest(
  text: string,
  file: string,
): { manifest: CollectionManifest; at: JsonText } {
  const { data, at } = parseJsonInput(text, file, CollectionSchema, 'collection');
  return { manifest: data, at };
}
