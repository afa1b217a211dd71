import { type DiagnosticBag, positionAt } from '../diagnostics.ts';

/** Windows-1252 bytes 0x80–0x9F (the rest of the range is Latin-1). */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152,
  0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122,
  0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += String.fromCharCode(b >= 0x80 && b < 0xa0 ? (CP1252_HIGH[b - 0x80] ?? 0xfffd) : b);
  return out;
}

/** Characters XML 1.0 forbids even as character references (a decoded file has no lone surrogates). */
const XML_ILLEGAL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Bytes → text the normalizer can trust: UTF-8 (or Windows-1252 with a warning), no BOM, LF
 * line ends (the BOM and CR line ends are the only characters not given back: each is reported).
 * A character XML 1.0 cannot carry is reported and kept: the TEI writer records it as
 * `<g type="xml-illegal-character" n="U+0007">` so `recto text` gives it back; a form feed is a
 * page break (rule `form-feed`).
 */
export function decodeSource(bytes: Uint8Array, diag: DiagnosticBag): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    diag.warn(
      'encoding-not-utf8',
      `not valid UTF-8 (first bad byte 0x${(bytes[bad] ?? 0).toString(16)} at byte ${bad}); decoded as Windows-1252`,
      { line: 1 + countNewlines(bytes, bad), column: 1 },
    );
    text = decodeCp1252(bytes);
  }
  if (text.startsWith('\uFEFF')) {
    diag.add('info', 'byte-order-mark', 'byte-order mark removed', { line: 1, column: 1 });
    text = text.slice(1);
  }
  if (text.includes('\r')) {
    diag.add('info', 'line-endings', 'CR line ends read as LF (the one change to the source besides a BOM)', {
      line: 1,
      column: 1,
    });
    text = text.replace(/\r\n?/g, '\n');
  }
  if (XML_ILLEGAL.test(text)) {
    XML_ILLEGAL.lastIndex = 0;
    for (const m of text.matchAll(XML_ILLEGAL)) {
      // (a form feed ends a page: rule `form-feed` reads it, nothing to say)
      if (m[0] === '\f') continue;
      const { line, column } = positionAt(text, m.index);
      const code = m[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      diag.warn(
        'xml-illegal-character',
        `U+${code} cannot appear in XML 1.0; kept as <g type="xml-illegal-character" n="U+${code}">`,
        { line, column },
      );
    }
  }
  return text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 1));
    } catch {
      // A truncated multi-byte sequence at the end of the prefix is not yet an error.
      if (i + 4 >= bytes.length || (bytes[i] ?? 0) < 0x80) return i;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 4));
      } catch {
        return i;
      }
    }
  }
  return 0;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}
