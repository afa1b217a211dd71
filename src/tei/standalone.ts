import { childElements, isElement, localName, type TeiElement, type TeiNode } from './node.ts';

/** The ids a tree points at with `#id` in its `ref` and `corresp` (its names' links to a register). */
export function pointedIds(root: TeiNode): Set<string> {
  const out = new Set<string>();
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    for (const a of ['ref', 'corresp'])
      for (const v of (n.attrs[a] ?? '').split(/\s+/)) if (v.startsWith('#')) out.add(v.slice(1));
    n.children.forEach(visit);
  };
  visit(root);
  return out;
}

/**
 * A member of a teiCorpus as a file of its own: with the entries of the corpus's standOff its
 * text points at (`persName ref="#stalin"`: the person), in a standOff of its own after its
 * header, each list keeping only those entries; a member that has its own standOff, or points
 * at none, as it is.
 */
export function standaloneMember(corpus: TeiElement, tei: TeiElement): TeiElement {
  const shared = localName(corpus.name) === 'teiCorpus' ? childElements(corpus, 'standOff') : [];
  if (!shared.length || childElements(tei, 'standOff').length) return tei;
  const pointed = pointedIds(tei);
  const lists = shared.flatMap((standOff) =>
    childElements(standOff).flatMap((list) => {
      const kept = childElements(list).filter((entry) => pointed.has(entry.attrs['xml:id'] ?? ''));
      return kept.length ? [{ ...list, children: kept }] : [];
    }),
  );
  if (!lists.length) return tei;
  const standOff: TeiElement = { ...(shared[0] as TeiElement), attrs: {}, children: lists };
  const header = tei.children.findIndex((c) => isElement(c) && localName(c.name) === 'teiHeader');
  const children = [...tei.children];
  children.splice(header + 1, 0, standOff);
  return { ...tei, children };
}
