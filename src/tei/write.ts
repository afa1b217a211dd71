import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { TeiElement, TeiNode } from './node.ts';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

function append(parent: XMLBuilder, node: TeiNode): void {
  if (typeof node === 'string') {
    if (node !== '') parent.txt(node);
    return;
  }
  const child = parent.ele(node.name, node.attrs);
  for (const c of node.children) append(child, c);
}

/** Serializes a TEI tree as a standalone UTF-8 XML document (xmlbuilder2 does the escaping). */
export function serializeTei(root: TeiElement): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const top = doc.ele(TEI_NS, root.name, root.attrs);
  for (const c of root.children) append(top, c);
  return `${doc.end({ prettyPrint: false })}\n`;
}
