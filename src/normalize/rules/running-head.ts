import type { BlockRule } from '../blocks.ts';
import { printer } from '../rule.ts';
import { spanOf } from '../spans.ts';

/**
 * Rule `running-head`: a page's running head copied with the text, the page number at one end
 * (`FOREIGN RELATIONS, 1950, VOLUME III 130`, `131 PAPERS RELATING TO FOREIGN AFFAIRS`). It marks
 * where that page begins: a page break, the line kept as forme work. Only the series' own heads
 * are read so; a cable's `TO SECSTATE WASHDC PRIORITY 9937` is not one.
 */
const RUNNING_HEAD =
  /^(?:(\d{1,4})\s+)?((?:FOREIGN RELATIONS|PAPERS RELATING TO)[\p{Lu}\d ,.;:'’&()–-]*?)(?:\s+(\d{1,4}))?$/u;

/** The page number a running-head line gives, or null if the line is not one. */
export function runningHeadPage(text: string): string | null {
  const m = RUNNING_HEAD.exec(text.trim());
  if (!m) return null;
  const [, before, , after] = m;
  // The number at one end, not both (and not a year: `VOLUME III` is followed by the page).
  return (before ? 1 : 0) + (after ? 1 : 0) === 1 ? ((before ?? after) as string) : null;
}

/** A run of one line that is a running head: the page it begins, and the head as printed. */
export const runningHead: BlockRule = {
  id: 'running-head',
  family: 'frus',
  parse(run) {
    const first = run[0];
    const n = run.length === 1 && first ? runningHeadPage(first.text) : null;
    return first && n !== null
      ? { blocks: [{ kind: 'running-head', span: spanOf(first), n }], lines: 1 }
      : null;
  },
  // The page begins at its head: the break prints nothing, the head (fw) prints the line.
  unparse: [
    printer(
      'pb',
      (e) => e.attrs.rend === 'running-head',
      () => '',
    ),
  ],
};
