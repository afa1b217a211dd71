import { isElement, type TeiElement, type TeiNode } from '../../src/tei/node.ts';

/** The attributes that point at an element of the same file with `#id`. */
const POINTERS = ['ref', 'target', 'corresp', 'resp', 'who', 'source', 'ana', 'rendition', 'facs'];

/**
 * Every `#id` pointer of a TEI tree that names no `xml:id` of the same tree (`persName
 * ref="#stalin"` in a file without the person), as `element@attribute → #id`.
 */
export function danglingPointers(root: TeiElement): string[] {
  const ids = new Set<string>();
  const pointers: [string, string][] = [];
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    const id = n.attrs['xml:id'];
    if (id) ids.add(id);
    for (const a of POINTERS)
      for (const v of (n.attrs[a] ?? '').split(/\s+/))
        if (v.startsWith('#')) pointers.push([`${n.name}@${a}`, v.slice(1)]);
    n.children.forEach(visit);
  };
  visit(root);
  return pointers.filter(([, id]) => !ids.has(id)).map(([where, id]) => `${where} → #${id}`);
}

/** How many `#id` pointers a tree holds (a test that finds no dangling pointer must have looked at some). */
export function pointerCount(root: TeiElement): number {
  let count = 0;
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    for (const a of POINTERS) for (const v of (n.attrs[a] ?? '').split(/\s+/)) if (v.startsWith('#')) count++;
    n.children.forEach(visit);
  };
  visit(root);
  return count;
}
