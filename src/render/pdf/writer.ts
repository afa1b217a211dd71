import { lazyModule } from '../lazy-module.ts';
import type { Writer } from '../writer.ts';

const load = lazyModule<typeof import('./index.ts')>(new URL('./index.ts', import.meta.url).href);

/** The print PDF: a book laid out line by line, or a course reader's handout. */
export const pdfWriter: Writer = {
  format: 'pdf',
  cost: 0,
  outputs: (meta) => [`${meta.id}.pdf`],
  download: 'Print PDF',
  inputs: { code: ['render/pdf'], templates: ['pdf'], env: ['SOURCE_DATE_EPOCH', 'RECTO_PDF_TRIM'] },
  warm: async () => {
    await load();
  },
  write: async (edition, out, options) => (await load()).renderPdf(edition, out, options),
};
