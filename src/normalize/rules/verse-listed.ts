import type { BlockRule } from '../blocks.ts';
import { spanOf } from '../spans.ts';
import { listedVerse } from './verse-numbers.ts';

/**
 * Rule `verse`: verse a web page sets as an ordered list, a line an item (the Perseids reader's
 * `  1. τοὶ μὲν ὑποχθόνιοι μάκαρες θνητοῖς καλέονται,` / `  2. δεύτεροι, …`) is a line group, each
 * line an `l` with its number as printed (`n`, `label type="line-number"`). In any document: the
 * lines' shape (see `listedVerse`) tells them from a list's entries and from notes, and rule
 * `note-list` leaves such a run to it. Before rule `verse` (which reads a run's first words as a
 * list's, and so no stanza) and rule `list`; and before verse quoted in prose: the list's two
 * spaces are a web page's indentation of its list, not a quotation's.
 */
export const listedVerseRule: BlockRule = {
  id: 'verse',
  family: 'generic',
  parse(run) {
    if (!listedVerse(run.map((l) => l.text))) return null;
    return {
      blocks: [{ kind: 'verse', lines: run.map((l) => spanOf(l)), quoted: false }],
      lines: run.length,
    };
  },
};
