import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childElements, localName, type TeiElement } from '../src/tei/node.ts';
import { parseTei } from '../src/tei/read.ts';
import { validateTei } from '../src/tei/validate.ts';
import { danglingPointers, pointerCount } from './support/pointers.ts';
import { recto, tempDir } from './support/run.ts';
import { all } from './support/tei.ts';

/**
 * Issue #26: every TEI file Recto writes stands alone. The seeds' per-document files (`tei/`,
 * the site's `downloads/tei/`, and those of `recto render` of the master, serialized from its
 * tree) carry the register entries they point at in their own standOff; every `#id` pointer
 * (`ref`, `target`, `corresp`, `resp` …) resolves in its file; the header says what the text
 * encodes; all valid TEI P5 (jing). (The shared corpora's files are checked the same way by
 * test/provenance-header.test.ts, which builds them.) ~20 s.
 */
const EPOCH = '1767225600';
const files: string[] = [];
const xmlIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => join(dir, f));

beforeAll(() => {
  const out = tempDir('recto-self-');
  const r = recto(['build', '--out', out, '--formats', 'tei,html', '--no-cache', '--quiet'], {
    env: { SOURCE_DATE_EPOCH: EPOCH },
  });
  expect(r.status, r.stderr).toBe(0);
  files.push(...xmlIn(join(out, 'tei')), ...xmlIn(join(out, 'html', 'downloads', 'tei')));
  files.push(join(out, 'html', 'downloads', 'edition.xml'));
  // A master we did not just write: its documents' files are serialized from its tree.
  const again = tempDir('recto-self-render-');
  const rr = recto(['render', join(out, 'tei', 'edition.xml'), '--out', again, '--formats', 'html'], {
    env: { SOURCE_DATE_EPOCH: EPOCH },
  });
  expect(rr.status, rr.stderr).toBe(0);
  files.push(...xmlIn(join(again, 'html', 'downloads', 'tei')));
}, 180_000);

const read = (file: string): TeiElement => parseTei(readFileSync(file, 'utf8'), file);

describe('the seeds’ TEI files', () => {
  it('resolve every pointer in their own file (0 dangling), having pointers to resolve', () => {
    expect(files.length).toBe(5 + 5 + 1 + 5 + 1);
    const dangling = files.flatMap((f) => danglingPointers(read(f)).map((d) => `${f}: ${d}`));
    expect(dangling).toEqual([]);
    for (const f of files) expect(pointerCount(read(f)), f).toBeGreaterThan(0);
  });

  it('carry the persons their names point at, once, and the master holds the register once', () => {
    for (const f of files) {
      const tei = read(f);
      const standOffs = all(tei, 'standOff');
      if (localName(tei.name) === 'teiCorpus') {
        expect(standOffs.length, f).toBe(1);
        continue;
      }
      const names = all(tei, 'persName', (p) => Boolean(p.attrs.ref));
      const persons = all(tei, 'person').map((p) => p.attrs['xml:id']);
      expect(new Set(persons).size, f).toBe(persons.length);
      // only what the text points at
      expect([...new Set(names.map((n) => n.attrs.ref?.slice(1)))].sort(), f).toEqual([...persons].sort());
      expect(standOffs.length, f).toBe(names.length ? 1 : 0);
    }
    // seed 004 names Stalin: its own file has him
    const d004 = files.filter((f) => /004_6169f971afa7be48\.xml$/.test(f));
    expect(d004.length).toBe(3);
    for (const f of d004) expect(all(read(f), 'person').map((p) => p.attrs['xml:id'])).toContain('stalin');
  });

  it('say in the header what the text encodes: names marked when they are', () => {
    for (const f of files) {
      const tei = read(f);
      const members = localName(tei.name) === 'teiCorpus' ? childElements(tei, 'TEI') : [tei];
      for (const member of members) {
        const text = childElements(member, 'text')[0];
        const interpretation = all(member, 'interpretation')[0];
        if (!text || !interpretation) continue;
        const words = all(interpretation, 'p')
          .map((p) => p.children.filter((c) => typeof c === 'string').join(''))
          .join(' ');
        const marked = all(
          text,
          '*',
          (e) => /^(?:persName|placeName|orgName)$/.test(e.name) && Boolean(e.attrs.ref),
        );
        if (marked.length) {
          expect(words, f).toContain('are marked (persName)');
          expect(words, f).not.toContain('Names in the running text are not marked.');
        } else expect(words, f).toMatch(/names are not marked\.|Names in the running text are not marked\./);
      }
    }
  });

  it('are valid TEI P5 (jing)', async () => {
    const v = await validateTei(files);
    expect(v.messages).toEqual([]);
  }, 120_000);
});
