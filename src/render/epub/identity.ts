import { createHash } from 'node:crypto';
import type { EditionMeta } from '../../meta.ts';

/** A stable identifier: the same edition (id and title) gives the same UUID in every build. */
export function editionUuid(meta: EditionMeta): string {
  const h = createHash('sha1').update(`recto:${meta.id}:${meta.title}`).digest('hex');
  // Shaped as a name-based (version 5) UUID, RFC 4122 variant.
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
