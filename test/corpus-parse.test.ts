import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/cache/store.ts';
import { type CorpusParts, corpusText, parseCorpus, type TreeStore } from '../src/model/corpus-parse.ts';
import { corpusParts } from '../src/pipeline/corpus.ts';
import { block, el } from '../src/tei/node.ts';
import { parseTei } from '../src/tei/read.ts';
import { normalizeText } from './support/normalize.ts';
import { SEEDS, tempDir } from './support/run.ts';

/**
 * `recto build` reads its master in parts, each member's tree kept in the build cache
 * (model/corpus-parse.ts): the tree must be the one a whole parse of the master gives —
 * elements, text, every element's and comment's line and column — when read cold, when read from
 * the cache, and after a member changed (its old tree is never used). In process, about 1 s.
 */
const NS = 'http://www.tei-c.org/ns/1.0';
const FILE = 'edition.xml';

function seedParts(): CorpusParts {
  const members = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => normalizeText(readFileSync(join(SEEDS, f)), f).xml);
  const shell = block('teiCorpus', { xmlns: NS, 'xml:lang': 'en' }, [el('teiHeader', {}, ['header'])]);
  return corpusParts(shell, members);
}

/** The build cache's `parse` bucket, as `recto build` hands it to the reader. */
const store = (cache: BuildCache): TreeStore => ({
  version: 'test',
  get: (key) => cache.getBytes('parse', key),
  put: (key, bytes) => cache.putBytes('parse', key, bytes),
});
const whole = (parts: CorpusParts) => parseTei(corpusText(parts), FILE);
const binFiles = (cache: BuildCache): string[] =>
  readdirSync(join(cache.dir, 'parse')).filter((f) => f.endsWith('.bin'));

describe('the master read in parts', () => {
  it('is the tree a whole parse gives, cold, from the cache, and after an edit', async () => {
    const parts = seedParts();
    const cache = new BuildCache(tempDir('recto-parse-'));
    expect(await parseCorpus(parts, FILE, store(cache))).toEqual(whole(parts));
    expect(binFiles(cache)).toHaveLength(parts.members.length);
    // from the cache (a fresh one: nothing in memory)
    const again = new BuildCache(join(cache.dir, '..'));
    expect(await parseCorpus(parts, FILE, store(again))).toEqual(whole(parts));
    expect(binFiles(again)).toHaveLength(parts.members.length);

    // an edited member: its new text is read, not its old tree (and the lines after it move)
    const members = [...parts.members];
    members[1] = (members[1] as string).replace(/<p /, '<p n="edited" ').replace('</p>', '\n</p>');
    expect(members[1]).not.toBe(parts.members[1]);
    const edited = { ...parts, members };
    expect(await parseCorpus(edited, FILE, store(again))).toEqual(whole(edited));
    expect(binFiles(again)).toHaveLength(parts.members.length + 1);

    // an entry damaged on disk is not used
    for (const f of binFiles(again)) {
      const path = join(again.dir, 'parse', f);
      const bytes = readFileSync(path);
      bytes.writeUInt8((bytes.at(-1) ?? 0) ^ 1, bytes.length - 1);
      writeFileSync(path, bytes);
    }
    expect(await parseCorpus(edited, FILE, store(new BuildCache(join(cache.dir, '..'))))).toEqual(
      whole(edited),
    );
  });

  it('moves positions on a member’s first line and its comments, and reports a bad member at the master’s line', async () => {
    const member = (n: number): string =>
      `<TEI xmlns="${NS}"><teiHeader/><!-- note ${n} --><text>\n<body><p>one</p>\n<!-- c --><p>two</p></body></text></TEI>`;
    const parts: CorpusParts = {
      head: `<teiCorpus xmlns="${NS}"><teiHeader><fileDesc/></teiHeader> `,
      members: [member(1), member(2)],
      tail: '</teiCorpus>',
    };
    const cache = new BuildCache(tempDir('recto-parse-'));
    const tree = await parseCorpus(parts, FILE, store(cache));
    expect(tree).toEqual(whole(parts));
    expect(await parseCorpus(parts, FILE, store(cache))).toEqual(whole(parts));

    const bad: CorpusParts = { ...parts, members: [member(1), '<TEI><text>\n<p></text></TEI>'] };
    const message = (() => {
      try {
        whole(bad);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^edition\.xml:\d+:\d+: error \[xml-not-well-formed\]/);
    await expect(parseCorpus(bad, FILE, store(cache))).rejects.toThrow(message);
  });
});
