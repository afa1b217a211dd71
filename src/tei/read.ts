import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors.ts';
import { el, isElement, type TeiElement, type TeiNode } from './node.ts';

type Ordered = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
});

function convert(items: Ordered[]): TeiNode[] {
  const out: TeiNode[] = [];
  for (const item of items) {
    if ('#text' in item) {
      out.push(String(item['#text']));
      continue;
    }
    if ('#comment' in item) continue;
    const name = Object.keys(item).find((k) => k !== ':@');
    if (!name) continue;
    const attrs = (item[':@'] ?? {}) as Record<string, string>;
    out.push(el(name, attrs, convert((item[name] ?? []) as Ordered[])));
  }
  return out;
}

/** A local name without its prefix (`tei:p` → `p`). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/**
 * Parses TEI from a string into the same tree the writer takes. Refuses DTDs that declare
 * entities (external entities and expansion bombs are never expanded) and reports the parser's
 * line:column for XML that is not well-formed.
 */
/** The most elements a TEI file may have (RECTO_MAX_ELEMENTS): a bound on memory for hostile input. */
export const maxElements = (): number => Number(process.env.RECTO_MAX_ELEMENTS ?? 5_000_000);

function countStartTags(xml: string, limit: number): number {
  let n = 0;
  for (let i = xml.indexOf('<'); i !== -1 && n <= limit; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95) n++;
  }
  return n;
}

export function parseTei(xml: string, file: string): TeiElement {
  const limit = maxElements();
  if (countStartTags(xml, limit) > limit) {
    throw new InputError(
      `${file}:1:1: error [tei-too-many-elements] more than ${limit} elements (RECTO_MAX_ELEMENTS)`,
    );
  }
  if (/<!DOCTYPE[^>]*\[[\s\S]*?<!ENTITY/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new InputError(
      `${file}:1:1: error [xml-entity-declaration] DOCTYPE entity declarations are refused (XXE and entity-expansion safety)`,
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new InputError(`${file}:${line}:${col}: error [xml-not-well-formed] ${msg}`);
  }
  const root = convert(parser.parse(xml) as Ordered[]).find(isElement);
  if (!root || !['TEI', 'teiCorpus'].includes(localName(root.name))) {
    throw new InputError(
      `${file}:1:1: error [tei-root] the root element is <${root?.name ?? 'none'}>, not <TEI> or <teiCorpus>`,
    );
  }
  return root;
}

export async function readTei(path: string): Promise<TeiElement> {
  let xml: string;
  try {
    xml = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      cause: error,
    });
  }
  return parseTei(xml, path);
}

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
