import { relative } from 'node:path';
import { type EditionSource, loadEdition as loadSources } from '../edition/load.ts';
import type { EditionMeta } from '../meta.ts';
import type { NormalizeOptions } from '../normalize/index.ts';
import { sourceDateEpoch } from '../reproducible.ts';
import { type PlannedDocument, planDocuments } from './plan.ts';

/** An edition's sources folder as every command reads it (`recto build`, `reader`, `preview`). */
export interface LoadedEdition {
  /** The folder as its manifest gives it: each document's file, overrides and corrections, the introduction. */
  source: EditionSource;
  /** The edition's metadata as the build uses it: the publication date filled in. */
  meta: EditionMeta;
  /** Its documents as the build names them (output file, xml:id), in manifest order. */
  documents: PlannedDocument[];
}

/** The publication date: the manifest's, else SOURCE_DATE_EPOCH's day, else none (so builds stay reproducible). */
export function publicationDate(meta: EditionMeta): string | undefined {
  return meta.date ?? sourceDateEpoch()?.toISOString().slice(0, 10);
}

/** A sources folder with its manifest (or its `.txt` files alone), its register, its documents planned. */
export async function loadEdition(sources: string): Promise<LoadedEdition> {
  const source = await loadSources(sources);
  return {
    source,
    meta: { ...source.meta, date: publicationDate(source.meta) },
    documents: planDocuments(source),
  };
}

/** What the normalizer is told of one planned document: the same wherever it is normalized. */
export function normalizeOptions(edition: LoadedEdition, doc: PlannedDocument): NormalizeOptions {
  const { meta } = edition;
  return {
    file: doc.path,
    // The TEI names the source relative to the sources folder: no machine path in any output.
    name: relative(edition.source.dir, doc.path).split('\\').join('/'),
    buildDate: sourceDateEpoch()?.toISOString().slice(0, 10),
    id: doc.id,
    edition: meta,
    overrides: doc.source.overrides,
    corrections: doc.source.corrections,
    sourceRecord: doc.source.sourceRecord,
    register: meta.register,
    conventions: doc.source.conventions,
  };
}
