import type { TeiElement } from '../tei/node.ts';
import { serializeTei } from '../tei/write.ts';

/**
 * The edition master (`tei/edition.xml`): the teiCorpus with the edition's header, then each
 * member TEI exactly as its own file has it. Composed from the members' serialized text rather
 * than from trees, so cached and sharded documents join the corpus without being parsed again.
 */
const DECLARATION = /^<\?xml[^?]*\?>/;

export function composeCorpus(shell: TeiElement, members: string[]): string {
  const xml = serializeTei(shell);
  const close = xml.lastIndexOf(`</${shell.name}>`);
  if (close < 0) throw new Error('composeCorpus: the corpus shell did not serialize to one element');
  const body = members.map((m) => `${m.replace(DECLARATION, '').trim()}\n`).join('');
  return `${xml.slice(0, close)}${body}${xml.slice(close)}`;
}
