import type { BlockRule } from '../blocks.ts';
import { spanOf } from '../spans.ts';

/** Rule `quotation`: a paragraph that is wholly a quotation (`"…"` or `“…”`) becomes a block quote. */
export function isQuotation(text: string): boolean {
  const t = text.trim();
  return t.length > 40 && /^["“]/.test(t) && /["”](?:\d{1,3})?$/.test(t);
}

/** A line wholly in quotation marks. */
export const quotation: BlockRule = {
  id: 'quotation',
  family: 'generic',
  parse(run) {
    const first = run[0];
    return first && isQuotation(first.text)
      ? { blocks: [{ kind: 'quote', spans: [spanOf(first)] }], lines: 1 }
      : null;
  },
};
