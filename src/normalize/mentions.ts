import { personNames } from '../register/names.ts';
import type { Register } from '../register/types.ts';
import { el } from '../tei/node.ts';
import type { Block } from './blocks.ts';
import type { InlineContext } from './inline.ts';
import { findDate } from './rules/dates.ts';
import { tagPersons } from './rules/person-names.ts';

/**
 * Pins each mention of a registered person to its place in the text as `persName ref="#id"`,
 * before inline parsing (like footnote anchors), and reports the mentions it could not attribute.
 */
export function anchorMentions(ctx: InlineContext, register: Register, blocks: Block[]): void {
  const persons = register.entries.filter((e) => e.type === 'person').map(personNames);
  if (persons.length === 0) return;
  const dateline = blocks.find((b) => b.kind === 'dateline');
  const date = dateline && 'span' in dateline ? findDate(dateline.span.text)?.when : undefined;
  const { mentions, ambiguities } = tagPersons(ctx.source, persons, { date });
  for (const m of mentions) {
    // A footnote anchor or a manifest correction inside the name keeps its place.
    let taken = false;
    for (let k = m.offset; k < m.offset + m.length; k++) if (ctx.anchors.has(k)) taken = true;
    if (taken) continue;
    const words = ctx.source.slice(m.offset, m.offset + m.length);
    ctx.anchors.set(m.offset, {
      length: m.length,
      nodes: () => [el('persName', { ref: `#${m.id}` }, [words])],
    });
  }
  for (const a of ambiguities) {
    ctx.diag.warn(
      'person-ambiguous',
      `"${a.word}" may be ${a.candidates.map((c) => `#${c}`).join(' or ')}; left untagged (name the person in full, or add a variant to the register)`,
      ctx.positions.at(a.offset),
    );
  }
}
