import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recto, SEEDS, tempDir } from './support/run.ts';
import { tree } from './support/tree.ts';

describe('recto collection COLLECTION.json', () => {
  it('builds each edition into its own folder and a landing page whose every link resolves', () => {
    const dir = tempDir();
    const manifest = join(dir, 'COLLECTION.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        id: 'shelf',
        title: 'A shelf',
        language: 'en',
        url: 'https://example.org/shelf/',
        volumes: [
          { id: 'letter', tei: join(ROOT, 'test/fixtures/any-tei/letter.xml'), series: 'Letters' },
          { id: 'seeds', sources: SEEDS, series: 'Foreign Relations', era: '1946', number: 'VI' },
        ],
      }),
    );
    const out = join(dir, 'out');
    const r = recto(['collection', manifest, '--out', out, '--formats', 'tei,html,epub'], {
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 volumes; \d+ documents, \d+ files/);
    const landing = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...landing.matchAll(/href="([^"#]+)"/g)].map((m) => m[1] as string);
    expect(links).toContain('seeds/html/index.html');
    expect(links).toContain('letter/html/index.html');
    expect(links.some((l) => l.endsWith('.epub'))).toBe(true);
    expect(links.filter((l) => !existsSync(join(out, l)))).toEqual([]);
    const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain('<loc>https://example.org/shelf/seeds/html/index.html</loc>');
  });

  it('removes what it no longer makes (a volume taken out, its search entries) and never a file it did not write', () => {
    const dir = tempDir();
    const manifest = join(dir, 'COLLECTION.json');
    const letter = { id: 'letter', tei: join(ROOT, 'test/fixtures/any-tei/letter.xml'), series: 'Letters' };
    const verse = { id: 'verse', tei: join(ROOT, 'test/fixtures/any-tei/verse.xml'), series: 'Letters' };
    const write = (volumes: (typeof letter)[]): void =>
      writeFileSync(manifest, JSON.stringify({ id: 'shelf', title: 'A shelf', language: 'en', volumes }));
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const build = (out: string): void => {
      const r = recto(['collection', manifest, '--out', out, '--formats', 'tei,html'], { env });
      expect(r.status, r.stderr).toBe(0);
    };
    const out = join(dir, 'out');
    write([letter, verse]);
    build(out);
    expect(existsSync(join(out, 'verse', 'html', 'index.html'))).toBe(true);
    const mine = ['mine.txt', join('verse', 'html', 'my-notes.txt')];
    for (const f of mine) writeFileSync(join(out, f), 'a reader of the proofs wrote this');
    write([letter]);
    build(out);
    const clean = join(dir, 'clean');
    build(clean);
    const built = tree(out);
    for (const f of mine) {
      expect(built.get(f), f).toBeDefined();
      built.delete(f);
    }
    expect(tree(clean).size).toBeGreaterThan(20);
    expect([...built.keys()].sort()).toEqual([...tree(clean).keys()].sort());
    expect(built).toEqual(tree(clean));
  });

  it('says what is wrong with a manifest, and exits non-zero without a stack trace', () => {
    const dir = tempDir();
    const manifest = join(dir, 'COLLECTION.json');
    writeFileSync(manifest, '{ "id": "shelf", "title": "A shelf", "language": "en", "volumes": [] }');
    const r = recto(['collection', manifest, '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('COLLECTION.json:1:56: error [collection-invalid] volumes:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(recto(['collection', join(dir, 'absent.json')]).stderr).toContain(
      'absent.json: no such collection manifest',
    );
  });

  it('built in shards (--shard i/n) and joined by recto merge: the bytes of one build; a missing or foreign shard refused', () => {
    const dir = tempDir();
    const manifest = join(dir, 'COLLECTION.json');
    const volumes = [
      { id: 'letter', tei: join(ROOT, 'test/fixtures/any-tei/letter.xml'), series: 'Letters' },
      { id: 'verse', tei: join(ROOT, 'test/fixtures/any-tei/verse.xml'), series: 'Letters' },
      { id: 'seeds', sources: SEEDS, series: 'Foreign Relations' },
    ];
    const write = (url: string): void =>
      writeFileSync(
        manifest,
        JSON.stringify({ id: 'shelf', title: 'A shelf', language: 'en', url, volumes }),
      );
    write('https://example.org/shelf/');
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const formats = ['--formats', 'tei,html'];
    const one = join(dir, 'one');
    expect(recto(['collection', manifest, '--out', one, ...formats], { env }).status).toBe(0);
    const shards = [1, 2].map((k) => join(dir, `shard-${k}`));
    shards.forEach((shard, k) => {
      const r = recto(['collection', manifest, '--out', shard, ...formats, '--shard', `${k + 1}/2`], { env });
      expect(r.status, r.stderr).toBe(0);
    });
    // (the seeds, the largest, alone in the first shard; the two letters in the second)
    expect(readFileSync(join(shards[0] as string, 'collection-shard.json'), 'utf8')).toContain(
      '"built": [\n    "seeds"\n  ]',
    );
    expect(existsSync(join(shards[0] as string, 'index.html'))).toBe(false); // (no pages in a shard)
    const incomplete = recto(['merge', shards[0] as string, '--out', join(dir, 'part')], { env });
    expect(incomplete.status).toBe(1);
    expect(incomplete.stderr).toContain(
      'error [merge-incomplete] expected collection shards 1..2 once each; missing: 2',
    );
    const merged = join(dir, 'merged');
    const r = recto(['merge', ...shards, '--out', merged], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('merge: 3 volumes of');
    const reference = tree(one);
    expect(reference.size).toBeGreaterThan(30);
    expect(tree(merged)).toEqual(reference);
    write('https://example.org/another/'); // the manifest changed after the shards were built
    const changed = recto(['merge', ...shards, '--out', join(dir, 'again')], { env });
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain(
      'error [merge-mismatch] the collection manifest is not the one the shards were built from',
    );
    expect(changed.stderr).not.toMatch(/\n\s+at /);
  });
});
