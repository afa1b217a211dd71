import { join } from 'node:path';
import { writeIfChanged } from '../../fs/write-if-changed.ts';
import type { ModelEdition } from '../../model/edition.ts';
import type { Download } from '../writer.ts';
import { documentFiles, siteLinks } from './index.ts';
import { contentsScript, indexPage } from './pages.ts';
import { registerFile } from './register-links.ts';
import { registerIndexPage, registerPage } from './register-pages.ts';
import { siteEdition } from './unit-pages.ts';

export interface PageUpdate {
  /** The edition's model as the caller holds it, the changed documents already read again. */
  edition: ModelEdition;
  outDir: string;
  downloads: Download[];
  /** The documents that have a TEI file of their own (all of ours). */
  ownTei: { has(id: string): boolean };
  /** The changed documents' own TEI, by id, as it is on disk. */
  changedTei: Map<string, string>;
  changed: number[]; // positions in the edition of the documents whose TEI changed
}

/**
 * The quick path of `recto preview`: the pages an edit of some documents shows in, written from
 * the model the caller keeps (updated in place of the documents: 60 ms for a volume, where reading
 * the master again costs far more). The changed documents' pages, citation exports and TEI, their
 * neighbours' pages (their previous/next links carry the titles), the register's pages (an edit
 * adds or removes mentions), the contents and the index.
 * The search index is not touched: the full render that follows rewrites it. Returns the site
 * paths (relative to html/) whose bytes changed.
 */
export async function updateDocumentPages(update: PageUpdate): Promise<string[]> {
  const { edition, units } = siteEdition(update.edition);
  const links = siteLinks(edition, units);
  const wanted = new Set<number>();
  for (const k of update.changed)
    for (const n of [k - 1, k, k + 1]) if (n >= 0 && n < edition.documents.length) wanted.add(n);
  const files = new Map<string, string>();
  for (const k of [...wanted].sort((a, b) => a - b)) {
    for (const [name, data] of documentFiles(edition, k, links, update.ownTei, undefined, units)?.files ?? [])
      files.set(name, data);
  }
  for (const k of update.changed) {
    const id = edition.documents[k]?.id;
    const xml = id ? update.changedTei.get(id) : undefined;
    if (id && xml !== undefined) files.set(`downloads/tei/${id}.xml`, xml);
  }
  // the register's pages: an edit may add or remove a mention anywhere (written only where changed)
  if (edition.register.length) {
    files.set('register/index.html', registerIndexPage(edition));
    for (const entry of edition.register) files.set(registerFile(entry.id), registerPage(edition, entry));
  }
  files.set('index.html', indexPage(edition, update.downloads, links, undefined, units));
  files.set('assets/contents.js', contentsScript(edition));
  const written: string[] = [];
  for (const [name, data] of files)
    if (await writeIfChanged(join(update.outDir, 'html', name), data)) written.push(name);
  return written;
}
