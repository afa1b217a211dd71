import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { writeIfChanged } from '../../fs/write-if-changed.ts';

/**
 * Pages' content streams as deflated by an earlier build, by a hash of their bytes: after an edit
 * the pages before the edited document are drawn as before, byte for byte, and are not deflated
 * again (pdfkit deflates each page's stream with zlib's defaults, about a tenth of the PDF writer's
 * time). The deflated bytes are zlib's for those bytes under the same settings, so a kept stream is
 * the stream a clean build writes; a page whose content changed has another key.
 *
 * The file is `output/.cache/pdf/streams.bin`: a header with its version (the PDF stage's
 * fingerprint and the look, as the breaks'), each entry (the SHA-256 of the content, the length of
 * the deflated bytes as a 32-bit number, the bytes), then the SHA-256 of all that: a file that does
 * not check out is not used. It holds the streams of the last book only, in page order.
 */
const HEADER = 'recto-pdf-streams\n';

export class StreamCache {
  private readonly used = new Map<string, Buffer>();

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
    private readonly known: Map<string, Buffer>,
  ) {}

  /** The streams kept in `dir` (read now, written by `save`), or, without a folder, none. */
  static open(dir: string | undefined, version: string): StreamCache {
    const known = new Map<string, Buffer>();
    const file = dir ? join(dir, 'pdf', 'streams.bin') : undefined;
    if (file) {
      try {
        readEntries(readFileSync(file), version, known);
      } catch {
        known.clear(); // none yet, or unreadable: every page is deflated anew
      }
    }
    return new StreamCache(file, version, known);
  }

  /** A page's content stream deflated as pdfkit would: kept from the last build, else deflated now. */
  deflated(content: Buffer): Buffer {
    const key = createHash('sha256').update(content).digest('base64');
    let bytes = this.used.get(key) ?? this.known.get(key);
    bytes ??= deflateSync(content);
    this.used.set(key, bytes);
    return bytes;
  }

  async save(): Promise<void> {
    if (!this.file) return;
    const parts: Buffer[] = [Buffer.from(`${HEADER}${this.version}\n`)];
    for (const [key, bytes] of this.used) {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      parts.push(Buffer.from(key, 'base64'), length, bytes);
    }
    const body = Buffer.concat(parts);
    await writeIfChanged(this.file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
  }
}

function readEntries(file: Buffer, version: string, into: Map<string, Buffer>): void {
  const head = `${HEADER}${version}\n`;
  if (file.toString('latin1', 0, head.length) !== head) return; // another Recto or another look
  const data = file.subarray(0, file.length - 32);
  if (!createHash('sha256').update(data).digest().equals(file.subarray(data.length))) return;
  let at = head.length;
  while (at < data.length) {
    const key = data.toString('base64', at, at + 32);
    const length = data.readUInt32LE(at + 32);
    const end = at + 36 + length;
    if (end > data.length) throw new Error('a truncated entry');
    into.set(key, data.subarray(at + 36, end));
    at = end;
  }
}
