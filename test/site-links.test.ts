import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { files, pageLinks } from './support/collection-links.ts';
import { CORPORA_ROOT as CORPORA } from './support/corpus-truth.ts';
import { recto, tempDir } from './support/run.ts';
import { sharedCorpora } from './support/shared.ts';

/**
 * The site is self-contained: every link, script, stylesheet and download of every page (and every
 * search result the index can give) resolves to a file inside `html/`, and every #anchor to an
 * element of that page. Run on the seeds (all formats) and on every volume.xml in ../shared/corpus/.
 */
// a declared corpus that is missing, or has no volume.xml, is an error naming the path
const volumes = sharedCorpora(['volume.xml']).map((c) => c.name);

function brokenLinks(site: string): { broken: string[]; checked: number } {
  const pages = files(site).filter((f) => f.endsWith('.html'));
  const idsOf = new Map<string, Set<string>>();
  const linksOf = new Map<string, string[]>();
  for (const page of pages) {
    const { links, ids } = pageLinks(readFileSync(page, 'utf8'));
    idsOf.set(page, ids);
    linksOf.set(page, links);
  }
  // the search index's results and the contents drawer's entries are links too (from the site's root)
  const fromRoot: string[] = [];
  const index = join(site, 'assets', 'search-index.js');
  if (existsSync(index)) {
    const text = readFileSync(index, 'utf8');
    const data = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as {
      docs: { u: string }[];
      index: { storedFields: Record<string, { d: number; a?: string }> };
    };
    for (const hit of Object.values(data.index.storedFields)) {
      const url = data.docs[hit.d]?.u ?? 'missing-document';
      fromRoot.push(hit.a ? `${url}#${hit.a}` : url);
    }
  }
  const contents = join(site, 'assets', 'contents.js');
  if (existsSync(contents))
    fromRoot.push(...[...readFileSync(contents, 'utf8').matchAll(/"h":"([^"]+)"/g)].map((m) => m[1] ?? ''));
  linksOf.set(join(site, 'index.html'), [...(linksOf.get(join(site, 'index.html')) ?? []), ...fromRoot]);
  const broken: string[] = [];
  let checked = 0;
  for (const [page, links] of linksOf) {
    for (const link of links) {
      if (/^(https?:|mailto:)/.test(link)) continue; // outside the site on purpose (a source's URL)
      checked++;
      const [path = '', fragment] = link.split('#');
      const target = path ? join(dirname(page), decodeURI(path)) : page;
      const where = `${relative(site, page)} → ${link}`;
      if (!target.startsWith(site)) broken.push(`${where}: outside the site`);
      else if (!existsSync(target)) broken.push(`${where}: no such file`);
      else if (fragment && target.endsWith('.html') && !idsOf.get(target)?.has(decodeURIComponent(fragment)))
        broken.push(`${where}: no such anchor`);
    }
  }
  return { broken, checked };
}

describe.each([
  {
    name: 'the seeds (all formats)',
    make: (out: string) => recto(['build', '--out', out, '--quiet']),
  },
  ...volumes.map((v) => ({
    name: `${v} rendered from its TEI`,
    make: (out: string) => recto(['render', join(CORPORA, v, 'volume.xml'), '--out', out, '--quiet']),
  })),
])('the site of $name', ({ make }) => {
  let site: string;
  beforeAll(() => {
    const out = tempDir();
    const r = make(out);
    expect(r.status, r.stderr).toBe(0);
    site = join(out, 'html');
  });

  it('has no broken link, anchor or download, and every download inside it', () => {
    const { broken, checked } = brokenLinks(site);
    console.log(
      `${relative(dirname(site), site)}: ${checked} internal links checked, ${broken.length} broken`,
    );
    expect(broken.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    const downloads = readdirSync(join(site, 'downloads'));
    expect(downloads.filter((f) => /\.(epub|pdf|xml)$/.test(f)).length).toBe(3);
  });
});
