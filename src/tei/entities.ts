import { InputError } from '../errors.ts';

/**
 * Internal entities a TEI file declares in its DOCTYPE (`<!DOCTYPE TEI [ <!ENTITY mdash "—"> ]>`),
 * read and expanded before the XML parser sees the document, with the limits libxml2 keeps:
 *
 * - an external entity (`SYSTEM`/`PUBLIC`, an unparsed `NDATA` one), a parameter entity reference
 *   (`%name;`) or a parameter entity that is external or refers to others is refused before
 *   anything is expanded (XXE: nothing is ever read from outside the file); a parameter entity
 *   declared with a plain literal and never referred to is read past;
 * - at most `MAX_DECLARATIONS` declarations, each replacement text at most `MAX_VALUE` characters;
 * - entities nest at most `MAX_DEPTH` deep (libxml2: 40) and never refer to themselves;
 * - the text all references expand to, each counted with a fixed cost (libxml2's
 *   `XML_ENT_FIXED_COST`), stays within `ALLOWED_EXPANSION` characters or `AMPLIFICATION` times the
 *   document's size, whichever is larger (libxml2's defaults: 1,000,000 and 5). An entity that alone
 *   would expand beyond that is refused at its declaration, before any expansion (a billion-laughs
 *   document: `lol9` would be 3,000,000,000 characters); many references to a fair one are refused
 *   at the reference that crosses the limit.
 *
 * Refusals of the declarations say `file:1:1` (the file is refused as a whole) and where the
 * declaration stands; a reference that crosses the limit is reported at its own line:column. The
 * DOCTYPE is blanked to spaces (newlines kept) so that everything after it keeps its offset, and
 * what an expansion adds is mapped back to the reference it came from (`toSource`).
 */
const MAX_DECLARATIONS = 10_000;
const MAX_VALUE = 1_000_000;
const MAX_DEPTH = 40;
const ALLOWED_EXPANSION = 1_000_000;
const AMPLIFICATION = 5;
const FIXED_COST = 20;

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);
const NAME = String.raw`[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*`;

export interface Expanded {
  /** The document as the parser is to see it: DOCTYPE blanked, references replaced by their text. */
  xml: string;
  /** The offset in the file a character of `xml` comes from (inside an expansion: its reference). */
  toSource: (offset: number) => number;
  /** How many entities were declared (0: `xml` is the file as it was). */
  declared: number;
}

/** Line and column (from 1) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The internal subset of the DOCTYPE before the root element: where it starts and ends. */
function doctype(
  xml: string,
): { start: number; end: number; subset?: { from: number; to: number } } | undefined {
  const start = xml.search(/<!DOCTYPE\b/);
  if (start === -1) return undefined;
  const root = /<[A-Za-z_]/.exec(xml.slice(0, start));
  if (root) return undefined;
  let i = start + 9;
  let quote = '';
  for (; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') break;
    else if (ch === '>') return { start, end: i + 1 };
  }
  if (i >= xml.length) return undefined;
  const from = i + 1;
  // the subset ends at the `]` outside literals and comments, followed by `>`
  quote = '';
  for (let k = from; k < xml.length; k++) {
    const ch = xml[k];
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (xml.startsWith('<!--', k)) {
      const close = xml.indexOf('-->', k + 4);
      if (close === -1) return undefined;
      k = close + 2;
    } else if (xml.startsWith('<?', k)) {
      const close = xml.indexOf('?>', k + 2);
      if (close === -1) return undefined;
      k = close + 1;
    } else if (ch === '"' || ch === "'") {
      // (a literal only inside a declaration; outside one a quote is not well-formed anyway)
      quote = ch;
    } else if (ch === ']') {
      const gt = xml.indexOf('>', k);
      if (gt === -1) return undefined;
      return { start, end: gt + 1, subset: { from, to: k } };
    }
  }
  return undefined;
}

const refuse = (file: string, message: string): InputError =>
  new InputError(`${file}:1:1: error [xml-entity-declaration] ${message}`);

/** Character references in an entity's literal are replaced when it is declared (XML 1.0 §4.5). */
const charRefs = (value: string): string =>
  value.replace(/&#(x[0-9A-Fa-f]+|[0-9]+);/g, (ref, n: string) => {
    const code = n.startsWith('x') ? Number.parseInt(n.slice(1), 16) : Number(n);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  });

interface Declared {
  value: string;
  at: number;
}

function declarations(
  xml: string,
  subset: { from: number; to: number },
  file: string,
): Map<string, Declared> {
  const text = xml.slice(subset.from, subset.to);
  const where = (k: number): string => {
    const { line, column } = lineColumn(xml, subset.from + k);
    return `${line}:${column}`;
  };
  const found = new Map<string, Declared>();
  const percent = /%\s*[A-Za-z_]|%[A-Za-z_][^;\s]*;/;
  const declaration = new RegExp(
    String.raw`<!ENTITY\s+(%\s+)?(${NAME})\s+("([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b)?`,
    'y',
  );
  for (let k = 0; k < text.length; k++) {
    if (text.startsWith('<!--', k)) {
      k = text.indexOf('-->', k + 4) + 2;
      if (k < 2) break;
      continue;
    }
    if (text.startsWith('<?', k)) {
      k = text.indexOf('?>', k + 2) + 1;
      if (k < 1) break;
      continue;
    }
    if (text[k] === '%' && percent.test(text.slice(k, k + 80)))
      throw refuse(
        file,
        `a parameter entity reference at ${where(k)} is refused (nothing is read from outside the file)`,
      );
    if (!text.startsWith('<!ENTITY', k)) {
      // other declarations (ELEMENT, ATTLIST, NOTATION) are skipped, their literals with them
      if (text.startsWith('<!', k)) {
        let quote = '';
        let j = k + 2;
        for (; j < text.length; j++) {
          const ch = text[j];
          if (quote) {
            if (ch === quote) quote = '';
          } else if (ch === '"' || ch === "'") quote = ch;
          else if (ch === '>') break;
        }
        k = j;
      }
      continue;
    }
    declaration.lastIndex = k;
    const m = declaration.exec(text);
    if (!m) throw refuse(file, `an entity declaration at ${where(k)} is not one Recto reads`);
    const [all, parameter, name = '', , double, single, external] = m;
    const internal = !external && (double !== undefined || single !== undefined);
    if (parameter && internal && !/[%&]/.test(double ?? single ?? '')) {
      // a parameter entity with a plain literal, for the external DTD's conditional sections
      // (FreeDict's `<!ENTITY % TEI.dictionaries "INCLUDE">`): only the DTD could refer to it, and
      // a reference in the subset is refused above, so it is read past, as libxml2 does without the DTD
      const end = text.indexOf('>', k + all.length);
      k = end === -1 ? text.length : end;
      continue;
    }
    if (parameter)
      throw refuse(
        file,
        `the parameter entity "%${name}" declared at ${where(k)} is refused (nothing is read from outside the file)`,
      );
    if (external || (double === undefined && single === undefined))
      throw refuse(
        file,
        `the external entity "${name}" declared at ${where(k)} is refused (XXE: nothing is read from outside the file)`,
      );
    const literal = double ?? single ?? '';
    const end = text.indexOf('>', k + all.length);
    const rest = text.slice(k + all.length, end === -1 ? text.length : end);
    if (/\bNDATA\b/.test(rest))
      throw refuse(file, `the unparsed entity "${name}" declared at ${where(k)} is refused`);
    if (/%[A-Za-z_:][^;\s]*;/.test(literal))
      throw refuse(
        file,
        `the entity "${name}" declared at ${where(k)} refers to a parameter entity: refused`,
      );
    if (literal.length > MAX_VALUE)
      throw refuse(
        file,
        `the entity "${name}" declared at ${where(k)} is longer than ${MAX_VALUE} characters`,
      );
    // the first declaration binds (XML 1.0 §4.2)
    if (!found.has(name)) found.set(name, { value: charRefs(literal), at: subset.from + k });
    if (found.size > MAX_DECLARATIONS)
      throw refuse(file, `more than ${MAX_DECLARATIONS} entity declarations`);
    k = end === -1 ? text.length : end;
  }
  return found;
}

const REFERENCE = new RegExp(`&(${NAME});`, 'g');

/**
 * Expands the internal entities `xml` declares, or gives it back as it is when it declares none.
 * Throws an InputError for what is refused (see above).
 */
export function expandEntities(xml: string, file: string): Expanded {
  const identity: Expanded = { xml, toSource: (o) => o, declared: 0 };
  if (!xml.includes('<!ENTITY') && !xml.includes('<!DOCTYPE')) return identity;
  const dt = doctype(xml);
  if (!dt) {
    if (/<!ENTITY/.test(xml))
      throw refuse(file, 'an entity declaration outside a DOCTYPE before the root element');
    return identity;
  }
  const entities = dt.subset ? declarations(xml, dt.subset, file) : new Map<string, Declared>();
  const where = (offset: number): string => {
    const { line, column } = lineColumn(xml, offset);
    return `${line}:${column}`;
  };
  const limit = Math.max(ALLOWED_EXPANSION, AMPLIFICATION * xml.length);

  // Each entity's full size, computed from the declarations alone (nothing expanded yet): a loop,
  // too deep a nesting or too large an entity is refused before any expansion.
  const size = new Map<string, number>();
  const sizeOf = (name: string, chain: string[]): number => {
    const known = size.get(name);
    if (known !== undefined) return known;
    const entity = entities.get(name);
    if (!entity) return 0;
    if (chain.includes(name))
      throw refuse(
        file,
        `the entity "${name}" declared at ${where(entity.at)} refers to itself (${[...chain, name].join(' → ')})`,
      );
    if (chain.length >= MAX_DEPTH)
      throw refuse(
        file,
        `entities nest more than ${MAX_DEPTH} deep at "${name}" declared at ${where(entity.at)}`,
      );
    let total = entity.value.length;
    for (const m of entity.value.matchAll(REFERENCE)) {
      const ref = m[1] ?? '';
      if (PREDEFINED.has(ref) || !entities.has(ref)) continue;
      total += FIXED_COST + sizeOf(ref, [...chain, name]) - m[0].length;
      if (total > limit)
        throw refuse(
          file,
          `the entity "${name}" declared at ${where(entity.at)} would expand to more than ${limit.toLocaleString('en-US')} characters (an entity expansion bomb): refused before expansion`,
        );
    }
    size.set(name, total);
    return total;
  };
  for (const name of entities.keys()) sizeOf(name, []);

  // The DOCTYPE blanked (its newlines kept): every offset after it is the file's.
  const blanked = xml.slice(dt.start, dt.end).replace(/[^\n]/g, ' ');
  // (a subset that declares no general entity, only ATTLISTs or parameter entities read past, is
  // blanked all the same: the XML parser reads no declaration, and knows no parameter entity)
  if (!entities.size)
    return dt.subset ? { ...identity, xml: xml.slice(0, dt.start) + blanked + xml.slice(dt.end) } : identity;

  const expand = (value: string): string =>
    value.replace(REFERENCE, (ref, name: string) => {
      const entity = entities.get(name);
      return entity && !PREDEFINED.has(name) ? expand(entity.value) : ref;
    });
  const cache = new Map<string, string>();
  const replacement = (name: string): string => {
    let text = cache.get(name);
    if (text === undefined) {
      text = expand(entities.get(name)?.value ?? '');
      cache.set(name, text);
    }
    return text;
  };

  // References in content and attribute values; not in comments, CDATA sections or processing
  // instructions. `map`: [offset in the output, offset in the file, length in the output, length in the file].
  const parts: string[] = [xml.slice(0, dt.start), blanked];
  const map: number[] = [];
  let outLength = dt.end;
  let spent = 0;
  const body = xml.slice(dt.end);
  const skip = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g;
  let from = 0;
  const copy = (to: number): void => {
    const piece = body.slice(from, to);
    let last = 0;
    for (const m of piece.matchAll(REFERENCE)) {
      const name = m[1] ?? '';
      if (PREDEFINED.has(name) || !entities.has(name)) continue;
      const at = from + (m.index ?? 0);
      const text = replacement(name);
      spent += FIXED_COST + text.length;
      if (spent > limit) {
        const { line, column } = lineColumn(xml, dt.end + at);
        throw new InputError(
          `${file}:${line}:${column}: error [xml-entity-expansion] the references to entities up to "&${name};" expand to more than ${limit.toLocaleString('en-US')} characters (${AMPLIFICATION}× the file, or ${ALLOWED_EXPANSION.toLocaleString('en-US')}): refused`,
        );
      }
      const before = piece.slice(last, m.index);
      parts.push(before);
      outLength += before.length;
      map.push(outLength, dt.end + at, text.length, m[0].length);
      parts.push(text);
      outLength += text.length;
      last = (m.index ?? 0) + m[0].length;
    }
    const rest = piece.slice(last);
    parts.push(rest);
    outLength += rest.length;
    from = to;
  };
  for (const m of body.matchAll(skip)) {
    copy(m.index ?? 0);
    parts.push(m[0]);
    outLength += m[0].length;
    from = (m.index ?? 0) + m[0].length;
  }
  copy(body.length);

  const toSource = (offset: number): number => {
    // the last expansion starting at or before the offset
    let lo = 0;
    let hi = map.length / 4 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((map[4 * mid] ?? 0) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1) return offset;
    const [outAt = 0, srcAt = 0, outLen = 0, srcLen = 0] = map.slice(4 * found, 4 * found + 4);
    if (offset < outAt + outLen) return srcAt;
    return srcAt + srcLen + (offset - outAt - outLen);
  };
  return { xml: parts.join(''), toSource, declared: entities.size };
}
