import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { el, type TeiElement, type TeiNode } from '../tei/node.ts';

/**
 * A reader's own prose (headnotes, questions, unit introductions, reading lists) is Markdown;
 * markdown-it reads it (CommonMark, raw HTML off) and its token stream maps to TEI here: paragraphs,
 * headings, bulleted and numbered lists, quotations, emphasis, links, code.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** TEI of each block token pair; inline tokens are mapped by `inline`. */
const BLOCKS: Record<string, (t: Token) => TeiElement> = {
  paragraph_open: () => el('p'),
  heading_open: () => el('head'),
  bullet_list_open: () => el('list', { rend: 'bulleted' }),
  ordered_list_open: (t) => el('list', { rend: 'numbered', n: t.attrGet('start') ?? undefined }),
  list_item_open: () => el('item'),
  blockquote_open: () => el('quote'),
};

function inline(tokens: Token[]): TeiNode[] {
  const root = el('seg');
  const stack: TeiElement[] = [root];
  const top = (): TeiElement => stack[stack.length - 1] as TeiElement;
  const open = (e: TeiElement): void => {
    top().children.push(e);
    stack.push(e);
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        top().children.push(t.content);
        break;
      case 'softbreak':
        top().children.push(' ');
        break;
      case 'hardbreak':
        top().children.push(el('lb'));
        break;
      case 'code_inline':
        top().children.push(el('hi', { rend: 'code' }, [t.content]));
        break;
      case 'em_open':
        open(el('hi', { rend: 'italic' }));
        break;
      case 'strong_open':
        open(el('hi', { rend: 'bold' }));
        break;
      case 's_open':
        open(el('hi', { rend: 'strikethrough' }));
        break;
      case 'link_open':
        open(el('ref', { target: t.attrGet('href') ?? undefined }));
        break;
      case 'image':
        top().children.push(t.content);
        break;
      default:
        if (t.type.endsWith('_close') && stack.length > 1) stack.pop();
    }
  }
  return root.children;
}

/** Markdown → TEI blocks (p, head, list/item, quote). */
export function markdownTei(text: string): TeiElement[] {
  const root = el('div');
  const stack: TeiElement[] = [root];
  const top = (): TeiElement => stack[stack.length - 1] as TeiElement;
  for (const t of md.parse(text, {})) {
    const make = BLOCKS[t.type];
    if (make) {
      // a tight list's paragraphs are hidden: the item holds the text itself
      if (t.type === 'paragraph_open' && t.hidden) continue;
      const e = make(t);
      top().children.push(e);
      stack.push(e);
    } else if (t.type === 'inline') {
      top().children.push(...inline(t.children ?? []));
    } else if (t.type === 'fence' || t.type === 'code_block') {
      top().children.push(el('p', {}, [el('hi', { rend: 'code' }, [t.content.replace(/\n$/, '')])]));
    } else if (t.type.endsWith('_close')) {
      if (t.type === 'paragraph_close' && t.hidden) continue;
      if (stack.length > 1) stack.pop();
    }
  }
  return root.children.filter((c): c is TeiElement => typeof c !== 'string');
}

/** One line of Markdown (a question, a reading-list entry) → inline TEI. */
export function markdownInline(text: string): TeiNode[] {
  const blocks = markdownTei(text);
  if (blocks.length === 1 && blocks[0]?.name === 'p') return blocks[0].children;
  return blocks.flatMap((b) => b.children);
}
