import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeiElement } from '../src/tei/node.ts';
import { childElements, localName } from '../src/tei/node.ts';
import { parseTei } from '../src/tei/read.ts';
import { validateTei } from '../src/tei/validate.ts';
import { CORPORA_ROOT as CORPORA } from './support/corpus-truth.ts';
import { danglingPointers, pointerCount } from './support/pointers.ts';
import { recto, tempDir } from './support/run.ts';
import { sharedCorpora } from './support/shared.ts';
import { all } from './support/tei.ts';

/**
 * The TEI half of issue #14: every document's header has a structured source record, an idno,
 * the editorial declaration in its parts, a tagsDecl, a revisionDesc, and a correspDesc whenever
 * the document has a dated dateline — for the seeds and for every shared corpus built from its
 * plain texts, all valid TEI P5 (jing).
 */
// (a declared corpus that is missing is an error naming the path)
const corpora = sharedCorpora([])
  .map((c) => c.name)
  .filter((d) => readdirSync(join(CORPORA, d)).some((f) => f.endsWith('.txt')));
const EPOCH = '1767225600'; // 2026-01-01

interface Built {
  corpus: string; // '' for the seeds
  file: string;
  tei: TeiElement;
}
const built: Built[] = [];
const files: string[] = [];

function build(sources: string[], corpus = ''): void {
  const out = tempDir('recto-header-');
  const r = recto(['build', ...sources, '--out', out, '--formats', 'tei', '--no-cache', '--quiet'], {
    env: { SOURCE_DATE_EPOCH: EPOCH },
  });
  expect(r.status, r.stderr).toBe(0);
  for (const f of readdirSync(join(out, 'tei')).sort()) {
    if (f === 'edition.xml' || !f.endsWith('.xml')) continue;
    const file = join(out, 'tei', f);
    files.push(file);
    built.push({ corpus, file, tei: parseTei(readFileSync(file, 'utf8'), file) });
  }
}

const one = (root: TeiElement, path: string[]): TeiElement => {
  let e = root;
  for (const name of path) {
    const next = childElements(e).find((c) => localName(c.name) === name);
    if (!next) throw new Error(`no ${path.join('/')}`);
    e = next;
  }
  return e;
};
const flatten = (e: TeiElement): string =>
  e.children.map((c) => (typeof c === 'string' ? c : flatten(c))).join('');
const text = (e: TeiElement): string => flatten(e).replace(/\s+/g, ' ').trim();
const seed = (prefix: string): TeiElement => {
  const b = built.find((x) => x.corpus === '' && x.file.includes(`/tei/${prefix}`));
  if (!b) throw new Error(`no seed ${prefix}`);
  return b.tei;
};

beforeAll(() => {
  build([]);
  for (const c of corpora) build(['--sources', join(CORPORA, c)], c);
}, 180_000);

describe('document headers (issue #14)', () => {
  it('builds the seeds and every shared corpus, and every file is valid TEI P5', async () => {
    expect(corpora.length).toBeGreaterThanOrEqual(3);
    expect(built.length).toBeGreaterThan(1000);
    const v = await validateTei(files);
    expect(v.messages).toEqual([]);
  }, 120_000);

  it('every file resolves every pointer in itself (0 dangling: ref, target, corresp, resp …, #26)', () => {
    const dangling = built.flatMap(({ file, tei }) => danglingPointers(tei).map((d) => `${file}: ${d}`));
    expect(dangling).toEqual([]);
    expect(built.reduce((n, { tei }) => n + pointerCount(tei), 0)).toBeGreaterThan(1000);
  });

  it('every header has the source record, the idno, the editorial declaration, the tagsDecl and the revisionDesc', () => {
    const problems: string[] = [];
    for (const { corpus, file, tei } of built) {
      const header = one(tei, ['teiHeader']);
      const body = one(tei, ['text']);
      const div = all(body, 'div', (d) => d.attrs.type === 'document')[0];
      const fail = (what: string): void => {
        problems.push(`${file}: ${what}`);
      };
      const bibl = one(header, ['fileDesc', 'sourceDesc', 'biblStruct']);
      if (!div || bibl.attrs['xml:id'] !== `${div.attrs['xml:id']}-source`) fail('biblStruct xml:id');
      // The monogr is the printed edition, when one is known: never the archival source note
      // or the file number (a document whose edition is not stated is cited by itself, #26).
      const monogrTitle = childElements(one(bibl, ['monogr'])).find((c) => localName(c.name) === 'title');
      if (monogrTitle && !text(monogrTitle)) fail('empty monogr/title');
      if (monogrTitle && monogrTitle.attrs.level !== 'm') fail('monogr/title level');
      if (monogrTitle && /^(?:\[?Source\b|\d{3}\.[0-9A-Z]+\/)/.test(text(monogrTitle)))
        fail(`monogr/title is the source note: ${text(monogrTitle)}`);
      // (the seeds state their printed sources, but for 003, whose text names only its archive)
      if (!monogrTitle && !corpus && !file.includes('/tei/003_')) fail('a seed without its printed source');
      if (!text(one(bibl, ['analytic', 'title']))) fail('no analytic/title');
      for (const e of all(bibl, '*')) if (!text(e)) fail(`empty ${e.name} in the biblStruct`);
      const idno = one(header, ['fileDesc', 'publicationStmt', 'idno']);
      if (idno.attrs.type !== 'recto' || text(idno) !== div?.attrs['xml:id']) fail('publicationStmt/idno');
      const decl = one(header, ['encodingDesc', 'editorialDecl']);
      for (const part of [
        'correction',
        'normalization',
        'quotation',
        'hyphenation',
        'segmentation',
        'interpretation',
      ])
        if (!text(one(decl, [part, 'p']))) fail(`editorialDecl/${part}`);
      if (!text(one(decl, ['segmentation'])).includes('followed by the word space'))
        fail('segmentation words');
      // tagsDecl: every element of the text, counted, in name order.
      const ns = one(header, ['encodingDesc', 'tagsDecl', 'namespace']);
      if (ns.attrs.name !== 'http://www.tei-c.org/ns/1.0') fail('tagsDecl namespace');
      const usage = childElements(ns).map((t) => [t.attrs.gi ?? '', Number(t.attrs.occurs)] as const);
      const counts = new Map<string, number>();
      for (const e of all(body, '*')) counts.set(localName(e.name), (counts.get(localName(e.name)) ?? 0) + 1);
      const expected = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
      if (JSON.stringify(usage) !== JSON.stringify(expected)) fail('tagUsage counts');
      const change = one(header, ['revisionDesc', 'change']);
      if (change.attrs.when !== '2026-01-01') fail('change/@when');
      const who = change.attrs.who?.slice(1);
      if (!all(header, 'respStmt', (r) => r.attrs['xml:id'] === who).length) fail('change/@who');
      // A dated dateline: a correspDesc with the date, and the creation date.
      const dated = all(body, 'dateline')
        .flatMap((d) => all(d, 'date'))
        .find((d) => d.attrs.when);
      if (dated) {
        const sent = all(header, 'correspAction', (a) => a.attrs.type === 'sent')[0];
        const date = sent && all(sent, 'date')[0];
        if (date?.attrs.when !== dated.attrs.when) fail('correspDesc/correspAction[sent]/date');
        if (one(header, ['profileDesc', 'creation', 'date']).attrs.when !== dated.attrs.when)
          fail('creation/date');
      }
      for (const a of all(header, 'correspAction'))
        if (!childElements(a).length) fail('an empty correspAction');
      if (flatten(header).includes('rights reserved')) fail('a rights claim');
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('gives seed 001 and 004 their pages in the print edition, from the page markers', () => {
    // `[Page N]` is where page N begins: both documents' text begins before their first marker
    // (001: two and a half paragraphs before [Page 225]; 004: a paragraph and a half before
    // [Page 722]), so each began on the page before.
    const pages = (t: TeiElement): string[] => {
      const scope = all(one(t, ['teiHeader']), 'biblScope', (b) => b.attrs.unit === 'page')[0];
      return scope ? [scope.attrs.from ?? '', scope.attrs.to ?? '', text(scope)] : [];
    };
    expect(pages(seed('001'))).toEqual(['224', '227', '224–227']);
    expect(pages(seed('004'))).toEqual(['721', '723', '721–723']);
    const bibl = all(seed('001'), 'biblStruct')[0];
    expect(bibl && all(bibl, 'idno', (i) => i.attrs.type === 'file').map(text)).toEqual(['761.00/260']);
  });

  it('gives the page ranges of the official volumes (volume.xml) for every corpus document with page markers', () => {
    // The volume says where each document begins: on the page of the last page break before it.
    let compared = 0;
    const wrong: string[] = [];
    for (const c of corpora) {
      const volume = readFileSync(join(CORPORA, c, 'volume.xml'), 'utf8');
      const manifest = JSON.parse(readFileSync(join(CORPORA, c, 'manifest.json'), 'utf8')) as {
        items: { file: string; doc_id: string }[];
      };
      const starts = [...volume.matchAll(/<div\s+type="document"\s+xml:id="(d\d+)"/g)];
      starts.forEach((m, k) => {
        const item = manifest.items.find((i) => i.doc_id === m[1]);
        const doc =
          item &&
          built.find((b) => b.corpus === c && b.file.endsWith(`/tei/${item.file.replace(/\.txt$/, '.xml')}`));
        const scope = doc && all(one(doc.tei, ['teiHeader']), 'biblScope', (b) => b.attrs.unit === 'page')[0];
        if (!scope) return;
        const before = [...volume.slice(0, m.index).matchAll(/<pb\s[^>]*n="(\d+)"/g)].at(-1)?.[1];
        const region = volume.slice(m.index, starts[k + 1]?.index ?? volume.length);
        const inside = [...region.slice(0, region.lastIndexOf('</div>')).matchAll(/<pb\s[^>]*n="(\d+)"/g)];
        const to = inside.at(-1)?.[1] ?? before;
        compared++;
        if (scope.attrs.from !== before)
          wrong.push(`${c}/${item?.file}: from ${scope.attrs.from}, volume ${before}`);
        else if (scope.attrs.to !== to) wrong.push(`${c}/${item?.file}: to ${scope.attrs.to}, volume ${to}`);
      });
    }
    expect(compared).toBeGreaterThan(800);
    // Two documents at the end of a part, where the volume's next page break is not the document's.
    expect(wrong.length, wrong.join('\n')).toBeLessThanOrEqual(compared / 200);
    expect(wrong.filter((w) => w.includes(': from '))).toEqual([]);
  });

  it('names senders and recipients as persons with roles or as offices', () => {
    const actions = (t: TeiElement): string[] =>
      all(t, 'correspAction').map((a) => {
        const who = childElements(a)[0];
        return `${a.attrs.type}:${who ? localName(who.name) : ''}:${
          who
            ? childElements(who)
                .map((c) => c.name)
                .join('+')
            : ''
        }`;
      });
    expect(actions(seed('004'))).toEqual(['sent:persName:roleName+name', 'received:persName:roleName']);
    expect(actions(seed('003'))[0]).toBe('sent:orgName:');
  });

  it('credits manifest corrections to the edition’s editor, not to the software', () => {
    const t = seed('002');
    const corr = all(t, 'corr', (c) => c.attrs.type === 'editorial');
    expect(corr.length).toBeGreaterThan(0);
    const editor = all(one(t, ['teiHeader']), 'editor')[0];
    expect(editor?.attrs['xml:id']).toBeTruthy();
    for (const c of corr) expect(c.attrs.resp).toBe(`#${editor?.attrs['xml:id']}`);
  });
});
