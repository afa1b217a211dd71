import { childElements, el } from '../../tei/node.ts';
import type { InlineContext } from '../inline.ts';
import { printer, type Rule } from '../rule.ts';

/** A slip the manifest corrects: the text as printed, and as it should read. */
export interface Correction {
  sic: string;
  corr: string;
}

/** Manifest corrections (`{ "sic": "IPRACTICAL", "corr": "PRACTICAL" }`) → choice/sic/corr at every occurrence. */
export function anchorCorrections(
  ctx: InlineContext,
  corrections: Correction[],
  editor: boolean,
): Set<number> {
  const at = new Set<number>();
  for (const { sic, corr } of corrections) {
    let found = false;
    for (let i = ctx.source.indexOf(sic); i !== -1 && sic; i = ctx.source.indexOf(sic, i + sic.length)) {
      if (ctx.anchors.has(i)) continue;
      found = true;
      at.add(i);
      ctx.anchors.set(i, {
        length: sic.length,
        nodes: () => [
          el('choice', {}, [
            el('sic', {}, [sic]),
            // Credited to the edition's editor, who asked for it in the manifest, not to the software.
            el('corr', { type: 'editorial', resp: editor ? ctx.ids.resp('editor') : undefined }, [corr]),
          ]),
        ],
      });
    }
    if (!found)
      ctx.diag.warn('correction-not-found', `manifest correction "${sic}" does not occur in the text`, {
        line: 1,
        column: 1,
      });
  }
  return at;
}

/**
 * Rule `manifest-correction`: a slip the edition's manifest corrects (`corrections`) is
 * `choice/sic/corr` with `corr type="editorial"`; the source printed the slip, and prints it back.
 */
export const manifestCorrection: Rule = {
  id: 'manifest-correction',
  family: 'generic',
  unparse: [
    printer(
      'choice',
      (e) => childElements(e, 'corr')[0]?.attrs.type === 'editorial',
      (e, ctx) => ctx.print(childElements(e, 'sic')[0]?.children ?? []),
    ),
  ],
};
