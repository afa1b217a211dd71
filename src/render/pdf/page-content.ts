import type PDFDocument from 'pdfkit';
import type { StreamCache } from './stream-cache.ts';

type Doc = InstanceType<typeof PDFDocument>;

/** The parts of pdfkit's page the batching wraps (pdfkit keeps them internal). */
interface ContentPage {
  write(chunk: string | Uint8Array): unknown;
  end(): unknown;
}

/** pdfkit's page content stream (kept internal): its settings and dictionary. */
interface ContentStream {
  compress: boolean;
  data: Record<string, unknown>;
  buffer: Uint8Array[]; // what was written to it so far
}

/**
 * Each page's content stream handed to pdfkit once, when the page ends, instead of once per
 * operator. pdfkit turns every string it is given into bytes with a loop over its characters and
 * keeps each as an array of its own until the page ends (half a million of them for the FRUS
 * 1958–60 volume), then joins and deflates them. The bytes are the same: pdfkit ends each string
 * with a newline, as the join does; bytes given as bytes go through as they come, in their place.
 * The stream is deflated here, as pdfkit would (zlib's defaults), or taken from `streams` when an
 * earlier build deflated the same bytes (stream-cache.ts), and handed over deflated; its
 * dictionary is pdfkit's (`Length`, then `Filter`, set by its first write: the page's flip).
 */
export function batchPageContent(doc: Doc, streams: StreamCache): void {
  doc.on('pageAdded', () => {
    const page = (doc as unknown as { page: ContentPage & { content: ContentStream } }).page;
    const write = page.write.bind(page);
    const end = page.end.bind(page);
    // (what pdfkit wrote before saying the page was added: its flip of the coordinates)
    const chunks: Buffer[] = page.content.buffer.map((b) => Buffer.from(b));
    page.content.buffer = [];
    let pending: string[] = [];
    const flush = (): void => {
      if (!pending.length) return;
      chunks.push(Buffer.from(`${pending.join('\n')}\n`, 'latin1'));
      pending = [];
    };
    page.write = (chunk) => {
      if (typeof chunk === 'string') pending.push(chunk);
      else {
        flush();
        chunks.push(Buffer.from(chunk));
      }
    };
    page.end = () => {
      flush();
      const { content } = page;
      if (chunks.length && content.compress) {
        content.compress = false; // (deflated here; pdfkit set the dictionary's Filter with its first write)
        write(streams.deflated(Buffer.concat(chunks)));
      } else for (const chunk of chunks) write(chunk);
      return end();
    };
  });
}
