import { join } from 'node:path';
import type { EditionMeta } from '../meta.ts';
import { documentId } from '../normalize/index.ts';
import { editionHeader } from '../tei/header.ts';
import { block, type TeiElement } from '../tei/node.ts';
import { composeCorpus } from './corpus.ts';
import { writeIfChanged } from './write-if-changed.ts';

/** The teiCorpus around the members: the edition's header; its xml:id names the renderers' files. */
export function editionShell(meta: EditionMeta, documents: number): TeiElement {
  return block('teiCorpus', { 'xml:lang': meta.language, 'xml:id': documentId(meta.id) }, [
    editionHeader(meta, documents),
  ]);
}

/** Writes `tei/edition.xml` (only if it changed) and returns its path. */
export async function writeEdition(teiDir: string, shell: TeiElement, members: string[]): Promise<string> {
  const path = join(teiDir, 'edition.xml');
  await writeIfChanged(path, composeCorpus(shell, members));
  return path;
}
