import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { TeiElement, TeiNode } from './node.ts';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/**
 * xmlbuilder2 leaves an `&` that starts an entity reference alone (`&amp;` stays `&amp;`), so a
 * source that says `&amp;` would come back as `&`. Escaping every `&` first makes the builder see
 * only entity references and keep them: every character of the source survives.
 */
const ampersands = (s: string): string => s.replace(/&/g, '&amp;');

function append(parent: XMLBuilder, node: TeiNode): void {
  if (typeof node === 'string') {
    if (node !== '') parent.txt(ampersands(node));
    return;
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) attrs[k] = ampersands(v);
  const child = parent.ele(node.name, attrs);
  for (const c of node.children) append(child, c);
}

/** Serializes a TEI tree as a standalone UTF-8 XML document (xmlbuilder2 does the escaping). */
export function serializeTei(root: TeiElement): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(root.attrs)) attrs[k] = ampersands(v);
  const top = doc.ele(TEI_NS, root.name, attrs);
  for (const c of root.children) append(top, c);
  return `${doc.end({ prettyPrint: false })}\n`;
}
