import { basename } from 'node:path';
import type { Conventions } from '../../src/normalize/declared.ts';
import {
  type Correction,
  documentId,
  type NormalizedDocument,
  normalize,
} from '../../src/normalize/index.ts';
import type { Register } from '../../src/register/types.ts';
import type { TeiElement } from '../../src/tei/node.ts';
import { parseTei } from '../../src/tei/read.ts';
import { serializeTei } from '../../src/tei/write.ts';

export const EDITION = { id: 'test', title: 'Test edition', language: 'en' };

/** Normalizes text and reads the TEI back from its serialization, as a renderer would. */
export function normalizeText(
  text: string | Uint8Array,
  file = 'test.txt',
  register?: Register,
  corrections?: Correction[],
  conventions?: Conventions,
): NormalizedDocument & { xml: string; read: TeiElement } {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  // (an edition with an editor credits the manifest's corrections to them)
  const edition = corrections ? { ...EDITION, editor: 'The Editor' } : EDITION;
  const result = normalize(bytes, {
    file,
    id: documentId(basename(file)),
    edition,
    register,
    corrections,
    conventions,
  });
  const xml = serializeTei(result.tei);
  return { ...result, xml, read: parseTei(xml, file) };
}
