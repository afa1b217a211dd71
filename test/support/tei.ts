import { isElement, localName, type TeiElement, type TeiNode } from '../../src/tei/node.ts';

/** Every descendant element with this local name (`*`: any), optionally passing a test, in document order. */
export function all(
  root: TeiNode,
  name: string,
  test: (e: TeiElement) => boolean = () => true,
): TeiElement[] {
  const found: TeiElement[] = [];
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    if ((name === '*' || localName(n.name) === name) && test(n)) found.push(n);
    n.children.forEach(visit);
  };
  visit(root);
  return found;
}
