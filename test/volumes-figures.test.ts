import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recto, tempDir } from './support/run.ts';
import { required, SHARED, sharedCorpora } from './support/shared.ts';

/**
 * Every figure of the seven official volumes of ../shared (#27): each `graphic` of the TEI is shown
 * or placeheld with its address in the HTML site (no image file sits beside them, so each is a
 * placeholder naming it: `figure_0001.tif`, `Document A.1`, `genassemblybldg.jpg` …), each with
 * one warning at its line:column; the embedded video players of the public-diplomacy volume are
 * placeholders that say a video was there; no figure is left empty.
 */
const VOLUMES = required(join(SHARED, 'volumes'), 'the shared volumes folder');
const FILES = [
  ...sharedCorpora(['volume.xml']).map((c) => join(c.dir, 'volume.xml')),
  ...readdirSync(VOLUMES)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => join(VOLUMES, f)),
];

const decode = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

it('is seven volumes', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(7);
});

describe.each(FILES.map((f) => ({ name: f.split('/').slice(-2).join('/'), file: f })))(
  'the figures of $name',
  ({ file }) => {
    it('every graphic shown or placeheld with its address, one warning each, no empty figure', () => {
      const xml = readFileSync(file, 'utf8');
      const graphics = [...xml.matchAll(/<graphic\b[^>]*\burl="([^"]*)"/g)].map((m) => decode(m[1] ?? ''));
      const players = (xml.match(/<object\b[^>]*xmlns="http:\/\/www\.w3\.org\/1999\/xhtml"/g) ?? []).length;
      const out = tempDir();
      const r = recto(['render', file, '--out', out, '--formats', 'html']);
      expect(r.status, r.stderr).toBe(0);
      const site = join(out, 'html', 'docs');
      const pages = readdirSync(site)
        .filter((f) => f.endsWith('.html'))
        .map((f) => readFileSync(join(site, f), 'utf8'))
        .join('\n');
      const shown = [
        ...pages.matchAll(
          /<span class="figure-notice">Image not included<\/span>: <(?:span|a)[^>]*>([^<]*)</g,
        ),
      ].map((m) => decode(m[1] ?? ''));
      const images = (pages.match(/<img class="figure-image"/g) ?? []).length;
      expect(shown.length + images).toBe(graphics.length);
      expect([...shown].sort()).toEqual([...graphics].sort());
      const videos = (pages.match(/<span class="figure-notice">Video not included<\/span>/g) ?? []).length;
      expect(videos).toBe(players);
      expect(pages).not.toMatch(/<figure[^>]*><\/figure>|<figure[^>]*><figcaption><\/figcaption><\/figure>/);
      const warnings = r.stderr
        .split('\n')
        .filter((l) => /warning \[figure-(image-missing|embedded)\]/.test(l));
      expect(warnings).toHaveLength(graphics.length + players);
      expect(warnings.every((l) => /\.xml:\d+:\d+: warning/.test(l))).toBe(true);
      console.log(
        `${file.split('/').slice(-2).join('/')}: ${graphics.length} graphics placeheld with their address, ${players} video players`,
      );
    });
  },
);
