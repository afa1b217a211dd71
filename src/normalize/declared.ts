import { el, type TeiElement } from '../tei/node.ts';
import type { InlineRule } from './inline.ts';
import type { Line } from './lines.ts';
import type { NoteItem, NoteList } from './note-types.ts';
import { type FamilyId, printer, type Rule } from './rule.ts';

/**
 * A house style Recto does not know, declared in the manifest (`conventions` in `edition.json`,
 * for the edition or one document): its page marker, its note reference, the label of its notes'
 * list, its omission signs, as templates where `{n}` stands for the page or note number
 * (`"[folio {n}]"`, `"({n})"`, `"Note {n}: "`; `{{` and `}}` are a brace). A template says
 * exactly how the sign is printed, so it reads the sign and `recto text` prints it back from the
 * TEI alone: each declared form is written into the document's header (`tagsDecl/rendition`,
 * `scheme="free"`), and the elements read with it point at it (`@rendition`).
 */
export interface Conventions {
  /** Families stated: their rules read the document whatever its own signs show. */
  families?: FamilyId[];
  pageMarker?: string;
  noteReference?: string;
  noteList?: string;
  omissions?: string[];
}

export type DeclaredForm = 'pageMarker' | 'noteReference' | 'noteList';

/** The template's text before and after its `{n}`. */
export function templateParts(template: string): [string, string] {
  const literal = (s: string): string => s.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  const at = template.replace(/\{\{|\}\}/g, '\0\0').indexOf('{n}');
  return [literal(template.slice(0, at)), literal(template.slice(at + 3))];
}

/** What a template must be: `{n}` once, with something printed around it. */
export function templateProblem(template: string): string | undefined {
  const bare = template.replace(/\{\{|\}\}/g, '');
  if ((bare.match(/\{n\}/g) ?? []).length !== 1) return 'a template with {n} once, where the number stands';
  if (/[{}]/.test(bare.replace('{n}', ''))) return 'a brace other than {n} is written {{ or }}';
  if (bare.replace('{n}', '').trim() === '') return 'a template that prints more than the number';
  return undefined;
}

const NUMBER = '(\\d{1,5}|[ivxlcdm]{1,8}|[A-Z]\\d{1,5})';
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The sticky pattern of a template, its number in group 1. */
export function templateRegex(template: string, flags = 'y'): RegExp {
  const [before, after] = templateParts(template);
  return new RegExp(`${escapeRe(before)}${NUMBER}${escapeRe(after)}`, flags);
}

/** The id of a declared form's `rendition` in a document's header. */
export const renditionId = (documentId: string, form: DeclaredForm | 'omission'): string =>
  `${documentId}-declared-${form}`;

/** The header's record of the declared forms: a `rendition` each, its template as its text. */
export function declaredRenditions(documentId: string, conventions: Conventions | undefined): TeiElement[] {
  const out: TeiElement[] = [];
  for (const form of ['pageMarker', 'noteReference', 'noteList'] as const) {
    const template = conventions?.[form];
    if (template)
      out.push(el('rendition', { 'xml:id': renditionId(documentId, form), scheme: 'free' }, [template]));
  }
  return out;
}

/** The declared page marker and omission signs, as inline rules read before every other. */
export function declaredInlineRules(documentId: string, conventions: Conventions | undefined): InlineRule[] {
  const rules: InlineRule[] = [];
  const page = conventions?.pageMarker;
  if (page) {
    const re = templateRegex(page);
    const rendition = `#${renditionId(documentId, 'pageMarker')}`;
    rules.push({
      id: 'declared',
      family: 'generic',
      trigger: templateParts(page)[0][0] ?? '',
      parse(ctx, at, end) {
        re.lastIndex = at;
        const m = re.exec(ctx.source);
        if (!m || m.index !== at || at + m[0].length > end) return null;
        const n = m[1] ?? '';
        return {
          nodes: [el('pb', { n, rendition, 'xml:id': ctx.ids.take(`pg${n}`) })],
          next: at + m[0].length,
        };
      },
    });
  }
  for (const sign of conventions?.omissions ?? []) {
    rules.push({
      id: 'declared',
      family: 'generic',
      trigger: sign[0] ?? '',
      parse(ctx, at, end) {
        if (!ctx.source.startsWith(sign, at) || at + sign.length > end) return null;
        return {
          nodes: [
            el('gap', { reason: 'omitted', rend: 'declared', resp: ctx.ids.resp('source-editors') }, [
              el('desc', {}, [sign]),
            ]),
          ],
          next: at + sign.length,
        };
      },
    });
  }
  return rules;
}

/** The declared note list: lines from the end of the document that begin with the declared label. */
export function declaredNoteList(lines: Line[], template: string | undefined): NoteList | null {
  if (!template) return null;
  const re = new RegExp(`^(\\s{0,4})${templateRegex(template, '').source}`);
  const items: NoteItem[] = [];
  let i = lines.length - 1;
  while (i >= 0 && (lines[i] as Line).text.trim() === '') i--;
  for (; i >= 0; i--) {
    const line = lines[i] as Line;
    if (line.text.trim() === '') continue;
    const m = re.exec(line.text);
    if (!m) break;
    const label = m[2] ?? '';
    const offset = line.offset + m[0].length;
    const text = line.text.slice(m[0].length).trimEnd();
    items.unshift({
      listNumber: Number(label) || 0,
      label,
      text,
      offset,
      line,
      start: line.offset + (m[1] ?? '').length,
      end: offset + text.length,
    });
  }
  const first = items[0];
  return first
    ? {
        style: 'declared',
        items,
        firstLine: first.line.index,
        endLine: (items.at(-1) as NoteItem).line.index + 1,
      }
    : null;
}

/** A `@rendition` pointer's template, from the document's header. */
const templateOf = (
  e: TeiElement,
  form: DeclaredForm,
  find: (id: string) => string | undefined,
): string | undefined =>
  (e.attrs.rendition ?? '')
    .split(/\s+/)
    .filter((p) => p.endsWith(`-declared-${form}`))
    .map((p) => find(p.slice(1)))[0];

/**
 * The inverse of the declared forms, read from the document's header: a page break, a note's
 * reference and a note's entry in the list as their templates print them.
 */
export const declared: Rule = {
  id: 'declared',
  family: 'generic',
  unparse: [
    printer(
      'pb',
      (e) => (e.attrs.rendition ?? '').includes('-declared-pageMarker'),
      (e, ctx) => {
        const [before, after] = templateParts(templateOf(e, 'pageMarker', ctx.rendition) ?? '{n}');
        return `${before}${e.attrs.n ?? ''}${after}`;
      },
    ),
    printer(
      'gap',
      (e) => e.attrs.rend === 'declared',
      (e, ctx) => ctx.print(e.children.flatMap((c) => (typeof c === 'string' ? [] : c.children))),
    ),
  ],
};

/** A declared note's reference, and its entry's label, as their templates print them (note-list.ts asks). */
export function declaredPrint(
  note: TeiElement,
  form: DeclaredForm,
  find: (id: string) => string | undefined,
  n: string,
): string | undefined {
  const template = templateOf(note, form, find);
  if (!template) return undefined;
  const [before, after] = templateParts(template);
  return `${before}${n}${after}`;
}
