import type { EntityType, Register, RegisterEntry } from '../register/types.ts';
import { isElement, localName, type TeiElement, type TeiNode, textContent } from '../tei/node.ts';
import { parseTei } from '../tei/read.ts';

/**
 * The register a TEI file holds, as the model reads it (a master's `standOff`, a volume's list of
 * persons, a register file in TEI): `listPerson/person`, `listPlace/place`, `listOrg/org` (an
 * `idno type` gives an authority id, `birth`/`death` or `floruit` the dates), and a FRUS volume's
 * list of persons (`list type="names"`: an item of `persName xml:id` and its description).
 */
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const XML_ID = 'xml:id';

function* walk(node: TeiElement): Generator<TeiElement> {
  yield node;
  for (const c of node.children) if (isElement(c)) yield* walk(c);
}

const child = (e: TeiElement, name: string): TeiElement | undefined =>
  e.children.find((c): c is TeiElement => isElement(c) && localName(c.name) === name);

const NAME_OF: Record<string, [EntityType, string]> = {
  person: ['person', 'persName'],
  place: ['place', 'placeName'],
  org: ['org', 'orgName'],
};

function authorityScheme(idno: TeiElement): string {
  const type = (idno.attrs.type ?? '').toLowerCase();
  const text = squash(textContent(idno));
  if (type && type !== 'uri') return type;
  if (/wikidata\.org/.test(text)) return 'wikidata';
  if (/viaf\.org/.test(text)) return 'viaf';
  return type || 'uri';
}

/** The bare id from a URI form (`http://www.wikidata.org/entity/Q295120` → `Q295120`). */
function authorityId(scheme: string, text: string): string {
  if (scheme === 'wikidata') return /Q\d+/.exec(text)?.[0] ?? text;
  if (scheme === 'viaf') return /\d+/.exec(text)?.[0] ?? text;
  return text;
}

function listEntry(e: TeiElement, type: EntityType, nameElement: string): RegisterEntry | undefined {
  const id = e.attrs[XML_ID];
  const names = e.children.filter((c): c is TeiElement => isElement(c) && localName(c.name) === nameElement);
  const [first, ...rest] = names.map((n) => squash(textContent(n)));
  if (!id || !first) return undefined;
  const authorities: Record<string, string> = {};
  for (const idno of e.children.filter(
    (c): c is TeiElement => isElement(c) && localName(c.name) === 'idno',
  )) {
    const scheme = authorityScheme(idno);
    authorities[scheme] = authorityId(scheme, squash(textContent(idno)));
  }
  const description = ['note', 'occupation', 'roleName', 'desc'].map((n) => child(e, n)).find(Boolean);
  const birth = child(e, 'birth') ?? child(e, 'floruit');
  const death = child(e, 'death') ?? child(e, 'floruit');
  return {
    id,
    type,
    name: first,
    variants: rest,
    description: description ? squash(textContent(description)) : undefined,
    from: birth?.attrs.when ?? birth?.attrs.from,
    to: death === birth ? death?.attrs.to : (death?.attrs.when ?? death?.attrs.to),
    authorities,
  };
}

/** A FRUS list item: `<hi rend="strong"><persName xml:id="p_KGF1">Kennan, George F.</persName>,</hi> Ambassador …`. */
function frusEntry(item: TeiElement): RegisterEntry | undefined {
  const person = [...walk(item)].find((e) => localName(e.name) === 'persName' && e.attrs[XML_ID]);
  const id = person?.attrs[XML_ID];
  if (!person || !id) return undefined;
  const name = squash(textContent(person));
  const after: string[] = [];
  let seen = false;
  const collect = (n: TeiNode): void => {
    if (n === person) {
      seen = true;
      return;
    }
    if (typeof n === 'string') {
      if (seen) after.push(n);
    } else for (const c of n.children) collect(c);
  };
  collect(item);
  const description = squash(after.join('')).replace(/^[,;:\s]+/, '');
  return { id, type: 'person', name, variants: [], description: description || undefined, authorities: {} };
}

/** The register of a TEI tree: every entry it lists, each id once (the first). */
export function teiRegister(root: TeiElement): Register {
  const entries: RegisterEntry[] = [];
  const seen = new Set<string>();
  const add = (e: RegisterEntry | undefined): void => {
    if (e && !seen.has(e.id)) {
      seen.add(e.id);
      entries.push(e);
    }
  };
  for (const e of walk(root)) {
    const name = localName(e.name);
    const listed = NAME_OF[name];
    if (listed) add(listEntry(e, listed[0], listed[1]));
    else if (name === 'list' && e.attrs.type === 'names') {
      for (const item of e.children)
        if (isElement(item) && localName(item.name) === 'item') add(frusEntry(item));
    }
  }
  return { entries };
}

/** A register file in TEI (`register.xml`), read: its text refused as any TEI file's would be. */
export const parseTeiRegister = (text: string, file: string): Register => teiRegister(parseTei(text, file));
