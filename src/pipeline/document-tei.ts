import { documentTei } from '../model/documents.ts';
import type { TeiMaster } from '../model/master.ts';
import { serializeTei } from '../tei/write.ts';

/**
 * Each document's own TEI, serialized, by document id: what the site offers beside the master.
 * `recto build` has them as written (the members of its corpus); a TEI file we did not write has
 * them serialized from its tree (none for a volume, which is one TEI document).
 */
export async function documentTeiText(master: TeiMaster): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const [id, tei] of documentTei(await master.read())) out.set(id, serializeTei(tei));
  return out;
}
