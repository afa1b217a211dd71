import { documentTei } from '../model/documents.ts';
import type { TeiMaster } from '../model/master.ts';
import { standaloneMember } from '../tei/standalone.ts';
import { serializeTei } from '../tei/write.ts';

/**
 * Each document's own TEI, serialized, by document id: what the site offers beside the master.
 * `recto build` has them as written (the members of its corpus); a TEI file we did not write has
 * them serialized from its tree (none for a volume, which is one TEI document), each with the
 * register entries of the corpus it points at, so that the file stands alone.
 */
export async function documentTeiText(master: TeiMaster): Promise<Map<string, string>> {
  const root = await master.read();
  const out = new Map<string, string>();
  for (const [id, tei] of documentTei(root)) out.set(id, serializeTei(standaloneMember(root, tei)));
  return out;
}
