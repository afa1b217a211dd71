import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { mapLimit } from '../fs/map-limit.ts';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import { fill, readTemplate } from '../render/template.ts';
import type { ShelvedVolume } from './landing.ts';
import type { CollectionManifest } from './manifest.ts';
import { collectionSearchFiles, readVolumeSearch } from './search-shards.ts';

/**
 * The collection's search page (`search.html`) and its index (`search/`), made from the search
 * indexes the volumes' sites ship. Returns the files written.
 */
export async function writeCollectionSearch(
  out: string,
  manifest: CollectionManifest,
  shelved: ShelvedVolume[],
): Promise<string[]> {
  const volumes = await Promise.all(
    shelved.map(async (s) => ({
      id: s.volume.id,
      title: s.title,
      site: `${s.volume.id}/html/`,
      search: readVolumeSearch(
        await readFile(join(out, s.volume.id, 'html', 'assets', 'search-index.js'), 'utf8'),
      ),
    })),
  );
  const files = collectionSearchFiles(volumes);
  files.set('search-text.js', readTemplate('html', 'search-text.js'));
  files.set('search.js', readTemplate('collection', 'search.js'));
  files.set('search-page.js', readTemplate('collection', 'search-page.js'));
  const written = [...files.keys()].sort().map((name) => join(out, 'search', name));
  await mapLimit([...files], 16, ([name, data]) => writeIfChanged(join(out, 'search', name), data));
  const documents = shelved.reduce((n, s) => n + s.documents, 0);
  const page = fill(
    readTemplate('collection', 'search.html'),
    {
      lang: manifest.language,
      title: manifest.title,
      style: readTemplate('collection', 'style.css'),
      footer: [manifest.publisher, `${shelved.length} volumes, ${documents} documents`]
        .filter(Boolean)
        .join(' · '),
    },
    'collection/search.html',
  );
  await writeFileAtomic(join(out, 'search.html'), page);
  return [join(out, 'search.html'), ...written];
}
