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

/**
 * Characters XML 1.0 cannot carry at all, not even as `&#0;`. In text each becomes
 * `<g type="xml-illegal-character" n="U+0007">\uFFFD</g>` (the reader's `recto text` gives the
 * character back); inside `desc`, whose content model has no `g`, the same as
 * `<hi rend="xml-illegal-character" n="U+0007">`; in an attribute value, where no element can go,
 * U+FFFD.
 */
const ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_ALL = new RegExp(ILLEGAL.source, 'g');
export const ILLEGAL_CHARACTER = 'xml-illegal-character';

const attribute = (v: string): string => ampersands(ILLEGAL.test(v) ? v.replace(ILLEGAL_ALL, '\uFFFD') : v);

/** Elements whose content allows no `g` (TEI's macro.limitedContent). */
const WITHOUT_G = new Set(['desc']);

function text(parent: XMLBuilder, s: string, parentName: string): void {
  if (!ILLEGAL.test(s)) {
    parent.txt(ampersands(s));
    return;
  }
  let last = 0;
  for (const m of s.matchAll(ILLEGAL_ALL)) {
    if (m.index > last) parent.txt(ampersands(s.slice(last, m.index)));
    const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    const n = `U+${code}`;
    if (WITHOUT_G.has(parentName)) parent.ele('hi', { rend: ILLEGAL_CHARACTER, n }).txt('\uFFFD');
    else parent.ele('g', { type: ILLEGAL_CHARACTER, n }).txt('\uFFFD');
    last = m.index + m[0].length;
  }
  if (last < s.length) parent.txt(ampersands(s.slice(last)));
}

function append(parent: XMLBuilder, node: TeiNode, parentName: string): void {
  if (typeof node === 'string') {
    if (node !== '') text(parent, node, parentName);
    return;
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(node.attrs)) attrs[k] = attribute(v);
  const child = parent.ele(node.name, attrs);
  for (const c of node.children) append(child, c, node.name);
}

/** Serializes a TEI tree as a standalone UTF-8 XML document (xmlbuilder2 does the escaping). */
export function serializeTei(root: TeiElement): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(root.attrs)) attrs[k] = attribute(v);
  const top = doc.ele(TEI_NS, root.name, attrs);
  for (const c of root.children) append(top, c, root.name);
  return `${doc.end({ prettyPrint: false })}\n`;
}
