import type { Block, Inline } from './types.ts';

/**
 * Every node of a block tree, blocks and inlines, in reading order (a note's body where its
 * reference stands). For what is the same in every writer: link targets, ids, unknown elements.
 */
export function forEachNode(blocks: Block[], visit: (node: Block | Inline) => void): void {
  const inlines = (nodes: Inline[]): void => {
    for (const n of nodes) {
      visit(n);
      switch (n.kind) {
        case 'footnote':
          forEachNode(n.body, visit);
          break;
        case 'correction':
          inlines(n.original);
          inlines(n.corrected);
          break;
        case 'text':
        case 'pageBreak':
        case 'gap':
        case 'lineBreak':
          break;
        default:
          inlines(n.children);
      }
    }
  };
  for (const b of blocks) {
    visit(b);
    switch (b.kind) {
      case 'paragraph':
      case 'heading':
      case 'editorialNote':
      case 'dateline':
      case 'line':
      case 'boilerplate':
        inlines(b.children);
        break;
      case 'sourceNote':
        for (const line of b.lines) inlines(line);
        break;
      case 'list':
        inlines(b.head ?? []);
        for (const item of b.items) {
          inlines(item.label ?? []);
          forEachNode(item.blocks, visit);
        }
        break;
      case 'table':
        inlines(b.head ?? []);
        for (const row of b.rows) for (const cell of row) forEachNode(cell.blocks, visit);
        break;
      case 'figure':
        inlines(b.caption);
        break;
      case 'unanchoredNote':
        forEachNode(b.body, visit);
        break;
      case 'omission':
      case 'pageBreak':
        break;
      default:
        forEachNode(b.children, visit);
    }
  }
}
