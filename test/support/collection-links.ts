import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Parser } from 'htmlparser2';

/** Every file under a folder. */
export function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A page's local references (href of a and link, src of script, img and source) and its ids. */
export function pageLinks(html: string): { links: string[]; ids: Set<string> } {
  const links: string[] = [];
  const ids = new Set<string>();
  const parser = new Parser({
    onopentag(name, a) {
      if (a.id) ids.add(a.id);
      if ((name === 'a' || name === 'link') && a.href) links.push(a.href);
      if ((name === 'script' || name === 'img' || name === 'source') && a.src) links.push(a.src);
      if (a['data-scripts']) links.push(...a['data-scripts'].split(' ').filter(Boolean));
    },
  });
  parser.write(html);
  parser.end();
  return { links, ids };
}

/**
 * Every local link of a collection's output (every page of every volume, the collection's pages,
 * and every result its search can give: each entry's page and anchor), fragments included.
 */
export function collectionBrokenLinks(out: string): { broken: string[]; checked: number } {
  const all = files(out);
  const idsOf = new Map<string, Set<string>>();
  const linksOf = new Map<string, string[]>();
  for (const page of all.filter((f) => f.endsWith('.html'))) {
    const { links, ids } = pageLinks(readFileSync(page, 'utf8'));
    idsOf.set(page, ids);
    linksOf.set(page, links);
  }
  // the collection search's results: each document's URL, with each of its entries' anchors
  const shards = new Map<string, unknown>();
  for (const f of all.filter((f) => /[/\\]search[/\\][dx][/\\]\d+\.js$/.test(f))) {
    const text = readFileSync(f, 'utf8');
    const key = /^RECTO_SHARD\("([a-z]+\d+)",/.exec(text)?.[1] as string;
    shards.set(key, JSON.parse(text.slice(text.indexOf(',') + 1, text.lastIndexOf(')'))));
  }
  const docs = [...shards.entries()]
    .filter(([k]) => k.startsWith('d'))
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .flatMap(([, v]) => v as { u: string }[]);
  const texts = [...shards.entries()]
    .filter(([k]) => k.startsWith('x'))
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)))
    .flatMap(([, v]) => v as (string | number)[][]);
  const fromRoot = texts.map((t) => {
    const url = docs[Number(t[0])]?.u ?? 'missing-document';
    return t[1] ? `${url}#${t[1]}` : url;
  });
  linksOf.set(join(out, 'index.html'), [...(linksOf.get(join(out, 'index.html')) ?? []), ...fromRoot]);
  const broken: string[] = [];
  let checked = 0;
  for (const [page, links] of linksOf) {
    for (const link of links) {
      if (/^(https?:|mailto:|data:)/.test(link)) continue;
      checked++;
      const [path = '', fragment] = link.split('#');
      const target = path ? join(dirname(page), decodeURI(path.split('?')[0] ?? '')) : page;
      const where = `${relative(out, page)} → ${link}`;
      if (!target.startsWith(out)) broken.push(`${where}: outside the site`);
      else if (!existsSync(target)) broken.push(`${where}: no such file`);
      else if (fragment && target.endsWith('.html') && !idsOf.get(target)?.has(decodeURIComponent(fragment)))
        broken.push(`${where}: no such anchor`);
    }
  }
  return { broken, checked };
}
