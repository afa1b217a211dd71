import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors.ts';
import { expandEntities, lineColumn } from './entities.ts';
import { el, isElement, localName, type TeiElement, type TeiNode } from './node.ts';
import { isP4, p4ToP5 } from './p4.ts';

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

/**
 * Start-tag positions in document order. The parser keeps no positions, but it meets elements in
 * document order too, so the k-th element it gives starts at the k-th start tag (comments, CDATA,
 * processing instructions and the DOCTYPE are skipped here as the parser skips them).
 */
function startTagPositions(xml: string): { at: Uint32Array; comments: Uint32Array } {
  const found: number[] = [];
  const comments: number[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  const advance = (to: number): void => {
    for (let k = xml.indexOf('\n', scanned); k !== -1 && k < to; k = xml.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    scanned = to;
  };
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    const skipTo = (end: string): number => {
      const k = xml.indexOf(end, i + 2);
      return k === -1 ? xml.length : k + end.length - 1;
    };
    if (xml.startsWith('<!--', i)) {
      advance(i);
      comments.push(line, i - lineStart + 1);
      i = skipTo('-->');
    } else if (xml.startsWith('<![CDATA[', i)) i = skipTo(']]>');
    else if (next === 63 /* ? */) i = skipTo('?>');
    else if (next === 33 /* ! */) i = skipTo('>');
    else if (next !== 47 /* / */) {
      advance(i);
      found.push(line, i - lineStart + 1);
    }
  }
  return { at: Uint32Array.from(found), comments: Uint32Array.from(comments) };
}

interface Positions {
  at: Uint32Array;
  k: number;
  comments: Uint32Array;
  c: number;
}

function convert(
  items: Ordered[],
  positions?: Positions,
  comments?: { line: number; column: number }[],
): TeiNode[] {
  const out: TeiNode[] = [];
  for (const item of items) {
    if ('#text' in item) {
      out.push(String(item['#text']));
      continue;
    }
    if ('#comment' in item) {
      // (not text: where it stands is kept, for the model to say it left it out)
      if (positions && positions.c < positions.comments.length / 2) {
        comments?.push({
          line: positions.comments[2 * positions.c] ?? 1,
          column: positions.comments[2 * positions.c + 1] ?? 1,
        });
        positions.c++;
      }
      continue;
    }
    const name = Object.keys(item).find((k) => k !== ':@');
    if (!name) continue;
    const attrs = (item[':@'] ?? {}) as Record<string, string>;
    const k = positions ? positions.k++ : -1;
    const inner: { line: number; column: number }[] = [];
    const element = el(name, attrs, convert((item[name] ?? []) as Ordered[], positions, inner));
    if (inner.length) element.comments = inner;
    if (positions && k >= 0) {
      element.line = positions.at[2 * k];
      element.column = positions.at[2 * k + 1];
    }
    out.push(element);
  }
  return out;
}

/** The most elements a TEI file may have (RECTO_MAX_ELEMENTS): a bound on memory for hostile input. */
export const maxElements = (): number => Number(process.env.RECTO_MAX_ELEMENTS ?? 5_000_000);

/** Start tags in `xml`, counted up to one past `limit`. */
export function countStartTags(xml: string, limit: number): number {
  let n = 0;
  for (let i = xml.indexOf('<'); i !== -1 && n <= limit; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122) || next === 95) n++;
  }
  return n;
}

/** Positions read off the expanded text, moved back to where they stand in the file. */
function toFile(
  pairs: Uint32Array,
  expanded: string,
  source: string,
  toSource: (o: number) => number,
): Uint32Array {
  const starts = [0];
  for (let k = expanded.indexOf('\n'); k !== -1; k = expanded.indexOf('\n', k + 1)) starts.push(k + 1);
  const out = new Uint32Array(pairs.length);
  for (let k = 0; k < pairs.length; k += 2) {
    const offset = (starts[(pairs[k] ?? 1) - 1] ?? 0) + (pairs[k + 1] ?? 1) - 1;
    const { line, column } = lineColumn(source, toSource(offset));
    out[k] = line;
    out[k + 1] = column;
  }
  return out;
}

/**
 * Parses TEI from a string into the same tree the writer takes. Internal entities the DOCTYPE
 * declares are expanded within limits, external and parameter entities refused (entities.ts);
 * XML that is not well-formed is reported at the parser's line:column (in the file, not in the
 * expanded text); a TEI P4 document (`TEI.2`) is read as P5 (p4.ts).
 */
export function parseTei(xml: string, file: string): TeiElement {
  const limit = maxElements();
  if (countStartTags(xml, limit) > limit) {
    throw new InputError(
      `${file}:1:1: error [tei-too-many-elements] more than ${limit} elements (RECTO_MAX_ELEMENTS)`,
    );
  }
  const expanded = expandEntities(xml, file);
  const text = expanded.xml;
  if (expanded.declared && countStartTags(text, limit) > limit) {
    throw new InputError(
      `${file}:1:1: error [tei-too-many-elements] more than ${limit} elements once its entities are expanded (RECTO_MAX_ELEMENTS)`,
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const [l, c] = expanded.declared
      ? toFile(Uint32Array.of(line, col), text, xml, expanded.toSource)
      : [line, col];
    throw new InputError(`${file}:${l}:${c}: error [xml-not-well-formed] ${msg}`);
  }
  const positions = startTagPositions(text);
  if (expanded.declared) {
    positions.at = toFile(positions.at, text, xml, expanded.toSource);
    positions.comments = toFile(positions.comments, text, xml, expanded.toSource);
  }
  const root = convert(parser.parse(text) as Ordered[], { ...positions, k: 0, c: 0 }).find(isElement);
  if (root && isP4(root)) {
    p4ToP5(root);
    root.converted = 'P4';
  }
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
