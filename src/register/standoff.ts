import { block, el, type TeiElement } from '../tei/node.ts';
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
