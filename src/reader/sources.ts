import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import type { AddressOf } from '../model/addresses.ts';
import type { EditionDocument } from '../model/documents.ts';
import { TeiMaster } from '../model/master.ts';
import type { DocumentPages } from '../model/pages.ts';
import { loadEdition, normalizeDocument } from '../pipeline/index.ts';
import type { RegisterEntry } from '../register/types.ts';
import type { TeiElement } from '../tei/node.ts';

/**
 * A document an item of the reader takes its excerpt from, as the model reads its TEI (the reader
 * reads no TEI itself: it cuts and writes).
 */
export interface SourceDocument {
  document: EditionDocument; // id, title, number, source record, the div to excerpt
  /** Its pages as its TEI marks them: where its first words are printed, then each page break's. */
  pages: DocumentPages;
  /** Where it came from, for the reader's header: `sources/001_….txt`, `volume.xml#d5`. */
  origin: string;
  /** The respStmts of the source's own header (ours: the source editors, the transmission …). */
  respStmts: TeiElement[];
  /** The source's own biblStruct, where its header has one (ours): kept as it is, pages aside. */
  bibl?: TeiElement;
  /** The register of its edition (a folder's register file, a volume's list of persons, a master's standOff). */
  register: RegisterEntry[];
  /** Where an id of its source outside the document lives (a term, a part with its web address). */
  addressOf: AddressOf;
  diagnostics: Diagnostic[];
}

/** The TEI files of one reader build, each read once (a volume takes a third of a second; several items take from it). */
export type TeiSources = Map<string, TeiMaster>;

/**
 * The document an item names: in a Recto sources folder, a source file normalized as `recto
 * build` does it (the pipeline's normalizeDocument: same options, same TEI); in a TEI file (ours or an official FRUS volume), the
 * document with that xml:id. `where` is the item's place in the manifest, for errors.
 */
export async function sourceDocument(
  path: string,
  name: string,
  where: { at: string; item: string },
  teiSources: TeiSources,
): Promise<SourceDocument> {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${where.at}: error [reader-source] ${where.item}: ${path}: no such file or folder`);
  }
  if (folder) {
    const edition = await loadEdition(path);
    const plan = edition.documents;
    const doc = plan.find((d) => basename(d.path) === name || basename(d.path) === `${name}.txt`);
    if (!doc)
      throw new InputError(
        `${where.at}: error [reader-document] ${where.item}: no document "${name}" in ${path} (it has ${plan.map((d) => basename(d.path)).join(', ')})`,
      );
    // its TEI as `recto build` writes it (normalized the same way), read by the model
    const result = await normalizeDocument(edition, doc);
    const tei = new TeiMaster(doc.path, result.xml);
    const [read] = await tei.documents();
    if (!read)
      throw new InputError(
        `${where.at}: error [reader-document] ${where.item}: ${doc.path} gave no document`,
      );
    const { respStmts, bibl } = await tei.sourceHeader();
    return {
      document: read,
      pages: await tei.pagesOf(read),
      origin: basename(doc.path),
      respStmts,
      bibl,
      register: edition.meta.register?.entries ?? [],
      addressOf: await tei.addresses(),
      diagnostics: result.diagnostics,
    };
  }
  const file = resolve(path);
  let tei = teiSources.get(file);
  if (!tei) {
    tei = new TeiMaster(file);
    teiSources.set(file, tei);
  }
  const documents = await tei.documents();
  const doc = documents.find((d) => d.id === name);
  if (!doc) {
    const ids = documents.filter((d) => d.kind === 'document').map((d) => d.id);
    const sample =
      ids.length > 8 ? `${ids.slice(0, 4).join(', ')} … ${ids.slice(-2).join(', ')}` : ids.join(', ');
    throw new InputError(
      `${where.at}: error [reader-document] ${where.item}: no document with xml:id "${name}" in ${path} (${sample})`,
    );
  }
  return {
    document: doc,
    pages: await tei.pagesOf(doc),
    origin: `${basename(path)}#${name}`,
    respStmts: [],
    register: await tei.register(),
    addressOf: await tei.addresses(),
    diagnostics: [],
  };
}
