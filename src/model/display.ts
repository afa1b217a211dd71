import type { TeiNode } from '../tei/node.ts';
import { BlockReader } from './read-block.ts';
import { readInlines } from './read-inline.ts';
import { displayText } from './reading-text.ts';

/**
 * The display text of TEI content (a title, a name, a date in a header), read through the model:
 * words as the reader sees them, with no note labels and none of the round-trip writer's
 * conventions (`*italic*`, glued note numbers).
 */
export function displayOf(nodes: TeiNode[]): string {
  return displayText(readInlines(nodes, new BlockReader().inline));
}
