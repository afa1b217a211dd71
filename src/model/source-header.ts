import { isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';

/**
 * What a TEI document's own header says of who made it and where it is printed, for a text taken
 * out of it that keeps them (a reader's item from one of our documents): the respStmts and
 * editors with an xml:id in its titleStmt (what `resp` in its text points at: the source editors,
 * the transmission …), and its `sourceDesc` biblStruct.
 */
export interface SourceHeader {
  respStmts: TeiElement[];
  bibl?: TeiElement;
}

const child = (e: TeiElement | undefined, name: string): TeiElement | undefined =>
  e?.children.find((c): c is TeiElement => isElement(c) && localName(c.name) === name);

/** The respStmts and editors with an xml:id in a TEI document's titleStmt. */
function respStmts(tei: TeiElement): TeiElement[] {
  const titleStmt = child(child(child(tei, 'teiHeader'), 'fileDesc'), 'titleStmt');
  // (an editor with an id is pointed at too: corrections named in the manifest are the editor's)
  return (titleStmt?.children ?? []).filter(
    (c): c is TeiElement =>
      isElement(c) && ['respStmt', 'editor'].includes(localName(c.name)) && Boolean(c.attrs['xml:id']),
  );
}

/** The first biblStruct outside the text (its header's `sourceDesc`). */
function sourceBibl(tei: TeiElement): TeiElement | undefined {
  let found: TeiElement | undefined;
  const visit = (n: TeiNode): void => {
    if (found || !isElement(n)) return;
    if (localName(n.name) === 'biblStruct') found = n;
    else if (localName(n.name) !== 'text') for (const c of n.children) visit(c);
  };
  visit(tei);
  return found;
}

export const sourceHeader = (tei: TeiElement): SourceHeader => ({
  respStmts: respStmts(tei),
  bibl: sourceBibl(tei),
});
