import { isElement, localName, type TeiElement, type TeiNode } from '../tei/node.ts';
import { meaningOf } from './elements.ts';
import { Notices } from './notices.ts';
import { figureRest, readFigure } from './read-figure.ts';
import {
  foreignName,
  foreignText,
  type InlineReader,
  isBlockElement,
  isForeign,
  isUnknownElement,
  noteMeaning,
  omissionWords,
  positionOf,
  readInlines,
  remark,
  unknownContent,
} from './read-inline.ts';
import { readRendition } from './rendition.ts';
import {
  ASIDE_TYPES,
  type Block,
  type Inline,
  type LineRole,
  type ListItem,
  type Rendition,
  type TableCell,
} from './types.ts';
import { forEachNode } from './walk.ts';

/**
 * TEI blocks → model blocks. Mixed content is read as a flow: runs of inline content become
 * paragraphs, and a block element inside a paragraph (a list, a table, a quoted letter) splits it,
 * the part after it marked `continued`. What the inline reader lifts out of a block (a note with
 * no reference, boilerplate) follows that block. Which element is a block, a line or a container
 * is the element table's to say (`elements.ts`).
 */
const hasText = (inlines: Inline[]): boolean =>
  inlines.some((i) => (i.kind === 'text' ? i.text.trim() !== '' : i.kind !== 'lineBreak'));

export class BlockReader {
  private lifted: Block[] = [];
  /** The heads met at the top of the document so far: the first is its title. */
  private heads = 0;
  readonly inline: InlineReader;

  /** `notices`: where what the reading met is reported (one for the whole edition). */
  constructor(notices: Notices = new Notices()) {
    this.inline = {
      flow: (nodes) => this.flow(nodes, 1),
      lift: (block) => {
        this.lifted.push(block);
      },
      notes: 0,
      notices,
    };
  }

  /** Inline content, and whatever had to be lifted out of it. */
  private inlines(nodes: TeiNode[]): Inline[] {
    return readInlines(nodes, this.inline);
  }

  private withLifted(blocks: Block[]): Block[] {
    if (!this.lifted.length) return blocks;
    const out = [...blocks, ...this.lifted];
    this.lifted = [];
    return out;
  }

  /**
   * Content → blocks. In mixed content (`paragraph` given: inside a p, an item, a cell, a note)
   * only block elements stand alone and the text around them is the paragraph, split in parts;
   * in a container (a div, a closer) every element is a block but running text between them.
   */
  flow(nodes: TeiNode[], depth: number, paragraph?: { id?: string; rend?: Rendition }): Block[] {
    const mixed = paragraph !== undefined;
    const out: Block[] = [];
    let run: TeiNode[] = [];
    let parts = 0;
    const flush = (): void => {
      const children = this.inlines(run);
      run = [];
      if (hasText(children)) {
        out.push({
          kind: 'paragraph',
          id: parts === 0 ? paragraph?.id : undefined,
          continued: mixed && parts > 0,
          ...(paragraph?.rend ? { rend: paragraph.rend } : {}),
          children,
        });
        parts++;
      } else {
        // white space only, or only markers (a page break between two blocks)
        for (const c of children) if (c.kind === 'pageBreak') out.push(c);
      }
      out.push(...this.withLifted([]));
    };
    for (const n of nodes) {
      if (isElement(n) && (isBlockElement(n) || (!mixed && !this.isInlineAtBlockLevel(n)))) {
        flush();
        out.push(...this.block(n, depth));
      } else {
        // between blocks, elements are separate: an unknown one touching another is a word apart
        const last = run.at(-1);
        if (
          !mixed &&
          isElement(n) &&
          last !== undefined &&
          isElement(last) &&
          (isUnknownElement(n) || isUnknownElement(last))
        )
          run.push(' ');
        run.push(n);
      }
    }
    flush();
    return out;
  }

  /** At block level, an element that is running text (a bare `hi` or name between blocks). */
  private isInlineAtBlockLevel(e: TeiElement): boolean {
    // (a note printed at the feet of two pages is one text: the milestone between its parts is in it)
    if (localName(e.name) === 'milestone' && e.attrs.type === 'note-continued') return true;
    return meaningOf(localName(e.name))?.block === undefined;
  }

  private heading(e: TeiElement, depth: number): Block[] {
    // A FRUS head carries its document's source note: it follows the heading.
    const sources = e.children.filter(
      (c): c is TeiElement => isElement(c) && localName(c.name) === 'note' && noteMeaning(c) === 'source',
    );
    const children = this.inlines(e.children.filter((c) => !sources.includes(c as TeiElement)));
    const role = depth > 0 ? 'section' : this.heads++ === 0 ? 'title' : 'subtitle';
    const out: Block[] = [{ kind: 'heading', role, level: depth, id: e.attrs['xml:id'], children }];
    for (const s of sources) out.push(this.sourceNote(s));
    return this.withLifted(out);
  }

  /** The head of a volume's division (a chapter), set before its first document. */
  division(head: TeiElement, level: number): Block[] {
    return this.withLifted([
      {
        kind: 'heading',
        role: 'division',
        level,
        id: head.attrs['xml:id'],
        children: this.inlines(head.children),
      },
    ]);
  }

  /** A line of its own; a verse line's printed number (`label type="line-number"`) set apart from its words. */
  private line(e: TeiElement, role: LineRole): Block {
    const isNumber = (c: TeiNode): c is TeiElement =>
      isElement(c) && localName(c.name) === 'label' && c.attrs.type === 'line-number';
    const label = e.children.find(isNumber);
    const rend = readRendition(e, this.inline.notices);
    if (!label) return { kind: 'line', role, ...(rend ? { rend } : {}), children: this.inlines(e.children) };
    // (the spaces that set the number apart are layout, not words)
    const words = e.children.filter((c) => !isNumber(c));
    const last = words.at(-1);
    if (typeof last === 'string') words[words.length - 1] = last.trimEnd();
    // (a number at the left margin: the spaces after it, before the words)
    const first = words[0];
    if (typeof first === 'string') words[0] = first.trimStart();
    return {
      kind: 'line',
      role,
      number: label.children.filter((c) => typeof c === 'string').join(''),
      ...(rend ? { rend } : {}),
      children: this.inlines(words),
    };
  }

  private sourceNote(e: TeiElement): Block {
    const parts = e.children.filter(isElement).filter((c) => ['label', 'bibl'].includes(localName(c.name)));
    const lines =
      e.attrs.subtype === 'citation' && parts.length
        ? parts.map((p) => this.inlines(p.children))
        : [this.inlines(e.children)];
    return { kind: 'sourceNote', id: e.attrs['xml:id'], lines };
  }

  private list(e: TeiElement, depth: number): Block {
    const items: ListItem[] = [];
    let head: Inline[] | undefined;
    let label: Inline[] | undefined;
    // a page break between items goes with the next item's first words (the last item's end)
    let pages: TeiElement[] = [];
    for (const c of e.children) {
      if (!isElement(c)) {
        if (c.trim()) items.push({ blocks: this.flow([c], depth) });
        continue;
      }
      const name = localName(c.name);
      if (name === 'head') head = [...(head ?? []), ...this.inlines(c.children)];
      else if (name === 'label') label = this.inlines(c.children);
      else if (name === 'pb' || name === 'milestone' || name === 'cb') pages.push(c);
      else if (name === 'item') {
        items.push({ label, blocks: this.flow([...pages, ...c.children], depth, { id: c.attrs['xml:id'] }) });
        pages = [];
        label = undefined;
      } else items.push({ blocks: this.flow([c], depth) });
    }
    if (label) items.push({ label, blocks: [] });
    const last = items.at(-1);
    if (pages.length && last) last.blocks.push(...this.flow(pages, depth));
    else if (pages.length) items.push({ blocks: this.flow(pages, depth) });
    markSeeReferences(items);
    const rend = `${e.attrs.rend ?? ''} ${e.attrs.type ?? ''}`;
    const style = /dash|bullet/.test(rend) ? 'dash' : /ordered|number/.test(rend) ? 'ordered' : 'plain';
    items.forEach((item, k) => {
      if (style === 'dash') item.marker = '–';
      else if (style === 'ordered' && !item.label) item.marker = `${k + 1}.`;
    });
    return { kind: 'list', style, head, items };
  }

  private table(e: TeiElement, depth: number): Block {
    let head: Inline[] | undefined;
    const rows: TableCell[][] = [];
    for (const c of e.children.filter(isElement)) {
      const name = localName(c.name);
      if (name === 'head') head = this.inlines(c.children);
      else if (name === 'row')
        rows.push(
          c.children.filter(isElement).map((cell) => ({
            header: cell.attrs.role === 'label' || c.attrs.role === 'label',
            span: Number(cell.attrs.cols ?? 1) || 1,
            blocks: this.flow(cell.children, depth, {}),
          })),
        );
      else {
        // (a marker between rows with nothing to show, a pipe table's rule, makes no row)
        const blocks = this.flow([c], depth);
        if (blocks.length) rows.push([{ header: false, span: 1, blocks }]);
      }
    }
    return { kind: 'table', head, rows };
  }

  /** One block element (or a container) → blocks. */
  block(e: TeiElement, depth: number): Block[] {
    if (isForeign(e))
      return [
        {
          kind: 'unknown',
          name: foreignName(e),
          at: positionOf(e),
          children: this.flow([foreignText(e)], depth, {}),
        },
      ];
    const name = localName(e.name);
    const a = e.attrs;
    const inner = (d = depth): Block[] => this.flow(e.children, d);
    switch (name) {
      case 'p':
      case 'ab':
        return this.flow(e.children, depth, { id: a['xml:id'], rend: readRendition(e, this.inline.notices) });
      case 'head':
        return this.heading(e, depth);
      case 'note':
        switch (noteMeaning(e)) {
          case 'source':
            return [this.sourceNote(e)];
          case 'editorial':
            return this.withLifted([{ kind: 'editorialNote', children: this.inlines(e.children) }]);
          case 'unanchored':
            return [
              { kind: 'unanchoredNote', n: a.n ?? '', id: a['xml:id'], body: this.flow(e.children, 1) },
            ];
          case 'footnote':
            // a note between blocks: its reference stands where the note does
            return this.flow([e], depth, {});
        }
        break;
      case 'gap':
        return [{ kind: 'omission', ...omissionWords(e), dots: a.rend === 'dots' }];
      case 'pb':
        return a.n ? [{ kind: 'pageBreak', n: a.n, id: a['xml:id'] }] : [];
      case 'list':
        return this.withLifted([this.list(e, depth)]);
      case 'table':
        return this.withLifted([this.table(e, depth)]);
      case 'quote':
      case 'q':
        return [{ kind: 'quote', children: inner() }];
      case 'dateline':
        return this.withLifted([{ kind: 'dateline', children: this.inlines(e.children) }]);
      case 'opener':
        return [{ kind: 'opener', children: inner() }];
      case 'closer':
        return [{ kind: 'closer', children: inner() }];
      case 'postscript':
        return [{ kind: 'postscript', children: inner() }];
      case 'attachment':
        return [{ kind: 'attachment', id: a['xml:id'], children: inner(depth + 1) }];
      case 'div':
      case 'div0':
      case 'div1':
      case 'div2':
      case 'div3':
      case 'div4':
      case 'div5':
      case 'div6':
      case 'div7':
      case 'titlePage': {
        const aside = ASIDE_TYPES[a.type ?? ''];
        if (/^div[0-7]?$/.test(localName(e.name)) && aside)
          return [{ kind: 'aside', role: aside, id: a['xml:id'], children: inner(depth + 1) }];
        return [{ kind: 'division', id: a['xml:id'], children: inner(depth + 1) }];
      }
      case 'figure':
      case 'graphic':
      case 'binaryObject':
      case 'media': {
        const figure = readFigure(e, (nodes) => this.inlines(nodes));
        return [...this.withLifted([figure]), ...figureRest(e).flatMap((c) => this.block(c, depth))];
      }
      case 'fw':
        return [{ kind: 'boilerplate', children: this.inlines(e.children) }];
      case 'milestone':
      case 'cb':
      case 'anchor':
      case 'teiHeader':
        return [];
      default: {
        if (meaningOf(name)?.remark) {
          remark(e, this.inline.notices);
          return [];
        }
        const meaning = meaningOf(name)?.block;
        if (typeof meaning === 'object') return this.withLifted([this.line(e, meaning.line)]);
        if (meaning === 'container') return inner();
        return [
          {
            kind: 'unknown',
            name: e.name,
            at: positionOf(e),
            children: this.flow(unknownContent(e.children), depth, {}),
          },
        ];
      }
    }
    return [];
  }
}

/**
 * The pointers from one item of a list to another (an index's `See Pahlavi`, `ref target="#in20"`)
 * marked as see-references: the reader finds the item in the list, not on another page.
 */
function markSeeReferences(items: ListItem[]): void {
  const ids = new Set<string>();
  const itemIds = (list: ListItem[]): void => {
    for (const item of list) {
      const first = item.blocks.find((b) => b.kind !== 'pageBreak');
      if (first?.kind === 'paragraph' && first.id) ids.add(first.id);
    }
  };
  itemIds(items);
  const blocks = items.flatMap((i) => i.blocks);
  // (a sub-entry's items too: `See under Oil issues` points to one)
  forEachNode(blocks, (n) => {
    if (n.kind === 'list') itemIds(n.items);
  });
  if (ids.size === 0) return;
  forEachNode(blocks, (n) => {
    if (n.kind === 'link' && 'internal' in n.target && ids.has(n.target.internal)) n.see = true;
  });
}
