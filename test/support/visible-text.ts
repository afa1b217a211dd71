import { Parser } from 'htmlparser2';

/**
 * The words a reader sees in an HTML or XHTML page, for the cross-format test: the text of one
 * container (the document body), block elements and line breaks counted as word boundaries,
 * without what the reader does not see as text (words for screen readers only, the diplomatic
 * alternatives hidden in the reading text). Notes and page-break markers are gathered apart.
 */
export type Role = 'body' | 'skip' | 'note' | 'page';

export interface VisibleText {
  body: string;
  notes: string[];
  pages: string[];
}

const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'aside',
  'blockquote',
  'table',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'br',
  'nav',
]);
const VOID = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'wbr', 'col', 'source']);

export const classes = (attrs: Record<string, string>): string[] => (attrs.class ?? '').split(/\s+/);

/**
 * `role` says what an element is: the container whose text is wanted ('body'), something to leave
 * out ('skip'), a note ('note': its text is one note), a page-break marker ('page': its text, or
 * `data-page`, is a page number). Elements it says nothing of take their parent's role.
 */
export function visibleText(
  html: string,
  role: (name: string, attrs: Record<string, string>) => Role | undefined,
): VisibleText {
  const out: VisibleText = { body: '', notes: [], pages: [] };
  const stack: { name: string; role: Role | 'none' }[] = [];
  let note = '';
  let page = '';
  const current = (): Role | 'none' => stack.at(-1)?.role ?? 'none';
  const space = (): void => {
    if (current() === 'body') out.body += ' ';
    else if (current() === 'note') note += ' ';
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = current();
        const own = parent === 'skip' || parent === 'page' ? undefined : role(name, attrs);
        const mine: Role | 'none' = own ?? parent;
        if (own === 'note') note = '';
        if (own === 'page') page = attrs['data-page'] ?? '';
        if (BLOCK.has(name)) space();
        if (VOID.has(name)) return;
        stack.push({ name, role: mine });
      },
      ontext(text) {
        const r = current();
        if (r === 'body') out.body += text;
        else if (r === 'note') note += text;
        else if (r === 'page' && !page) page = text.trim();
      },
      onclosetag(name) {
        if (VOID.has(name)) {
          if (BLOCK.has(name)) space();
          return;
        }
        const frame = stack.pop();
        const parent = current();
        if (frame?.role === 'note' && parent !== 'note') out.notes.push(note.replace(/\s+/g, ' ').trim());
        if (frame?.role === 'page' && parent !== 'page') out.pages.push(page);
        if (BLOCK.has(name)) space();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
