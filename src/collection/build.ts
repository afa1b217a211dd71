import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { TeiMaster } from '../model/master.ts';
import { build } from '../pipeline/build.ts';
import type { Shard } from '../pipeline/plan.ts';
import { render } from '../pipeline/render.ts';
import type { Reporter } from '../report.ts';
import { landingPage, type ShelvedVolume, sitemap } from './landing.ts';
import { type CollectionVolume, parseCollectionManifest } from './manifest.ts';
import { crossRegister, registerPage } from './register.ts';
import { writeCollectionSearch } from './search-site.ts';
import { sha256, volumesOfShard, writeShardRecord } from './shard.ts';
import { recordCollectionWritten } from './written.ts';

export interface CollectionOptions {
  manifest: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  jobs?: number;
  /** The site's address, for the sitemap's absolute URLs (`--site-url`); relative without it. */
  siteUrl?: string;
  /** Build only this shard's volumes and leave a record for `recto merge` (no collection pages). */
  shard?: Shard;
  /**
   * The volumes are already in `out` (joined by `recto merge` from the shards): read what they
   * hold instead of building them, then make the collection's pages.
   */
  prebuilt?: boolean;
}

export interface CollectionResult {
  volumes: number;
  documents: number;
  files: string[];
  seconds: number;
}

/** One volume built (or rendered) into `out/<id>/`, as `recto build` or `recto render` would. */
async function buildVolume(v: CollectionVolume, base: string, options: CollectionOptions): Promise<void> {
  const out = join(options.out, v.id);
  // (a TEI volume is its own master: rendered, not written again)
  const formats = v.tei ? options.formats.filter((f) => f !== 'tei') : options.formats;
  const common = { out, formats, reporter: options.reporter, jobs: options.jobs };
  if (v.sources) await build({ ...common, sources: resolve(base, v.sources) });
  else await render({ ...common, file: resolve(base, v.tei ?? '') });
}

/** Every file under a folder, but the build's own records and caches (`.written.json`, `.cache/`). */
async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

/**
 * A volume built into `out/<id>/`, shelved from the files there: by this process or by a shard of
 * the collection on another machine (`recto merge`), the collection's pages are then the same.
 */
async function shelveBuilt(v: CollectionVolume, base: string, out: string): Promise<ShelvedVolume> {
  const tei = v.tei ? resolve(base, v.tei) : join(out, v.id, 'tei', 'edition.xml');
  const files = await filesUnder(join(out, v.id));
  const edition = await new TeiMaster(tei).edition();
  const downloads = files
    .filter((f) => /\.(?:epub|pdf)$/.test(f))
    .map((f) => relative(out, f).split('\\').join('/'))
    .sort();
  const site = files.some((f) => f.endsWith(join('html', 'index.html')))
    ? `${v.id}/html/index.html`
    : undefined;
  const master = files.some((f) => resolve(f) === resolve(tei)) ? `${v.id}/tei/edition.xml` : undefined;
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
  const { shard } = options;
  const volumes = shard ? await volumesOfShard(manifest.volumes, base, shard) : manifest.volumes;
  for (const v of volumes) {
    if (options.prebuilt) {
      shelved.push(await shelveBuilt(v, base, options.out));
      continue;
    }
    options.reporter.info(`collection: ${v.id} (${v.sources ? 'sources' : 'TEI'})`);
    // (shelved from the files on disk, as `recto merge` shelves a shard's: the same pages either way)
    await buildVolume(v, base, options);
    shelved.push(await shelveBuilt(v, base, options.out));
  }
  if (shard) {
    options.reporter.info(
      `collection: shard ${shard.index}/${shard.count} built ${volumes.map((v) => v.id).join(', ') || 'no volume'}`,
    );
    const record = await writeShardRecord(options.out, {
      shard,
      manifest: resolve(options.manifest),
      manifestSha256: sha256(text),
      formats: options.formats,
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      volumes: manifest.volumes.map((v) => v.id),
      built: volumes.map((v) => v.id),
    });
    return {
      volumes: shelved.length,
      documents: shelved.reduce((n, s) => n + s.documents, 0),
      files: [record, ...shelved.flatMap((s) => s.files)],
      seconds: (performance.now() - started) / 1000,
    };
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
  const removed = await recordCollectionWritten(
    options.out,
    own,
    shelved.map((s) => s.volume.id),
  );
  if (removed.length) options.reporter.info(`collection: removed ${removed.length} files it no longer makes`);
  return {
    volumes: shelved.length,
    documents: shelved.reduce((n, s) => n + s.documents, 0),
    files: [...own, ...shelved.flatMap((s) => s.files)],
    seconds: (performance.now() - started) / 1000,
  };
}
