import { createHash } from 'node:crypto';
import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';
import { slug } from '../text/slug.ts';
import type { IdAllocator } from './inline.ts';

/**
 * Stable identifiers for the body (issue #14): an id that does not move when another paragraph or
 * another document is edited, so links and citations to it keep working. Nothing is numbered by
 * position: a paragraph's id is a short hash of its own text, a division's a slug of its head, a
 * note's its printed number (given where the note is made), a page break's its page (likewise).
 * Two elements that would get the same id are told apart by a suffix (`-2`) in document order.
 */

/**
 * An element's own text: its content without the notes nested in it (they have ids of their own),
 * read as its words run: where an extraction break joins two words (`well-` / `known`), without
 * the blank line between them.
 */
function ownText(e: TeiElement): string {
  let out = '';
  let joined = false;
  const visit = (n: TeiNode): void => {
    if (typeof n === 'string') {
      out += joined ? n.replace(/^\s+/, '') : n;
      joined = false;
    } else if (n.name === 'milestone' && n.attrs.type === 'extraction-break')
      joined = n.attrs.rend === 'joined';
    else if (n.name !== 'note') n.children.forEach(visit);
  };
  e.children.forEach(visit);
  return out;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Six hex digits of the SHA-256 of the text: short, and the same wherever the paragraph stands. */
export const shortHash = (text: string): string =>
  createHash('sha256').update(squash(text)).digest('hex').slice(0, 6);

/** Gives every `p`, `note` and `div` under `root` that has no id yet its stable one. */
export function assignStableIds(root: TeiElement, ids: IdAllocator): void {
  const visit = (e: TeiElement): void => {
    if (!e.attrs['xml:id']) {
      if (e.name === 'p') e.attrs['xml:id'] = ids.take(`p-${shortHash(ownText(e))}`);
      else if (e.name === 'note')
        e.attrs['xml:id'] = ids.take(`${e.attrs.type ?? 'note'}-note-${shortHash(ownText(e))}`);
      else if (e.name === 'div') {
        const head = e.children.filter(isElement).find((c) => c.name === 'head');
        e.attrs['xml:id'] = ids.take(`div-${slug(head ? ownText(head) : '')}`);
      }
    }
    for (const c of e.children) if (isElement(c)) visit(c);
  };
  visit(root);
}
