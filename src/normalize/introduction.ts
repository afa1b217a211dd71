import { DiagnosticBag } from '../diagnostics.ts';
import { block, el, type TeiElement } from '../tei/node.ts';
import { IdAllocator, type InlineContext, parseInline } from './inline.ts';
import { PositionMap, splitLines } from './lines.ts';
import { underscoreEmphasis } from './rules/emphasis.ts';
import { activeRules } from './rules/registry.ts';

/** The introduction is the edition's own prose: the generic rules read it (and Markdown's `_italic_`). */
const INLINE = activeRules(new Set(['generic', 'frus'])).inline;

/**
 * The edition's introduction (Markdown or plain text) → a TEI document of its own in the corpus:
 * `#` headings, paragraphs separated by blank lines, `*italic*` and `**bold**`.
 */
export function introductionTei(
  text: string,
  file: string,
  language: string,
): { tei: TeiElement; diagnostics: DiagnosticBag } {
  const diag = new DiagnosticBag(file);
  const source = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const lines = splitLines(source);
  const ctx: InlineContext = {
    source,
    diag,
    positions: new PositionMap(lines),
    ids: new IdAllocator('introduction'),
    anchors: new Map(),
    inline: (start, end) => parseInline(ctx, [...INLINE, underscoreEmphasis], start, end),
    pageOnly: () => false,
  };
  const children: TeiElement[] = [];
  let para: { start: number; end: number } | null = null;
  const flush = (): void => {
    if (para) children.push(el('p', {}, ctx.inline(para.start, para.end)));
    para = null;
  };
  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') {
      flush();
      continue;
    }
    const heading = /^(#{1,6})\s+/.exec(line.text);
    if (heading) {
      flush();
      children.push(
        el('head', {}, ctx.inline(line.offset + heading[0].length, line.offset + line.text.length)),
      );
      continue;
    }
    if (para) para.end = line.offset + line.text.length;
    else para = { start: line.offset, end: line.offset + line.text.length };
  }
  flush();
  const head = children[0]?.name === 'head' ? [children.shift() as TeiElement] : [];
  const header = block('teiHeader', {}, [
    block('fileDesc', {}, [
      el('titleStmt', {}, [el('title', {}, ['Introduction'])]),
      el('publicationStmt', {}, [el('p', {}, ['Part of the edition.'])]),
      el('sourceDesc', {}, [el('p', {}, [`Written for the edition (${file}).`])]),
    ]),
  ]);
  const div = block('div', { type: 'introduction', 'xml:id': 'introduction' }, [
    ...head,
    ...(children.length ? children : [el('p')]),
  ]);
  const tei = block('TEI', { 'xml:lang': language }, [
    header,
    el('text', { type: 'introduction' }, [block('body', {}, [div])]),
  ]);
  return { tei, diagnostics: diag };
}
