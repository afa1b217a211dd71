import { lazyModule } from '../lazy-module.ts';
import type { Writer } from '../writer.ts';

const load = lazyModule<typeof import('./index.ts')>(new URL('./index.ts', import.meta.url).href);

/** The annotated EPUB 3 (its chapters drawn with the HTML writer's tables). */
export const epubWriter: Writer = {
  format: 'epub',
  cost: 2,
  outputs: (meta) => [`${meta.id}.epub`],
  download: 'EPUB 3 e-book',
  inputs: { code: ['render/epub', 'render/html'], templates: ['epub'], env: ['SOURCE_DATE_EPOCH'] },
  warm: async () => {
    await load();
  },
  write: async (edition, out, options) => (await load()).renderEpub(edition, out, options),
};
