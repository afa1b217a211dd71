import type { DocumentMeta, DocumentOverrides } from '../meta.ts';
import { isElement, type TeiElement, type TeiNode } from '../tei/node.ts';
import { findDate } from './rules/dates.ts';

/** Text of a node without its notes (a title should not carry a footnote's words). */
function plainText(n: TeiNode): string {
  if (typeof n === 'string') return n;
  if (n.name === 'note') return '';
  if (n.name === 'choice')
    return (
      n.children
        .filter(isElement)
        .find((c) => c.name === 'corr' || c.name === 'reg')
        ?.children.map(plainText)
        .join('') ?? ''
    );
  return n.children.map(plainText).join('');
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

const CORRESPONDENCE =
  /^(?:(?:Telegram|Letter|Memorandum|Despatch|Dispatch|Message|Note|Instruction|Airgram|Circular)\S*\s+)?(?:From\s+)?(.+?)\s+to\s+(.+?)(?:,\s+(.*\d{4}.*))?$/i;

/** What the text itself says about the document, overridden field by field by the manifest. */
export function documentMeta(
  div: TeiElement,
  base: { id: string; file: string; language: string },
  overrides: DocumentOverrides,
): DocumentMeta {
  const children = div.children.filter(isElement);
  const heads = children.filter((c) => c.name === 'head').map((h) => squash(plainText(h)));
  const meta: DocumentMeta = { ...base, title: heads[0] ?? base.file };
  for (const head of heads) {
    const m = CORRESPONDENCE.exec(head);
    if (!m || /^(?:Editorial Note)$/i.test(head)) continue;
    meta.author = m[1];
    meta.recipient = m[2];
    if (m[3]) {
      const d = findDate(m[3]);
      if (d) {
        meta.date = d.text;
        meta.when = d.when;
      }
    }
    break;
  }
  const dateline = children.find((c) => c.name === 'dateline');
  if (dateline) {
    const date = dateline.children.filter(isElement).find((c) => c.name === 'date');
    const place = dateline.children.filter(isElement).find((c) => c.name === 'placeName');
    if (date) {
      meta.date = plainText(date);
      meta.when = date.attrs.when;
    }
    if (place) meta.place = plainText(place);
  }
  // A citation block (`511.` / `Source` / citation / URL) contributes its bibls, one after the other.
  const sourceText = (note: TeiElement): string => {
    const bibls = note.children.filter(isElement).filter((c) => c.name === 'bibl');
    return squash((bibls.length ? bibls : [note]).map((b) => b.children.map(plainText).join('')).join(' '));
  };
  // (a documentary edition's source note after the text, `Note: RC (DLC)`, names the archival
  // copy, not the book: it stays a note, and the header keeps the edition's own title)
  const sources = div.children
    .filter(isElement)
    .filter((c) => c.name === 'note' && c.attrs.type === 'source' && c.attrs.place !== 'end')
    .map(sourceText);
  if (sources.length) meta.source = sources.join('; ');
  for (const [key, value] of Object.entries(overrides) as [keyof DocumentOverrides, string | undefined][]) {
    if (value !== undefined) meta[key] = value;
  }
  if (overrides.date) {
    const d = findDate(overrides.date);
    meta.when = d?.when ?? (/^\d{4}(-\d\d){0,2}$/.test(overrides.date) ? overrides.date : meta.when);
  }
  return meta;
}
