import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTei } from '../src/tei/validate.ts';
import { ROOT, recto, tempDir } from './support/run.ts';

/** Each bad input through the real CLI: a positioned diagnostic, valid TEI or a clean refusal, no stack trace. */
const LETTER = 'The Ambassador in Moscow to the Secretary of State\n\n';

function normalizeBytes(name: string, bytes: Uint8Array | string, dir = tempDir()) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = recto(['normalize', file]);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return { ...r, file, dir };
}

async function expectValid(xml: string, dir: string): Promise<void> {
  const path = join(dir, 'out.xml');
  writeFileSync(path, xml);
  const result = await validateTei([path]);
  expect(result.messages).toEqual([]);
}

describe('bad input', () => {
  it('invalid UTF-8: decoded as Windows-1252 with a warning at the line of the bad byte', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${LETTER}Caf`),
      Buffer.from([0xe9, 0x20]),
      Buffer.from('and '),
      Buffer.from([0x93]),
      Buffer.from('quotes'),
      Buffer.from([0x94, 0x2e]),
    ]);
    const r = normalizeBytes('latin.txt', bytes);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/latin\.txt:3:1: warning \[encoding-not-utf8\]/);
    expect(r.stdout).toContain('Café and “quotes”.');
    await expectValid(r.stdout, r.dir);
  });

  it('a BOM is dropped and CRLF line ends read as LF, giving the same TEI', () => {
    const dir = tempDir();
    const lf = normalizeBytes('doc.txt', `${LETTER}Text [Page 3] more.\n\nSecond.`, dir);
    const crlf = normalizeBytes(
      'doc.txt',
      `\uFEFF${LETTER}Text [Page 3] more.\n\nSecond.`.replace(/\n/g, '\r\n'),
      dir,
    );
    expect(crlf.status).toBe(0);
    expect(crlf.stdout).toBe(lf.stdout);
    expect(crlf.stdout).not.toContain('\uFEFF');
    expect(crlf.stdout).not.toContain('\r');
  });

  it('characters XML 1.0 forbids are reported with line:column, encoded as g, and given back by recto text', async () => {
    const r = normalizeBytes('ctrl.txt', `${LETTER}Bell\u0007 here and \uFFFE there\u0000.`);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('ctrl.txt:3:5: warning [xml-illegal-character] U+0007');
    expect(r.stderr).toContain('ctrl.txt:3:16: warning [xml-illegal-character] U+FFFE');
    expect(r.stdout).not.toContain('\u0007');
    expect(r.stdout).toContain('Bell<g type="xml-illegal-character" n="U+0007">\uFFFD</g> here');
    await expectValid(r.stdout, r.dir);
    const tei = join(r.dir, 'ctrl.xml');
    writeFileSync(tei, r.stdout);
    expect(recto(['text', tei]).stdout).toContain('Bell\u0007 here and \uFFFE there\u0000.');
  });

  it('an empty file gives a warning and a valid, empty document', async () => {
    const r = normalizeBytes('empty.txt', '');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('empty.txt:1:1: warning [empty-source]');
    await expectValid(r.stdout, r.dir);
  });

  it('[Page abc], an unclosed [ and a missing note are reported where they are', async () => {
    const r = normalizeBytes(
      'odd.txt',
      `${LETTER}Odd [Page abc] marker and an [unclosed bracket.\n\nA note.1 Another.2\n\n  1. Only one note.`,
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('odd.txt:3:5: warning [page-marker-invalid]');
    expect(r.stderr).toContain('odd.txt:3:30: warning [unclosed-bracket]');
    expect(r.stderr).toContain('odd.txt:5:18: warning [footnote-missing] reference 2');
    expect(r.stdout).toContain('Odd [Page abc] marker');
    await expectValid(r.stdout, r.dir);
  });

  it('a note list longer than the references keeps every note (none dropped)', () => {
    const r = normalizeBytes(
      'extra.txt',
      `${LETTER}One reference.1\n\n  1. First.\n  2. Second, with no reference.`,
    );
    expect(r.stderr).toContain('extra.txt:6:1: warning [footnote-unanchored] note 2');
    expect(r.stdout).toContain('First.</note>');
    expect(r.stdout).toContain('Second, with no reference.</note>');
  });

  it('a source over the size limit (50 MB by default) is refused and nothing is written', () => {
    const sources = tempDir();
    const out = join(tempDir(), 'output');
    writeFileSync(join(sources, 'a.txt'), `${LETTER}Fine.`);
    writeFileSync(join(sources, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024 + 1, 0x61));
    const r = recto(['build', '--sources', sources, '--out', out, '--formats', 'tei']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/huge\.txt:1:1: error \[source-too-large\] 52428801 bytes is over the limit/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad PDF setting is said as such with its exit code, from a worker thread too (not an internal error)', () => {
    const out = tempDir();
    for (const jobs of ['1', '2']) {
      const r = recto(['build', '--out', out, '--formats', 'tei,pdf', '--jobs', jobs, '--quiet'], {
        env: { RECTO_PDF_TRIM: 'B5' },
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('RECTO_PDF_TRIM: no trim size "B5" (have 6x9, A5, Letter)');
      expect(r.stderr).not.toContain('internal error');
    }
    const templates = join(tempDir(), 'templates');
    cpSync(join(ROOT, 'templates'), templates, { recursive: true });
    const stylePath = join(templates, 'pdf', 'style.json');
    writeFileSync(stylePath, readFileSync(stylePath, 'utf8').replace('"size": 10.5', '"size": -1'));
    const r = recto(['build', '--out', out, '--formats', 'tei,pdf', '--quiet'], {
      env: { RECTO_TEMPLATES: templates },
    });
    expect(r.status).toBe(1);
    // (at its line and column, with a rule id: issue #26)
    expect(r.stderr).toMatch(/style\.json:31:13: error \[style-invalid\] body\.size: Too small/);
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(join(out, 'soviet-conduct.pdf'))).toBe(false);
  });

  it('a build leaves no temporary files behind', () => {
    const out = tempDir();
    expect(recto(['build', '--out', out, '--formats', 'tei', '--quiet']).status).toBe(0);
    expect(readdirSync(join(out, 'tei')).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a large source within the limit (5 MB, 60,000 page breaks and references) normalizes without a crash', () => {
    const sources = tempDir();
    mkdirSync(sources, { recursive: true });
    const para = 'A paragraph of ordinary text with a reference.1 and [Page 12] a page marker.\n\n';
    writeFileSync(
      join(sources, 'big.txt'),
      `${LETTER}${para.repeat(Math.floor((5 * 1024 * 1024) / para.length))}  1. The note.`,
    );
    const r = recto(['build', '--sources', sources, '--out', tempDir(), '--formats', 'tei', '--quiet']);
    expect(r.status, r.stderr.slice(0, 500)).toBe(0);
  });
});
