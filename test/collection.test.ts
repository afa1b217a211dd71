import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { landingPage, type ShelvedVolume, sitemap } from '../src/collection/landing.ts';
import { type CollectionManifest, parseCollectionManifest } from '../src/collection/manifest.ts';
import { volumesOfShard } from '../src/collection/shard.ts';
import { tempDir } from './support/run.ts';

const manifest = (volumes: CollectionManifest['volumes']): CollectionManifest => ({
  id: 'shelf',
  title: 'A shelf of Foreign Relations',
  language: 'en',
  volumes,
});

const shelved = (id: string, series: string, era?: string, number?: string): ShelvedVolume => ({
  volume: { id, series, tei: `${id}.xml`, ...(era ? { era } : {}), ...(number ? { number } : {}) },
  title: `Volume ${id}`,
  documents: 3,
  site: `${id}/html/index.html`,
  downloads: [`${id}/${id}.epub`, `${id}/${id}.pdf`],
  files: [],
  persons: [],
});

describe('recto collection: the manifest and the landing page', () => {
  it('reports every manifest problem at its file:line:column, with a rule id', () => {
    const text = `{
  "id": "shelf",
  "title": "A shelf",
  "language": "en",
  "volumes": [
    { "id": "a", "series": "FRUS", "sources": "s", "tei": "v.xml" },
    { "id": "a", "series": "FRUS", "tei": "v.xml", "colour": "red" }
  ]
}`;
    let message = '';
    try {
      parseCollectionManifest(text, 'COLLECTION.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      'COLLECTION.json:6:36: error [collection-invalid] volumes[0].sources: give either sources',
    );
    expect(message).toContain(
      'COLLECTION.json:7:52: error [collection-unknown-field] volumes[1].colour: unknown field',
    );
    expect(message).toContain(
      'COLLECTION.json:7:7: error [collection-invalid] volumes[1].id: volume id "a" is used twice',
    );
  });

  it('groups the volumes by series in the manifest order, each by era then number (roman numbers too)', () => {
    const volumes = [
      shelved('v22', 'FRUS', '1964–1968', 'XXII'),
      shelved('seeds', 'Readers'),
      shelved('v9', 'FRUS', '1964–1968', 'IX'),
      shelved('v8', 'FRUS', '1958–1960', 'VIII'),
    ];
    const html = landingPage(manifest(volumes.map((v) => v.volume)), volumes);
    const order = [...html.matchAll(/id="(volume-[^"]+|series-[^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      'series-frus',
      'volume-v8',
      'volume-v9',
      'volume-v22',
      'series-readers',
      'volume-seeds',
    ]);
    expect(html).toContain(
      '<a href="v22/v22.epub">EPUB<span class="visually-hidden"> of Volume v22</span></a>',
    );
  });

  it('is valid HTML (html-validate, recommended rules), and the sitemap gives absolute addresses', async () => {
    const volumes = [shelved('v8', 'FRUS', '1958–1960', 'VIII'), shelved('seeds', 'Readers')];
    const html = landingPage(manifest(volumes.map((v) => v.volume)), volumes);
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      html,
      'index.html',
    );
    const errors = report.results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    expect(errors).toEqual([]);
    expect(sitemap(['index.html', 'v8/html/index.html'], 'https://example.org/frus')).toContain(
      '<url><loc>https://example.org/frus/v8/html/index.html</loc></url>',
    );
  });
});

describe('recto collection --shard: whole volumes, split by size', () => {
  it('gives every volume to exactly one of n shards, the largest first to the least loaded', async () => {
    const dir = tempDir();
    // 900, 500, 400, 300 bytes to the four shards; then 100 (v0) to the least loaded (300), and
    // the last 100 (v4) to the first of the two now at 400
    const sizes = [100, 900, 300, 500, 100, 400];
    const volumes = sizes.map((bytes, k) => {
      writeFileSync(join(dir, `v${k}.xml`), 'x'.repeat(bytes));
      return { id: `v${k}`, tei: `v${k}.xml`, series: 'S' };
    });
    const shards = await Promise.all(
      [1, 2, 3, 4].map(async (index) =>
        (await volumesOfShard(volumes, dir, { index, count: 4 })).map((v) => v.id),
      ),
    );
    expect(shards).toEqual([['v1'], ['v3'], ['v4', 'v5'], ['v0', 'v2']]);
    // (one shard: all of them, in the manifest's order)
    expect((await volumesOfShard(volumes, dir, { index: 1, count: 1 })).map((v) => v.id)).toEqual(
      volumes.map((v) => v.id),
    );
  });
});
