import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, recto, SEEDS, tempDir } from './support/run.ts';

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
});
