import type { Look } from '../meta.ts';
import type { TeiMaster } from '../model/master.ts';
import { useProjectTemplates } from '../render/template.ts';
import { writerFor } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { siteDownloads } from './downloads.ts';

/** Documents of a master that an edit changed: their positions, and their TEI as written. */
export interface ChangedDocuments {
  positions: number[];
  tei: Map<string, string>; // by document id
}

/**
 * `recto preview`'s quick path: after an edit of some documents, each writer of `formats` that can
 * update its output in place does (the HTML: the pages the edit shows in), from the master whose
 * changed documents have been read again; the others wait for the full build that follows.
 * `formats` are the edition's (what the site offers for download). Returns the files whose bytes
 * changed, relative to each writer's folder.
 */
export async function publishChanges(
  master: TeiMaster,
  formats: string[],
  changed: ChangedDocuments,
  options: { out: string; reporter: Reporter; look?: Look },
): Promise<string[]> {
  const edition = await master.edition();
  const written: string[] = [];
  for (const format of formats) {
    const writer = writerFor(format);
    if (!writer?.update) continue;
    const writerOptions = {
      reporter: options.reporter,
      formats,
      downloads: siteDownloads(edition.meta, formats),
      masterFile: master.file,
      documentTei: changed.tei,
    };
    // (the edition's own templates, as the full build uses them)
    useProjectTemplates(options.look?.templates);
    try {
      written.push(...(await writer.update(edition, options.out, writerOptions, changed.positions)));
    } finally {
      useProjectTemplates(undefined);
    }
  }
  return written;
}
