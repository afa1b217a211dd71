import type { Item, PdfBlock } from './blocks.ts';

/**
 * Typewriter quotes and dashes as a printer sets them: "…" → “…”, '…' and it's → ‘…’ and it’s,
 * -- → —. Print only (templates/pdf/style.json `typography.quotes`, on by default): the TEI keeps
 * the source's characters. A quote's side is read from the characters around it, across the
 * items of a block (a quote opening before an italic title).
 */
const OPENS_AFTER = /[\s([{\u2014\u2013/-]/u; // a quote after these (or first) opens

function convert(text: string, before: string): string {
  let out = '';
  let prev = before;
  for (let k = 0; k < text.length; k++) {
    const c = text[k] as string;
    let put = c;
    if (c === '"' || c === "'") {
      const opens = prev === '' || OPENS_AFTER.test(prev);
      if (c === '"') put = opens ? '\u201C' : '\u201D';
      // an apostrophe inside or at the end of a word, or eliding a year's digits ('58), closes
      else put = opens && !/\d/.test(text[k + 1] ?? '') ? '\u2018' : '\u2019';
    } else if (c === '-' && text[k + 1] === '-') {
      put = '\u2014';
      while (text[k + 1] === '-') k++;
    }
    out += put;
    prev = put;
  }
  return out;
}

/** A run of items with typographic quotes and dashes; a note's items are a run of their own. */
export function typographicItems(items: Item[]): Item[] {
  let before = '';
  return items.map((item): Item => {
    switch (item.kind) {
      case 'text': {
        const text = convert(item.text, before);
        before = text.at(-1) ?? before;
        return text === item.text ? item : { ...item, text };
      }
      case 'note':
        return { ...item, items: typographicItems(item.items) };
      case 'break':
        before = '';
        return item;
      default:
        return item;
    }
  });
}

export function typographicBlocks(blocks: PdfBlock[]): PdfBlock[] {
  return blocks.map((b) => ({
    ...b,
    items: typographicItems(b.items),
    ...(b.table
      ? { table: b.table.map((row) => row.map((cell) => ({ ...cell, items: typographicItems(cell.items) }))) }
      : {}),
  }));
}
