import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';

/** Attributes whose values are pointers (`#id`, space-separated) in the TEI we take excerpts from. */
export const POINTERS = [
  'target',
  'corresp',
  'resp',
  'ref',
  'ana',
  'sameAs',
  'source',
  'who',
  'next',
  'prev',
];

/**
 * A copy of some TEI trees with every xml:id prefixed (`d5` → `u2-i1-d5`) and every pointer to
 * those ids rewritten to match: a reader holds excerpts from many documents, and the same document
 * twice, in one file where ids must be unique. Pointers to ids outside the trees stay as they are.
 */
export function prefixIds<T extends TeiNode>(trees: T[], prefix: string): T[] {
  const ids = new Set<string>();
  const collect = (n: TeiNode): void => {
    if (!isElement(n)) return;
    const id = n.attrs['xml:id'];
    if (id) ids.add(id);
    for (const c of n.children) collect(c);
  };
  for (const t of trees) collect(t);
  const rename = (id: string): string => `${prefix}-${id}`;
  const copy = (n: TeiNode): TeiNode => {
    if (!isElement(n)) return n;
    const attrs = { ...n.attrs };
    if (attrs['xml:id']) attrs['xml:id'] = rename(attrs['xml:id']);
    for (const name of POINTERS) {
      const value = attrs[name];
      if (!value) continue;
      attrs[name] = value
        .split(/\s+/)
        .map((v) => (v.startsWith('#') && ids.has(v.slice(1)) ? `#${rename(v.slice(1))}` : v))
        .join(' ');
    }
    const out: TeiElement = { name: n.name, attrs, children: n.children.map(copy) };
    return out;
  };
  return trees.map((t) => copy(t) as T);
}
