import type { EditionMeta } from '../meta.ts';
import { registerStandOff } from '../register/standoff.ts';
import type { RegisterEntry } from '../register/types.ts';
import { editionHeader } from '../tei/header.ts';
import { block, el, type TeiElement, type TeiNode, textContent } from '../tei/node.ts';
import { MONTHS } from '../text/months.ts';
import { type ItemProvenance, itemHeader } from './header.ts';
import { prefixIds } from './ids.ts';
import { markdownInline, markdownTei } from './markdown.ts';

/** One item as the reader holds it: its provenance, the excerpt, the reader's own prose. */
export interface ReaderItemTei {
  provenance: ItemProvenance;
  div: TeiElement; // the excerpt (the document's div, ids not yet prefixed)
  /** Who the excerpt's `resp` pointers name (the source TEI's respStmts: the source editors …). */
  respStmts?: TeiElement[];
  /** The source's own biblStruct (ours), kept as it is but for the pages. */
  bibl?: TeiElement;
  /** The source's terms the excerpt uses (the items of a FRUS list of terms): its glossary. */
  terms?: TeiElement[];
  /** The register entries the excerpt's names point at (`persName ref="#kennan"`, `corresp="#p_DJF1"`). */
  register?: RegisterEntry[];
  number?: string; // the document's number in its source edition
  headnote?: string; // Markdown
  questions?: string[]; // Markdown, one question each
}

export interface ReaderUnitTei {
  id: string;
  title: string;
  introduction?: string; // Markdown
  readingList?: string[]; // Markdown, one entry each
  items: ReaderItemTei[];
}

/**
 * The TEI of one item: its header, the headnote (front), the excerpt (body), the questions and
 * glossary (back). Standing alone (`tei/<item>.xml`), it carries the persons it names itself; in
 * the reader's master they are the master's, once.
 */
export function itemTei(
  reader: EditionMeta,
  item: ReaderItemTei,
  standalone = false,
  handoutSource?: TeiElement, // a handout's first words: which reader it is from, and its source
): TeiElement {
  const id = item.provenance.id;
  // the terms go with the excerpt, their ids prefixed as its pointers to them are
  const terms = [...(item.terms ?? [])].sort((a, b) =>
    textContent(a).trim().localeCompare(textContent(b).trim(), 'en'),
  );
  const glossaryList = block('list', { type: 'terms' }, terms);
  const [excerpt, glossary, ...resps] = prefixIds([item.div, glossaryList, ...(item.respStmts ?? [])], id);
  const [bibl] = item.bibl ? prefixIds([item.bibl], id) : [];
  // (the excerpt's own whitespace and mixed content are kept as read)
  const div = el(
    'div',
    { type: 'document', subtype: 'excerpt', n: item.number, 'xml:id': id },
    (excerpt as TeiElement).children,
  );
  const parts: TeiElement[] = [];
  const front: TeiElement[] = handoutSource ? [handoutSource] : [];
  if (item.headnote)
    front.push(
      block('div', { type: 'headnote', 'xml:id': `${id}-headnote` }, [
        el('head', {}, ['Headnote']),
        ...markdownTei(item.headnote),
      ]),
    );
  if (front.length) parts.push(block('front', {}, front));
  parts.push(block('body', {}, [div]));
  // the back: the questions, then the glossary of the source's terms the excerpt uses
  const back: TeiElement[] = [];
  if (item.questions)
    back.push(
      block('div', { type: 'questions', 'xml:id': `${id}-questions` }, [
        el('head', {}, ['Questions for discussion']),
        block(
          'list',
          { rend: 'numbered' },
          item.questions.map((q) => el('item', {}, markdownInline(q))),
        ),
      ]),
    );
  if (terms.length)
    back.push(
      block('div', { type: 'glossary', 'xml:id': `${id}-glossary` }, [
        el('head', {}, ['Abbreviations and terms']),
        glossary as TeiElement,
      ]),
    );
  if (back.length) parts.push(block('back', {}, back));
  const standOff = standalone ? registerStandOff(itemsRegister([item])) : undefined;
  return block('TEI', { 'xml:lang': reader.language }, [
    itemHeader(reader, item.provenance, resps, bibl),
    ...(standOff ? [standOff] : []),
    block('text', {}, parts),
  ]);
}

/** The register entries the items' names point at, each once (the first source's entry for an id). */
function itemsRegister(items: ReaderItemTei[]): RegisterEntry[] {
  const out = new Map<string, RegisterEntry>();
  for (const item of items) {
    const pointed = new Set<string>();
    const visit = (n: TeiNode): void => {
      if (typeof n === 'string') return;
      for (const a of ['ref', 'corresp'])
        for (const v of (n.attrs[a] ?? '').split(/\s+/)) if (v.startsWith('#')) pointed.add(v.slice(1));
      for (const c of n.children) visit(c);
    };
    visit(item.div);
    for (const e of item.register ?? []) if (pointed.has(e.id) && !out.has(e.id)) out.set(e.id, e);
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** A unit: a teiCorpus of its items, with its title, introduction and reading list as its own text. */
function unitTei(reader: EditionMeta, unit: ReaderUnitTei): TeiElement {
  const intro: TeiElement[] = [el('head', {}, [unit.title])];
  if (unit.introduction) intro.push(...markdownTei(unit.introduction));
  if (unit.readingList)
    intro.push(
      block('div', { type: 'reading-list', 'xml:id': `${unit.id}-reading` }, [
        el('head', {}, ['Reading list']),
        block(
          'list',
          { rend: 'bulleted' },
          unit.readingList.map((r) => el('item', {}, markdownInline(r))),
        ),
      ]),
    );
  const header = block('teiHeader', {}, [
    block('fileDesc', {}, [
      block('titleStmt', {}, [el('title', {}, [unit.title])]),
      block('publicationStmt', {}, [el('p', {}, [`Part of ${reader.title}.`])]),
      block('sourceDesc', {}, [
        el('p', {}, ['The unit’s introduction and reading list are written for the reader.']),
      ]),
    ]),
  ]);
  return block('teiCorpus', { type: 'unit', 'xml:id': unit.id }, [
    header,
    block('text', { type: 'unit' }, [
      block('body', {}, [
        block('div', { type: 'unit-introduction', 'xml:id': `${unit.id}-introduction` }, intro),
      ]),
    ]),
    ...unit.items.map((item) => itemTei(reader, item)),
  ]);
}

/**
 * The reader's TEI master: a teiCorpus with the reader's header, its introduction (as the
 * edition's introduction is: a TEI whose text is of type "introduction"), then one teiCorpus per
 * unit. The renderers read it like any edition master: units are divisions, items documents.
 */
export function readerTei(
  reader: EditionMeta,
  units: ReaderUnitTei[],
  introduction: TeiElement | undefined,
): TeiElement {
  const items = units.flatMap((u) => u.items);
  const standOff = registerStandOff(itemsRegister(items));
  return block('teiCorpus', { 'xml:lang': reader.language, 'xml:id': reader.id }, [
    editionHeader(reader, items.length),
    // the persons the excerpts name, once for the reader (from each source's own register)
    ...(standOff ? [standOff] : []),
    ...(introduction ? [introduction] : []),
    ...units.map((u) => unitTei(reader, u)),
  ]);
}

/**
 * A handout's first words, as a photocopy from a book carries them: the reader and unit it is
 * from, and the source it is taken from, cited (its edition, volume, editors, imprint, the
 * document's number and the excerpt's pages).
 */
function handoutSourceTei(reader: EditionMeta, item: ReaderItemTei, unit?: string): TeiElement {
  const from: TeiNode[] = ['A reading from the course reader ', el('title', { level: 'm' }, [reader.title])];
  if (reader.editor) from.push(`, edited by ${reader.editor}`);
  const imprint = [reader.publisher, reader.date?.slice(0, 4)].filter(Boolean).join(', ');
  if (imprint) from.push(` (${imprint})`);
  if (unit) from.push(', ', el('title', {}, [unit]));
  from.push('.');
  return block('div', { type: 'handout-source', 'xml:id': `${item.provenance.id}-handout-source` }, [
    el('p', {}, from),
    el('p', {}, ['Source: ', sourceCitation(item.provenance), '.']),
  ]);
}

/** The item's source cited in words: document, edition, volume, editors, imprint, number, pages. */
export function sourceCitation(p: ItemProvenance): TeiElement {
  const r = p.record;
  // (the number the title may open with is the document's, said after the volume)
  const numbered = r.document ? `${r.document}. ` : undefined;
  const title =
    numbered && p.sourceTitle.startsWith(numbered) ? p.sourceTitle.slice(numbered.length) : p.sourceTitle;
  const parts: TeiNode[] = [`“${title}”`];
  if (p.when) parts.push(`, ${writtenDate(p.when)}`);
  if (r.title && r.title !== p.sourceTitle) parts.push(', in ', el('title', { level: 'm' }, [r.title]));
  if (r.volume && !(r.title ?? '').includes(`Volume ${r.volume}`)) parts.push(`, vol. ${r.volume}`);
  if (r.editors.length) parts.push(`, ed. ${r.editors.join(' and ')}`);
  const imprint = [r.pubPlace, r.publisher].filter(Boolean).join(': ');
  if (imprint || r.year) parts.push(` (${[imprint, r.year].filter(Boolean).join(', ')})`);
  if (r.document) parts.push(`, document ${r.document}`);
  const pages = p.pages ?? p.documentPages;
  if (pages) parts.push(pages.from === pages.to ? `, p. ${pages.from}` : `, pp. ${pages.from}–${pages.to}`);
  return el('bibl', {}, parts);
}

/** An ISO date as a reader writes it: `1958-11-26T11:00` → 26 November 1958, `1944-09` → September 1944. */
export function writtenDate(when: string): string {
  const [, y, m, d] = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(when) ?? [];
  if (!y) return when;
  const month = m ? MONTHS[Number(m) - 1] : undefined;
  if (!month) return y;
  const name = `${month.charAt(0).toUpperCase()}${month.slice(1)}`;
  return d ? `${Number(d)} ${name} ${y}` : `${name} ${y}`;
}

/** A handout: one item alone, in a teiCorpus whose header is the reader's with the item's title. */
export function handoutTei(reader: EditionMeta, item: ReaderItemTei, unit?: string): TeiElement {
  const meta: EditionMeta = {
    ...reader,
    id: item.provenance.id,
    title: item.provenance.title,
    subtitle: reader.title,
  };
  const standOff = registerStandOff(itemsRegister([item]));
  return block('teiCorpus', { 'xml:lang': reader.language, 'xml:id': `handout-${item.provenance.id}` }, [
    editionHeader(meta, 1),
    ...(standOff ? [standOff] : []),
    itemTei(reader, item, false, handoutSourceTei(reader, item, unit)),
  ]);
}
