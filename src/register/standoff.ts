import { block, el, type TeiElement, type TeiNode } from '../tei/node.ts';
import { pointedIds } from '../tei/standalone.ts';
import type { EntityType, RegisterEntry } from './types.ts';

/**
 * The register as TEI `standOff`: `listPerson/person`, `listPlace/place`, `listOrg/org`, each
 * with its preferred name, its variants (`type="variant"`), its description (`note`), its dates
 * (`birth`/`death` for a person) and its authority ids as `idno type="wikidata"`. The mentions in
 * the documents point at the entries with `ref="#id"`.
 */
const LISTS: [EntityType, string, string, string][] = [
  ['person', 'listPerson', 'person', 'persName'],
  ['place', 'listPlace', 'place', 'placeName'],
  ['org', 'listOrg', 'org', 'orgName'],
];

function entryElement(e: RegisterEntry, element: string, nameElement: string): TeiElement {
  const children = [
    el(nameElement, {}, [e.name]),
    ...e.variants.map((v) => el(nameElement, { type: 'variant' }, [v])),
  ];
  if (e.type === 'person') {
    if (e.from) children.push(el('birth', { when: e.from }));
    if (e.to) children.push(el('death', { when: e.to }));
  }
  if (e.description) children.push(el('note', {}, [e.description]));
  for (const [scheme, id] of Object.entries(e.authorities).sort(([a], [b]) => a.localeCompare(b)))
    children.push(el('idno', { type: scheme }, [id]));
  return block(element, { 'xml:id': e.id }, children);
}

export function registerStandOff(entries: RegisterEntry[]): TeiElement | undefined {
  const lists = LISTS.flatMap(([type, list, element, name]) => {
    const of = entries.filter((e) => e.type === type);
    return of.length
      ? [
          block(
            list,
            {},
            of.map((e) => entryElement(e, element, name)),
          ),
        ]
      : [];
  });
  return lists.length ? block('standOff', {}, lists) : undefined;
}

/**
 * The `standOff` a TEI file of one document carries so that it stands alone: the register
 * entries its text points at, and no others (none pointed at: no standOff).
 */
export function documentStandOff(entries: RegisterEntry[], text: TeiNode): TeiElement | undefined {
  const pointed = pointedIds(text);
  return registerStandOff(entries.filter((e) => pointed.has(e.id)));
}
