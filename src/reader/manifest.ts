import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';
import { z } from 'zod';
import { jsonPath, PUBLICATION } from '../edition/manifest.ts';
import { InputError } from '../errors.ts';

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

/** The manifest's text and parse tree, to say where in the file a value stands. */
export class ManifestText {
  private readonly tree: Node | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.tree = parseTree(text);
  }

  /** `file:line:column` of the value at a JSON path (the nearest enclosing value that exists). */
  where(path: readonly (string | number)[]): string {
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n--)
      node = this.tree && findNodeAtLocation(this.tree, path.slice(0, n) as (string | number)[]);
    // a property's key is where the reader looks: step back to it
    const at = node?.parent?.type === 'property' ? node.parent.offset : (node?.offset ?? 0);
    const before = this.text.slice(0, at);
    const line = before.split('\n').length;
    return `${this.file}:${line}:${at - before.lastIndexOf('\n')}`;
  }
}

export function parseReaderManifest(
  text: string,
  file: string,
): { manifest: ReaderManifest; at: ManifestText } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}:1:1: error [reader-json] not valid JSON: ${(error as Error).message}`);
  }
  const at = new ManifestText(file, text);
  const result = ReaderSchema.safeParse(data);
  if (result.success) return { manifest: result.data, at };
  const lines = result.error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map(
        (key) =>
          `${at.where([...path, key])}: error [reader-unknown-field] ${jsonPath([...path, key])}: unknown field`,
      );
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    return [
      missing
        ? `${at.where(path)}: error [reader-missing-field] ${jsonPath(path) || '(root)'}: required field is missing`
        : `${at.where(path)}: error [reader-invalid] ${jsonPath(path) || '(root)'}: ${issue.message}`,
    ];
  });
  throw new InputError(lines.join('\n'));
}
