import type { Diagnostic, Position } from '../diagnostics.ts';
import type { AddressOf } from '../model/addresses.ts';
import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';
import { POINTERS } from './ids.ts';

/** Pointers whose value may become a web address: the others (`corresp`, `resp`, `who` …) name, not link. */
const LINKS = new Set(['target']);

/**
 * An excerpt whose every `#id` pointer lands in the reader: pointers to its own parts and to
 * `known` ids (the reader's persons, the respStmts it carries) stay; for the others the source's
 * model says where they live (`addressOf`): a term of the source's list goes with the excerpt
 * (returned, for its glossary); a link to a part the reader does not hold points at that part on
 * the web, or — where the source has no address — is dropped, its words kept, and said
 * (`reader-pointer`). A TEI validator checks none of this: a librarian's link checker, and a
 * reader's click, do.
 */
export function settlePointers(
  div: TeiElement,
  known: Set<string>,
  addressOf: AddressOf,
  where: { file: string; position: Position; item: string },
): { div: TeiElement; terms: TeiElement[]; diagnostics: Diagnostic[] } {
  const own = new Set<string>();
  const collect = (n: TeiNode): void => {
    if (!isElement(n)) return;
    if (n.attrs['xml:id']) own.add(n.attrs['xml:id']);
    for (const c of n.children) collect(c);
  };
  collect(div);
  const terms = new Map<string, TeiElement>();
  const dropped = new Map<string, number>();
  // An anchor where the source printed a note (its list's entry: for `recto text`) marks a place
  // of the source's layout: with its note left out of the excerpt it marks nothing, and goes.
  const strayAnchor = (n: TeiNode): boolean =>
    isElement(n) &&
    n.name === 'anchor' &&
    (n.attrs.type ?? '').startsWith('note') &&
    !own.has((n.attrs.corresp ?? '').replace(/^#/, ''));
  const copy = (n: TeiNode): TeiNode => {
    if (!isElement(n)) return n;
    const attrs = { ...n.attrs };
    for (const name of POINTERS) {
      const value = attrs[name];
      if (!value) continue;
      const kept: string[] = [];
      for (const v of value.split(/\s+/)) {
        const id = v.startsWith('#') ? v.slice(1) : undefined;
        if (id === undefined || own.has(id) || known.has(id)) {
          kept.push(v);
          continue;
        }
        const address = addressOf(id);
        if (address?.term) {
          terms.set(id, address.term);
          kept.push(v);
        } else if (address?.url && LINKS.has(name)) kept.push(address.url);
        else if (LINKS.has(name)) dropped.set(v, (dropped.get(v) ?? 0) + 1);
        else kept.push(v); // (a name's pointer to no one the reader knows: left for the validator's eye)
      }
      if (kept.length) attrs[name] = kept.join(' ');
      else delete attrs[name];
    }
    return { name: n.name, attrs, children: n.children.filter((c) => !strayAnchor(c)).map(copy) };
  };
  const settled = copy(div) as TeiElement;
  const diagnostics: Diagnostic[] = [...dropped].map(([target, count]) => ({
    file: where.file,
    position: where.position,
    severity: 'warning',
    ruleId: 'reader-pointer',
    message: `${where.item}: ${count === 1 ? 'a link points' : `${count} links point`} at ${target}, which the reader does not hold and its source gives no address for: the words are kept, the link is not`,
  }));
  return { div: settled, terms: [...terms.values()], diagnostics };
}
