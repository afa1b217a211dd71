import { type ModelDocument, type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { indexOrder, type Mention } from '../../model/mentions.ts';
import { locatorLabel } from '../../model/pages.ts';
import { escapeAttr, escapeHtml } from '../html/escape.ts';

/**
 * The EPUB's index of the register (EPUB Indexes 1.0): `section epub:type="index"` with an
 * `index-entry-list` of `index-entry`, each its `index-term` (the preferred name and the
 * description) and an `index-locator` per mention, linking to the mention in its chapter (to the
 * note, for a mention in a note). A locator reads as the page of the print edition, else as the
 * document's number. Only entries mentioned in the documents are listed.
 */
export const INDEX_FILE = 'register-index.xhtml';

const HEADINGS = { person: 'Persons', place: 'Places', org: 'Organisations' } as const;

/** Where a mention is: a link to it (to its note, in a note) labelled with its page, else its document. */
function locator(m: Mention, doc: ModelDocument, file: string): { label: string; href: string } {
  const target = m.inNote ? (m.note ? `#fn-${m.note}` : '') : `#${m.anchor}`;
  const label = m.page ? locatorLabel(m.page) : doc.number ? `doc. ${doc.number}` : numberedTitle(doc);
  return { label, href: `${file}${target}` };
}

export function registerIndexChapter(
  edition: ModelEdition,
  fileOf: (d: ModelDocument) => string,
): string | undefined {
  const groups = (['person', 'place', 'org'] as const).flatMap((type) => {
    const entries = indexOrder(edition.register.filter((e) => e.type === type)).filter(
      (e) => (edition.mentions.get(e.id) ?? []).length > 0,
    );
    if (entries.length === 0) return [];
    const items = entries.map((e) => {
      // Two mentions on one page (or one range) are one locator (the first of them).
      const seen = new Set<string>();
      const locators = (edition.mentions.get(e.id) ?? []).flatMap((m) => {
        const doc = edition.documents[m.document];
        const l = doc && locator(m, doc, fileOf(doc));
        // (one page of one source: documents of two volumes may both have a page 45)
        const key = `${doc?.sourceEdition ?? ''}|${l?.label}`;
        if (!l || seen.has(key)) return [];
        seen.add(key);
        return [`<a epub:type="index-locator" href="${escapeAttr(l.href)}">${escapeHtml(l.label)}</a>`];
      });
      const description = e.description ? `, ${escapeHtml(e.description)}` : '';
      return `<li epub:type="index-entry"><span epub:type="index-term">${escapeHtml(e.name)}</span>${description}: ${locators.join(', ')}</li>`;
    });
    return [
      `<section epub:type="index-group"><h2>${HEADINGS[type]}</h2><ul epub:type="index-entry-list">\n${items.join('\n')}\n</ul></section>`,
    ];
  });
  if (groups.length === 0) return undefined;
  return `<section epub:type="index" role="doc-index"><h1>Index</h1>\n${groups.join('\n')}\n</section>`;
}
