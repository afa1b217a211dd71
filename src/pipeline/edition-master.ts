import { join } from 'node:path';
import { stageFingerprint } from '../cache/fingerprint.ts';
import { sha256 } from '../cache/store.ts';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import type { EditionMeta } from '../meta.ts';
import { parseCorpus } from '../model/corpus-parse.ts';
import { TeiMaster } from '../model/master.ts';
import { documentId } from '../normalize/index.ts';
import { registerStandOff } from '../register/standoff.ts';
import { editionHeader } from '../tei/header.ts';
import { block, type TeiElement } from '../tei/node.ts';
import { corpusParts, corpusText } from './corpus.ts';
import { type Published, type PublishOptions, publish } from './index.ts';

/** The teiCorpus around the members: the edition's header; its xml:id names the renderers' files. */
function editionShell(meta: EditionMeta, documents: number): TeiElement {
  const standOff = registerStandOff(meta.register?.entries ?? []);
  return block('teiCorpus', { 'xml:lang': meta.language, 'xml:id': documentId(meta.id) }, [
    editionHeader(meta, documents),
    // The register, once for the edition: the documents' `persName ref="#id"` point at it.
    ...(standOff ? [standOff] : []),
  ]);
}

export interface EditionPublishOptions extends Omit<PublishOptions, 'masterSha256' | 'members' | 'layout'> {
  meta: EditionMeta;
  documents: number; // in the whole edition
  introduction?: string; // serialized TEI
  members: string[]; // each document's serialized TEI, in edition order
  formats: string[];
}

/**
 * The end of `recto build` and of `recto merge`: writes `tei/edition.xml` (only if it changed)
 * from the members' text and renders it. The master's hash comes from the text just composed,
 * not from reading the file back.
 */
export async function publishEdition(
  options: EditionPublishOptions,
): Promise<Published & { editionXml: string }> {
  const editionXml = join(options.out, 'tei', 'edition.xml');
  const { introduction, members } = options;
  const parts = corpusParts(
    editionShell(options.meta, options.documents),
    introduction ? [introduction, ...members] : members,
  );
  const xml = corpusText(parts);
  await writeIfChanged(editionXml, xml);
  // The writers read the master from the text just written: the same bytes as the file (with a
  // cache, its unchanged members' trees as read before).
  const { meta: _meta, documents: _documents, introduction: _introduction, formats, ...rest } = options;
  const { cache } = options;
  const parse = cache
    ? () =>
        parseCorpus(parts, editionXml, {
          version: stageFingerprint('parse'),
          get: (key) => cache.getBytes('parse', key),
          put: (key, bytes) => cache.putBytes('parse', key, bytes),
        })
    : undefined;
  const output = await publish(new TeiMaster(editionXml, xml, parse), formats, {
    ...rest,
    masterSha256: sha256(xml),
    members,
  });
  return { editionXml, ...output };
}
