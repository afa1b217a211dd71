import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's page the batching wraps (pdfkit keeps them internal). */
interface ContentPage {
  write(chunk: string | Uint8Array): unknown;
  end(): unknown;
}

/**
 * Each page's content stream handed to pdfkit once, when the page ends, instead of once per
 * operator. pdfkit turns every string it is given into bytes with a loop over its characters and
 * keeps each as an array of its own until the page ends (half a million of them for the FRUS
 * 1958–60 volume), then joins and deflates them. The bytes are the same: pdfkit ends each string
 * with a newline, as the join does; bytes given as bytes go through as they come, in their place.
 */
export function batchPageContent(doc: Doc): void {
  doc.on('pageAdded', () => {
    const page = (doc as unknown as { page: ContentPage }).page;
    const write = page.write.bind(page);
    const end = page.end.bind(page);
    let pending: string[] = [];
    const flush = (): void => {
      if (!pending.length) return;
      write(Buffer.from(`${pending.join('\n')}\n`, 'latin1'));
      pending = [];
    };
    page.write = (chunk) => {
      if (typeof chunk === 'string') pending.push(chunk);
      else {
        flush();
        write(chunk);
      }
    };
    page.end = () => {
      flush();
      return end();
    };
  });
}
