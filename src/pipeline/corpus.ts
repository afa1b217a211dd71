import { type CorpusParts, corpusText } from '../model/corpus-parse.ts';
import type { TeiElement } from '../tei/node.ts';
import { serializeTei } from '../tei/write.ts';

/**
 * The edition master (`tei/edition.xml`): the teiCorpus with the edition's header (and the
 * register's standOff), then each member TEI as its own file has it but for its own standOff:
 * a document's file carries the register entries it points at so that it stands alone, and the
 * corpus holds them once (an xml:id twice in one file is an error). Composed from the members'
 * serialized text rather than from trees, so cached and sharded documents join the corpus
 * without being parsed again.
 */
const DECLARATION = /^<\?xml[^?]*\?>/;
/** A member's own standOff, right after its header, as the normalizer writes it. */
const OWN_STANDOFF = /(<\/teiHeader>\s*)<standOff>[\s\S]*?<\/standOff>\s*/;

export function composeCorpus(shell: TeiElement, members: string[]): string {
  return corpusText(corpusParts(shell, members));
}

export { type CorpusParts, corpusText };

export function corpusParts(shell: TeiElement, members: string[]): CorpusParts {
  const xml = serializeTei(shell);
  const close = xml.lastIndexOf(`</${shell.name}>`);
  if (close < 0) throw new Error('composeCorpus: the corpus shell did not serialize to one element');
  return {
    head: xml.slice(0, close),
    members: members.map((m) => m.replace(DECLARATION, '').replace(OWN_STANDOFF, '$1').trim()),
    tail: xml.slice(close),
  };
}
