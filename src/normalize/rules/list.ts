import { isElement, localName } from '../../tei/node.ts';
import type { BlockRule, ListRend } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { printer } from '../rule.ts';
import { spanOf } from '../spans.ts';
import { longStanzaIn } from './verse.ts';

/**
 * Rule `list`: consecutive lines (no blank line between them) that are list items — all `- …`,
 * all enumerated (`(1)`, `(a)`, `1.`), or all short (participants, distribution lists).
 * A label line such as `PARTICIPANTS` before them becomes the list's head.
 */

const ENUMERATOR = /^(?:\(\w{1,4}\)|\d{1,3}\.|[a-zA-Z]\.)\s/;
const PAGE_ONLY = /^\[Page(?: [^\]]*)?\]$/;

export function listRendFor(lines: string[]): ListRend | null {
  const items = lines.filter((l) => !PAGE_ONLY.test(l.trim()));
  if (items.length < 2) return null;
  if (items.every((l) => l.startsWith('- '))) return 'dash';
  if (items.every((l) => ENUMERATOR.test(l))) return 'plain';
  if (items.every((l) => l.length < 160)) return 'plain';
  return null;
}

const LIST_LABELS =
  /^(SUBJECTS?|PARTICIPANTS|OTHERS PRESENT|ALSO PRESENT|PRESENT|IN ATTENDANCE|REFERENCES?|DISTRIBUTION)$/;

export const isListLabel = (text: string): boolean => LIST_LABELS.test(text.trim());

export const listTypeForLabel = (text: string): string =>
  text.trim().toLowerCase().replace(/\s+/g, '-').replace(/s$/, '');

/** Each line's item: a dash list's after its `- `, which may stand after an indent. */
const itemsOf = (run: Line[], rend: ListRend) =>
  run.map((l) => {
    const lead = l.text.length - l.text.trimStart().length;
    return spanOf(l, rend === 'dash' && l.text.startsWith('- ', lead) ? lead + 2 : 0);
  });

/** A run of list items. */
export const list: BlockRule = {
  id: 'list',
  family: 'generic',
  parse(run) {
    // (a run that holds a long stanza after its first lines is a page of verse, no list: rule `verse`)
    if (longStanzaIn(run)) return null;
    const rend = listRendFor(run.map((l) => l.text.trim()));
    return rend ? { blocks: [{ kind: 'list', rend, items: itemsOf(run, rend) }], lines: run.length } : null;
  },
  // A dash list prints `- ` before each item.
  unparse: [
    printer(
      'list',
      (e) => e.attrs.rend === 'dash',
      (e, ctx) =>
        e.children
          .map((c) =>
            isElement(c) && localName(c.name) === 'item' ? `- ${ctx.print(c.children)}` : ctx.print([c]),
          )
          .join(''),
    ),
  ],
};

/** A label line alone (`PARTICIPANTS`) heads the run of items after it. */
export const listLabel: BlockRule = {
  id: 'list',
  family: 'frus',
  parse(run, next) {
    const first = run[0];
    if (run.length !== 1 || !first || !next || !isListLabel(first.text)) return null;
    const rend = listRendFor(next.map((l) => l.text.trim())) ?? 'plain';
    return {
      blocks: [{ kind: 'list', rend, label: spanOf(first), items: itemsOf(next, rend) }],
      lines: 1,
      takesNext: true,
    };
  },
};

export type { ListRend } from '../blocks.ts';
