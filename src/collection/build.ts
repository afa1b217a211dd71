import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { TeiMaster } from '../model/master.ts';
import { build } from '../pipeline/build.ts';
import { render } from '../pipeline/render.ts';
import type { Reporter } from '../report.ts';
import { landingPage, type ShelvedVolume, sitemap } from './landing.ts';
import { type CollectionVolume, parseCollectionManifest } from './manifest.ts';
import { crossRegister, registerPage } from './register.ts';
import { writeCollectionSearch } from './search-site.ts';

export interface CollectionOptions {
  manifest: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  jobs?: number;
  /** The site's address, for the sitemap's absolute URLs (`--site-url`); relative without it. */
  siteUrl?: string;
}

export interface CollectionResult {
  volumes: number;
  documents: number;
  files: string[];
  seconds: number;
}

/** One volume built (or rendered) into `out/<id>/`, as `recto build` or `recto render` would. */
async function buildVolume(
  v: CollectionVolume,
  base: string,
  options: CollectionOptions,
): Promise<ShelvedVolume> {
  const out = join(options.out, v.id);
  // (a TEI volume is its own master: rendered, not written again)
  const formats = v.tei ? options.formats.filter((f) => f !== 'tei') : options.formats;
  const common = { out, formats, reporter: options.reporter, jobs: options.jobs };
  const tei = v.tei ? resolve(base, v.tei) : join(out, 'tei', 'edition.xml');
  const { files } = v.sources
    ? await build({ ...common, sources: resolve(base, v.sources) })
    : await render({ ...common, file: tei });
  const edition = await new TeiMaster(tei).edition();
  const downloads = files
    .filter((f) => /\.(?:epub|pdf)$/.test(f))
    .map((f) => relative(options.out, f).split('\\').join('/'))
    .sort();
  const site = files.some((f) => f.endsWith(join('html', 'index.html')))
    ? `${v.id}/html/index.html`
    : undefined;
  const master = files.some((f) => f === tei) ? `${v.id}/tei/edition.xml` : undefined;
  return {
    volume: v,
    title: v.title ?? edition.meta.title,
    documents: edition.documents.length,
    site,
    downloads,
    files,
    persons: edition.register
      .filter((e) => e.type === 'person')
      .map((entry) => ({
        entry,
        documents: new Set((edition.mentions.get(entry.id) ?? []).map((m) => m.document)).size,
      })),
    ...(master ? { tei: master } : {}),
  };
}

/**
 * `recto collection COLLECTION.json`: every edition of the manifest built into its own folder
 * (`out/<id>/`, the outputs `recto build` or `recto render` makes), then the collection's own pages
 * above them: a landing page (`out/index.html`) with the volumes grouped by series and ordered by
 * era and number, their sites and downloads, and a sitemap of every page.
 */
export async function buildCollection(options: CollectionOptions): Promise<CollectionResult> {
  const started = performance.now();
  let text: string;
  try {
    text = await readFile(options.manifest, 'utf8');
  } catch {
    throw new InputError(`${options.manifest}: no such collection manifest`);
  }
  const { manifest } = parseCollectionManifest(text, options.manifest);
  const base = dirname(options.manifest);
  const shelved: ShelvedVolume[] = [];
  for (const v of manifest.volumes) {
    options.reporter.info(`collection: ${v.id} (${v.sources ? 'sources' : 'TEI'})`);
    shelved.push(await buildVolume(v, base, options));
  }
  const own = [join(options.out, 'index.html')];
  const searchable = shelved.filter((s) => s.site);
  if (searchable.length) own.push(...(await writeCollectionSearch(options.out, manifest, searchable)));
  const people = crossRegister(
    shelved.map((s) => ({
      id: s.volume.id,
      title: s.title,
      ...(s.site ? { site: `${s.volume.id}/html/` } : {}),
      persons: s.persons,
    })),
  );
  if (people.length) {
    own.push(join(options.out, 'register.html'));
    await writeFileAtomic(join(options.out, 'register.html'), registerPage(manifest, people, shelved.length));
  }
  await writeFileAtomic(
    join(options.out, 'index.html'),
    landingPage(manifest, shelved, { search: searchable.length > 0, register: people.length > 0 }),
  );
  // (a sitemap's addresses are absolute: written only where the site's address is known)
  const siteUrl = options.siteUrl ?? manifest.url;
  if (siteUrl) {
    const pages = shelved.flatMap((s) => s.files).filter((f) => f.endsWith('.html'));
    const paths = [join(options.out, 'index.html'), ...pages].map((f) =>
      relative(options.out, f).split('\\').join('/'),
    );
    own.push(join(options.out, 'sitemap.xml'));
    await writeFileAtomic(join(options.out, 'sitemap.xml'), sitemap(paths.sort(), siteUrl));
  } else
    options.reporter.info(
      'collection: no sitemap (give the site\'s address: "url" in the manifest or --site-url)',
    );
  return {
    volumes: shelved.length,
    documents: shelved.reduce((n, s) => n + s.documents, 0),
    files: [...own, ...shelved.flatMap((s) => s.files)],
    seconds: (performance.now() - started) / 1000,
  };
}
