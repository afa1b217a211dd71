import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../fs/write-if-changed.ts';
import { type ModelEdition, numberedTitle } from '../../model/edition.ts';
import { citationKeys } from './cite-keys.ts';
import { newLookups, type PageLookups, registerAnswer } from './page-lookups.ts';
import { registerLinks } from './register-links.ts';
import type { SearchDocument } from './search-index.ts';

/**
 * Each document's page, citation exports and search entry kept from one build to the next: after
 * a one-document edit the site's other pages are not drawn again (a volume's 507 pages and their
 * 1,521 citation exports took ~0.4 s of CPU to draw, for bytes that had not changed). A page is
 * keyed by a hash of everything it is drawn from besides its lookups: the document's model whole,
 * its place and the edition's size ("12 of 507"), its neighbours' ids and titles (the
 * previous/next links), the edition's metadata (title, licence, the citation), its citation key
 * (unique across the edition, so it can change when another document's does) and its own TEI's
 * link; and it is used again only when every lookup it made into the rest of the edition
 * (page-lookups.ts: the addresses of what it links to, the register entries it mentions) still
 * answers the same. The file's version is the HTML stage's fingerprint (code, templates, the
 * locked libraries) with the edition's look. A page with a figure is not kept (its image is found
 * and copied as it is drawn), nor are a course reader's (its units change the breadcrumbs).
 *
 * What is kept is the hash of each file, not its bytes: the site already holds them. A kept page
 * is used only when its files on disk still have those hashes (read once, as the comparison
 * before a write read them anyway), else it is drawn and written again: a page deleted or changed
 * by hand since is put back. The file is `output/.cache/html/pages.json` and holds the pages of
 * the last site only.
 */

/** What a document contributes to the site, as documentFiles makes it. */
export interface DocumentFiles {
  files: [string, string][];
  entry: SearchDocument;
}

/** A document's files as the site already holds them (their names, relative to its folder), and its search entry. */
export interface KeptFiles {
  kept: string[];
  entry: SearchDocument;
}

interface KeptPage {
  key: string;
  links: [string, string | null][];
  register: [string, string | null][];
  files: [string, string][]; // name, sha256 (base64url) of its bytes
  entry: SearchDocument;
}

interface PageFile {
  version: string;
  pages: Record<string, KeptPage>;
}

const hashOf = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('base64url');

export class PageCache {
  private readonly used = new Map<string, KeptPage>();
  private register: ((id: string) => { href: string; card: string } | undefined) | undefined;

  private constructor(
    private readonly file: string | undefined,
    private readonly site: string,
    private readonly version: string,
    private readonly known: Map<string, KeptPage>,
  ) {}

  /** The cache of `dir` for the site in `site` (no `dir`: every page is drawn, nothing kept). */
  static open(dir: string | undefined, site: string, version: string): PageCache {
    const known = new Map<string, KeptPage>();
    const file = dir ? join(dir, 'html', 'pages.json') : undefined;
    if (file) {
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as PageFile;
        if (stored.version === version)
          for (const [id, page] of Object.entries(stored.pages)) known.set(id, page);
      } catch {
        // none yet, or unreadable: every page is drawn anew
      }
    }
    return new PageCache(file, site, version, known);
  }

  /**
   * Document `k`'s files and search entry: the site's own when nothing they depend on changed and
   * they are still as written, else what `draw` makes (given a record of its lookups), kept for
   * the next build.
   */
  files(
    edition: ModelEdition,
    k: number,
    links: Map<string, string>,
    teiHref: string | undefined,
    draw: (seen: PageLookups | undefined) => DocumentFiles | undefined,
  ): DocumentFiles | KeptFiles | undefined {
    const doc = edition.documents[k];
    if (!this.file || !doc) return draw(undefined);
    const model = JSON.stringify(doc);
    if (model.includes('"kind":"figure"')) return draw(undefined);
    const key = pageKey(edition, k, model, teiHref);
    const kept = this.known.get(doc.id);
    if (kept && kept.key === key && this.answersSame(edition, kept, links) && this.onDisk(kept)) {
      this.used.set(doc.id, kept);
      return { kept: kept.files.map(([name]) => name), entry: kept.entry };
    }
    const seen = newLookups();
    const made = draw(seen);
    if (made)
      this.used.set(doc.id, {
        key,
        links: [...seen.links],
        register: [...seen.register],
        files: made.files.map(([name, data]) => [name, hashOf(data)]),
        entry: made.entry,
      });
    return made;
  }

  private answersSame(edition: ModelEdition, kept: KeptPage, links: Map<string, string>): boolean {
    for (const [id, href] of kept.links) if ((links.get(id) ?? null) !== href) return false;
    this.register ??= registerLinks(edition, '../');
    const register = this.register;
    for (const [id, answer] of kept.register) if (registerAnswer(register(id)) !== answer) return false;
    return true;
  }

  /** Whether the site still holds the kept page's files as they were written. */
  private onDisk(kept: KeptPage): boolean {
    // (read synchronously, as writeIfChanged compares: for hundreds of small files, faster)
    try {
      return kept.files.every(([name, hash]) => hashOf(readFileSync(join(this.site, name))) === hash);
    } catch {
      return false; // deleted since
    }
  }

  /** Keeps the pages of this site only (a removed document's, an edited one's old page go). */
  async save(): Promise<void> {
    if (!this.file) return;
    const pages: Record<string, KeptPage> = {};
    for (const id of [...this.used.keys()].sort()) pages[id] = this.used.get(id) as KeptPage;
    await writeIfChanged(this.file, JSON.stringify({ version: this.version, pages } satisfies PageFile));
  }
}

/** The hash of what document `k`'s page is drawn from besides its lookups (`model`: the document's, as JSON). */
function pageKey(edition: ModelEdition, k: number, model: string, teiHref: string | undefined): string {
  const { documents } = edition;
  const doc = documents[k];
  const neighbour = (n: number): [string, string] | null => {
    const d = documents[n];
    return d ? [d.id, numberedTitle(d)] : null;
  };
  return createHash('sha256')
    .update(
      JSON.stringify([
        k,
        documents.length,
        edition.meta,
        doc ? (citationKeys(documents).get(doc.id) ?? null) : null,
        teiHref ?? null,
        neighbour(k - 1),
        neighbour(k + 1),
      ]),
    )
    .update('\u0000')
    .update(model)
    .digest('base64url');
}
