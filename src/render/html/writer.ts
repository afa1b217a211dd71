import { lazyModule } from '../lazy-module.ts';
import type { Writer } from '../writer.ts';

const load = lazyModule<typeof import('./index.ts')>(new URL('./index.ts', import.meta.url).href);
const loadUpdate = lazyModule<typeof import('./update.ts')>(new URL('./update.ts', import.meta.url).href);

/** The static reading site (html/): a page per document, the contents, search, the register. */
export const htmlWriter: Writer = {
  format: 'html',
  cost: 1,
  outputs: () => ['html/'],
  inputs: { code: ['render/html'], templates: ['html'], env: ['SOURCE_DATE_EPOCH', 'RECTO_SEARCH'] },
  warm: async () => {
    await load();
  },
  write: async (edition, out, options) => (await load()).renderHtml(edition, out, options),
  update: async (edition, out, options, changed) =>
    (await loadUpdate()).updateDocumentPages({
      edition,
      outDir: out,
      downloads: options.downloads,
      // (an edition built from sources: each document has its TEI file)
      ownTei: new Set(edition.documents.map((d) => d.id)),
      changedTei: options.documentTei,
      changed,
    }),
};
