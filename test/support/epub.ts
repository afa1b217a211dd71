import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

/** The XHTML serializer writes non-ASCII as character references (`&#x2019;`); tests compare characters. */
const decodeCharacterReferences = (s: string): string =>
  s.replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));

/** The files of an EPUB (a zip), as text, character references decoded. */
export function readEpub(path: string): Map<string, string> {
  const files = unzipSync(readFileSync(path));
  return new Map(
    Object.entries(files)
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, data]) => [name, decodeCharacterReferences(new TextDecoder().decode(data))]),
  );
}

export const EPUBCHECK_JAR = '/usr/share/java/epubcheck.jar';

export interface EpubcheckResult {
  errors: number;
  warnings: number;
  output: string;
}

/** EPUBCheck 4.2.6 from Debian (run through java, as /usr/bin/epubcheck fails in containers). */
export function epubcheck(path: string): EpubcheckResult {
  let output: string;
  try {
    output = execFileSync('java', ['-jar', EPUBCHECK_JAR, path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  const m = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!m) throw new Error(`EPUBCheck gave no summary:\n${output}`);
  return { errors: Number(m[1]) + Number(m[2]), warnings: Number(m[3]), output };
}
