/** The in-memory TEI tree the normalizer builds and the writer serializes. */
export type TeiNode = TeiElement | string;

export interface TeiElement {
  name: string;
  attrs: Record<string, string>;
  children: TeiNode[];
  /** Where the element starts in the file it was read from (set by the reader, not the normalizer). */
  line?: number;
  column?: number;
  /** Where the XML comments among its children start (set by the reader: they are not text). */
  comments?: { line: number; column: number }[];
  /** On a root read from TEI P4 (`TEI.2`): converted to P5 on reading (see p4.ts). */
  converted?: 'P4';
}

export function el(
  name: string,
  attrs: Record<string, string | undefined> = {},
  children: TeiNode[] = [],
): TeiElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  return { name, attrs: clean, children };
}

export const isElement = (n: TeiNode): n is TeiElement => typeof n !== 'string';

/** Concatenated character data, as an XPath string() would give. */
export function textContent(n: TeiNode): string {
  return typeof n === 'string' ? n : n.children.map(textContent).join('');
}

/** Block containers get a newline between children so the XML reads well; mixed content is left alone. */
export function block(
  name: string,
  attrs: Record<string, string | undefined>,
  children: TeiNode[],
): TeiElement {
  const spaced: TeiNode[] = ['\n'];
  for (const c of children) spaced.push(c, '\n');
  return el(name, attrs, spaced);
}

/** A local name without its prefix (`tei:p` → `p`). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Child elements, optionally by local name. */
export function childElements(node: TeiElement, name?: string): TeiElement[] {
  return node.children.filter(isElement).filter((c) => name === undefined || localName(c.name) === name);
}

/** Every TEI document inside a TEI or teiCorpus root, in document order. */
export function teiDocuments(root: TeiElement): TeiElement[] {
  if (localName(root.name) === 'TEI') return [root];
  return childElements(root).flatMap((c) =>
    ['TEI', 'teiCorpus'].includes(localName(c.name)) ? teiDocuments(c) : [],
  );
}
