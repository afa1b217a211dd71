import { el } from '../../tei/node.ts';
import type { InlineRule } from '../inline.ts';
import { printer, rendValue } from '../rule.ts';

/**
 * Rule `star-page` (law reports): star paging, `*487` where page 487 of the reporter begins,
 * glued to the words around it or set apart (`CIRCUIT.*42 Oscar`, `Oc*226tober`); `**688` and
 * `***` mark the pages of the second and third reporters. Read only as an increasing run, each
 * star page one after the last of its reporter (a lone one stands for itself): a `*` note mark, a
 * pin cite or a multiplication does not make one. `<pb n="487" rend="star"/>` (`star:2` for
 * `**`); `recto text` prints the stars back.
 */
const STAR = /(?<![*\d])(\*{1,3})(\d{1,4})(?!\d)/g;

/** The offsets of the star pages of a source: per reporter, the longest run of pages one after another. */
function starPages(source: string): Map<number, { stars: number; n: string; length: number }> {
  const byLevel = new Map<number, { offset: number; n: number; length: number }[]>();
  for (const m of source.matchAll(STAR)) {
    const stars = (m[1] ?? '').length;
    const list = byLevel.get(stars) ?? [];
    list.push({ offset: m.index, n: Number(m[2]), length: m[0].length });
    byLevel.set(stars, list);
  }
  const out = new Map<number, { stars: number; n: string; length: number }>();
  for (const [stars, found] of byLevel) {
    // the longest chain of consecutive pages, in text order
    let best: typeof found = [];
    for (let i = 0; i < found.length; i++) {
      const chain = [found[i] as (typeof found)[number]];
      for (let j = i + 1; j < found.length; j++) {
        const last = chain.at(-1) as (typeof found)[number];
        if ((found[j] as (typeof found)[number]).n === last.n + 1)
          chain.push(found[j] as (typeof found)[number]);
      }
      if (chain.length > best.length) best = chain;
    }
    for (const s of best) out.set(s.offset, { stars, n: String(s.n), length: s.length });
  }
  return out;
}

const found = new WeakMap<object, Map<number, { stars: number; n: string; length: number }>>();
const keyOf = new Map<string, object>();

export const starPage: InlineRule = {
  id: 'star-page',
  family: 'law-report',
  trigger: '*',
  parse(ctx, at) {
    // (found once per source: the run is a property of the whole document)
    let key = keyOf.get(ctx.source);
    if (!key) {
      keyOf.clear();
      key = {};
      keyOf.set(ctx.source, key);
      found.set(key, starPages(ctx.source));
    }
    const page = found.get(key)?.get(at);
    if (!page) return null;
    return {
      nodes: [
        el('pb', {
          n: page.n,
          rend: page.stars === 1 ? 'star' : `star star:${page.stars}`,
          'xml:id': ctx.ids.take(`pg${page.n}`),
        }),
      ],
      next: at + page.length,
    };
  },
  unparse: [
    printer(
      'pb',
      (e) => (e.attrs.rend ?? '').split(' ')[0] === 'star',
      (e) => `${'*'.repeat(Number(rendValue(e, 'star') ?? 1))}${e.attrs.n ?? ''}`,
    ),
  ],
};
