import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { renditionOf } from '../src/model/rendition.ts';
import { forEachNode } from '../src/model/walk.ts';
import { isElement, localName, type TeiElement, type TeiNode } from '../src/tei/node.ts';
import { parseTei } from '../src/tei/read.ts';
import { ROOT } from './support/run.ts';

/**
 * Issue #27: every rend value an official volume uses is either mapped by the model to a feature
 * of its closed set (or known to ask for no look), or reported (`tei-unknown-rend`) — over the
 * seven volumes of ../shared (corpus/*\/volume.xml, volumes/*.xml). The test prints, per volume,
 * each value, the elements it stands on, how often, and what it became.
 */
const SHARED = join(ROOT, '../shared');
const VOLUMES = [
  ...readdirSync(join(SHARED, 'corpus')).map((c) => join(SHARED, 'corpus', c, 'volume.xml')),
  ...readdirSync(join(SHARED, 'volumes'))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => join(SHARED, 'volumes', f)),
];

const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** Elements whose rend the model reads by their own rule, not as a rendition (a gap's dots, a list's marks). */
const OWN_RULE = new Set([
  'gap',
  'list',
  'milestone',
  'pb',
  'lb',
  'note',
  'table',
  'row',
  'figure',
  'choice',
]);

interface Use {
  elements: Set<string>;
  count: number;
}

/** Each rend token of the TEI's own elements (not another namespace's), with where it stands. */
function rendValues(root: TeiElement): Map<string, Use> {
  const out = new Map<string, Use>();
  const visit = (n: TeiNode): void => {
    if (!isElement(n)) return;
    if (n.attrs.xmlns && n.attrs.xmlns !== TEI_NS) return;
    for (const token of (n.attrs.rend ?? '').split(/\s+/).filter(Boolean)) {
      const use = out.get(token) ?? { elements: new Set(), count: 0 };
      use.elements.add(localName(n.name));
      use.count++;
      out.set(token, use);
    }
    for (const c of n.children) visit(c);
  };
  visit(root);
  return out;
}

describe('the rend values of the seven official volumes', () => {
  it('finds the seven', () => {
    expect(VOLUMES).toHaveLength(7);
  });

  for (const file of VOLUMES)
    it(`${basename(file) === 'volume.xml' ? basename(join(file, '..')) : basename(file)}: each is mapped or reported`, () => {
      const root = parseTei(readFileSync(file, 'utf8'), file);
      const model = editionModel(root);
      const reported = (model.notices ?? [])
        .filter((n) => n.ruleId === 'tei-unknown-rend')
        .map((n) => /rendition "([^"]+)"/.exec(n.message)?.[1]);
      const rows: string[] = [];
      const unaccounted: string[] = [];
      for (const [value, use] of rendValues(root)) {
        const { features, unknown } = renditionOf({ name: 'p', attrs: { rend: value }, children: [] });
        const where = [...use.elements].join(', ');
        const own = [...use.elements].every((e) => OWN_RULE.has(e));
        const became = features.length
          ? features.join(' + ')
          : !unknown.length
            ? '(known: no look of its own)'
            : reported.includes(value)
              ? 'reported, kept as a class'
              : own
                ? '(read by the element’s own rule)'
                : undefined;
        if (!became) unaccounted.push(value);
        rows.push(
          `${value.padEnd(28)} ${String(use.count).padStart(5)}×  on ${where.padEnd(18)} → ${became}`,
        );
      }
      console.log(`${file}\n  ${rows.join('\n  ')}`);
      expect(unaccounted).toEqual([]);

      // and the features reach the model's blocks (every volume centres or titles paragraphs)
      let rendered = 0;
      forEachNode(
        model.documents.flatMap((d) => d.blocks),
        (n) => {
          if ((n.kind === 'paragraph' || n.kind === 'line') && n.rend) rendered++;
        },
      );
      expect(rendered).toBeGreaterThan(0);
    }, 120_000);

  it('Iran: the title block of a National Intelligence Estimate is centred, its sections are titles', () => {
    const file = VOLUMES.find((f) => f.includes('frus1964-68v22')) ?? '';
    const model = editionModel(parseTei(readFileSync(file, 'utf8'), file));
    const d23 = model.documents.find((d) => d.id === 'd23')?.blocks ?? [];
    const centred = d23.flatMap((b) =>
      b.kind === 'paragraph' && b.rend?.features.includes('center')
        ? [b.children.map((c) => (c.kind === 'text' ? c.text : '')).join('')]
        : [],
    );
    expect(centred.slice(0, 3)).toEqual(['IRAN', 'Conclusions', 'Discussion']);
    const titles = d23.filter((b) => b.kind === 'paragraph' && b.rend?.features.includes('sectionTitle'));
    expect(titles.length).toBeGreaterThan(3);
    // hi rend="strong": strong emphasis
    let strong = 0;
    forEachNode(
      model.documents.flatMap((d) => d.blocks),
      (n) => {
        if (n.kind === 'emphasis' && n.style === 'strong') strong++;
      },
    );
    expect(strong).toBe(258);
  }, 120_000);
});
