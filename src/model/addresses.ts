import { isElement, localName, type TeiElement, type TeiNode, textContent } from '../tei/node.ts';

/**
 * Where an id of a TEI file lives, for a text taken out of it (a reader's excerpt) that points at
 * it: a term of the file's list of abbreviations and terms (the list item that explains it), or
 * another part of the file, with its address on the web where the file gives one (a FRUS
 * volume's documents and pages on history.state.gov). Undefined: no such id in the file.
 */
export interface Address {
  term?: TeiElement;
  url?: string;
}

export type AddressOf = (id: string) => Address | undefined;

/** The list items of a TEI's lists of terms (`list type="terms"`, FRUS), by the id of each term. */
export function termsOf(root: TeiElement): Map<string, TeiElement> {
  const out = new Map<string, TeiElement>();
  const visit = (n: TeiNode, inTerms: boolean): void => {
    if (!isElement(n)) return;
    const name = localName(n.name);
    if (inTerms && name === 'item') {
      const find = (m: TeiNode): void => {
        if (!isElement(m)) return;
        if (localName(m.name) === 'term' && m.attrs['xml:id']) out.set(m.attrs['xml:id'], n);
        for (const c of m.children) find(c);
      };
      find(n);
      return;
    }
    for (const c of n.children) visit(c, inTerms || (name === 'list' && n.attrs.type === 'terms'));
  };
  visit(root, false);
  return out;
}

/**
 * The web address of a FRUS volume's parts: `https://history.state.gov/historicaldocuments/` and
 * the volume's id (`idno type="frus"`), then the part's (`d28`, `pg_465`, `ch3`): the Office of
 * the Historian's addresses. Other TEI names no address for its parts.
 */
function webBase(root: TeiElement): string | undefined {
  let volume: string | undefined;
  const visit = (n: TeiNode): void => {
    if (volume || !isElement(n) || localName(n.name) === 'text') return;
    if (localName(n.name) === 'idno' && n.attrs.type === 'frus') volume = textContent(n).trim() || undefined;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return volume && /^[\w.-]+$/.test(volume)
    ? `https://history.state.gov/historicaldocuments/${volume}/`
    : undefined;
}

/** Where each id of a TEI file lives: its terms, and each id's part with an address of its own. */
export function addressBook(root: TeiElement): AddressOf {
  const terms = termsOf(root);
  const base = webBase(root);
  // each id and the part it stands in that has an address of its own (a page, a division)
  const part = new Map<string, string | undefined>();
  const visit = (n: TeiNode, division: string | undefined): void => {
    if (!isElement(n)) return;
    const id = n.attrs['xml:id'];
    const name = localName(n.name);
    const own = id && (name === 'div' || name === 'pb') ? id : division;
    if (id) part.set(id, own);
    for (const c of n.children) visit(c, name === 'div' && id ? id : division);
  };
  visit(root, undefined);
  return (id) => {
    const term = terms.get(id);
    if (term) return { term };
    if (!part.has(id)) return undefined;
    const at = part.get(id);
    return { url: base && at ? `${base}${at}` : undefined };
  };
}
