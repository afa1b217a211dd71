import type { Line } from '../lines.ts';
import { isBoilerplate } from './boilerplate.ts';

export type NoteStyle = 'numbered' | 'arrow';

export interface NoteItem {
  listNumber: number; // the number printed in the list (numbered style) or its ordinal (arrow style)
  text: string; // the note text without its list marker
  offset: number; // of `text` in the decoded source
  line: Line;
}

export interface NoteList {
  style: NoteStyle;
  items: NoteItem[];
  firstLine: number; // index of the list's first line
}

const NUMBERED = /^( {1,4})(\d{1,4})\. (.*)$/;
const ARROW = /^- (.*?)\s*↩\s*$/;

/**
 * Rule `note-list`: the footnotes listed at the end of a document, either `  1. text` (indented,
 * which tells them from numbered body paragraphs) or `- text↩`. Scans back from the end,
 * passing over blank and boilerplate lines.
 */
export function findNoteList(lines: Line[]): NoteList | null {
  let i = lines.length - 1;
  while (i >= 0 && (lines[i]?.text.trim() === '' || isBoilerplate(lines[i]?.text ?? ''))) i--;
  const last = lines[i];
  if (!last) return null;
  const style: NoteStyle | null = NUMBERED.test(last.text)
    ? 'numbered'
    : ARROW.test(last.text)
      ? 'arrow'
      : null;
  if (!style) return null;
  const re = style === 'numbered' ? NUMBERED : ARROW;
  const found: Line[] = [];
  while (i >= 0) {
    const line = lines[i];
    if (!line || !re.test(line.text)) break;
    found.unshift(line);
    i--;
  }
  const items = found.map((line, k): NoteItem => {
    const m = re.exec(line.text);
    if (style === 'numbered') {
      const indent = m?.[1] ?? '';
      const num = m?.[2] ?? '';
      return {
        listNumber: Number(num),
        text: m?.[3] ?? '',
        offset: line.offset + indent.length + num.length + 2,
        line,
      };
    }
    return { listNumber: k + 1, text: m?.[1] ?? '', offset: line.offset + 2, line };
  });
  return { style, items, firstLine: found[0]?.index ?? 0 };
}
