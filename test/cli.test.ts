import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recto, SEEDS, tempDir } from './support/run.ts';

const hashTree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );

describe('the recto CLI', () => {
  it('prints --version and --help for every command (exit 0)', () => {
    const version = recto(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    for (const command of ['build', 'preview', 'normalize', 'validate', 'text']) {
      const help = recto([command, '--help']);
      expect(help.status, command).toBe(0);
      expect(help.stdout).toContain(`Usage: recto ${command}`);
    }
  });

  it('exits 2 on a usage error and on an unknown format, without a stack trace', () => {
    const unknown = recto(['frobnicate']);
    expect(unknown.status).toBe(2);
    const format = recto(['build', '--out', tempDir(), '--formats', 'tei,docx']);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('unknown format docx; available: tei');
    expect(format.stderr).not.toMatch(/\n\s+at /);
  });

  it('builds output/tei/<source basename>.xml and edition.xml from the default sources', () => {
    const out = tempDir();
    const r = recto(['build', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    // every registered format by default: the TEI master (6 files) and the HTML edition
    expect(r.stderr).toMatch(/5 documents, \d+ files, [\d.]+ s; \d+ warnings/);
    expect(existsSync(join(out, 'html', 'index.html'))).toBe(true);
    // the HTML index offers the TEI, the EPUB and the PDF, and each link leads to a file inside the site
    const index = readFileSync(join(out, 'html', 'index.html'), 'utf8');
    for (const href of [
      'downloads/edition.xml',
      'downloads/soviet-conduct.epub',
      'downloads/soviet-conduct.pdf',
    ]) {
      expect(index).toContain(`href="${href}"`);
      expect(existsSync(join(out, 'html', href)), href).toBe(true);
    }
    expect(readdirSync(join(out, 'tei')).sort()).toEqual([
      '000_048167f9c0b3e719.xml',
      '001_39edde1195e6049d.xml',
      '002_c4af6ddfc8abae36.xml',
      '003_60cacaa50c9c7620.xml',
      '004_6169f971afa7be48.xml',
      'edition.xml',
    ]);
    const edition = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8');
    expect(edition).toContain('<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"');
    expect(edition).toContain('<title type="main">The Sources of Soviet Conduct</title>');
    expect(edition).toContain('<text type="introduction">');
  });

  it('gives byte-identical TEI for the same input, and honours SOURCE_DATE_EPOCH', () => {
    const sources = tempDir();
    for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.txt')))
      cpSync(join(SEEDS, f), join(sources, f));
    const [a, b] = [tempDir(), tempDir()];
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    expect(recto(['build', '--sources', sources, '--out', a, '--quiet'], { env }).status).toBe(0);
    expect(recto(['build', '--sources', sources, '--out', b, '--quiet'], { env }).status).toBe(0);
    expect(hashTree(join(a, 'tei'))).toEqual(hashTree(join(b, 'tei')));
    expect(readFileSync(join(a, 'tei', 'edition.xml'), 'utf8')).toContain(
      '<date when="2023-11-14">2023-11-14</date>',
    );
  });

  it('builds a folder without edition.json: every .txt in name order with default metadata', () => {
    const sources = tempDir();
    writeFileSync(join(sources, 'b.txt'), 'Second Letter\n\nText two.');
    writeFileSync(join(sources, 'a.txt'), 'First Letter\n\nText one.');
    const out = tempDir();
    expect(recto(['build', '--sources', sources, '--out', out, '--quiet']).status).toBe(0);
    const edition = readFileSync(join(out, 'tei', 'edition.xml'), 'utf8');
    expect(edition.indexOf('First Letter')).toBeLessThan(edition.indexOf('Second Letter'));
  });

  it('reports manifest errors with their JSON path and position (exit 1)', () => {
    const sources = tempDir();
    writeFileSync(join(sources, 'a.txt'), 'A Letter\n\nText.');
    writeFileSync(
      join(sources, 'edition.json'),
      JSON.stringify(
        {
          id: 'x',
          title: 'T',
          editor: 'E',
          licence: 'L',
          language: 'en',
          documents: [{ file: 'a.txt', titel: 'typo' }],
        },
        null,
        2,
      ),
    );
    const r = recto(['build', '--sources', sources, '--out', tempDir()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /edition\.json:1:1: error \[manifest-missing-field\] publisher: required field is missing/,
    );
    expect(r.stderr).toMatch(
      /edition\.json:\d+:\d+: error \[manifest-unknown-field\] documents\[0\]\.titel: unknown field/,
    );
  });

  it('prints diagnostics as JSON lines with --json', () => {
    const r = recto(['--json', 'normalize', 'sources/002_c4af6ddfc8abae36.txt']);
    expect(r.status).toBe(0);
    const lines = r.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ line: 135, column: 9, severity: 'warning', ruleId: 'ocr-suspect' });
  });

  it('validate: exit 0 for valid TEI; exit 1 with jing’s file:line:col messages for invalid TEI', () => {
    const dir = tempDir();
    const good = join(dir, 'good.xml');
    writeFileSync(good, recto(['normalize', 'sources/001_39edde1195e6049d.txt']).stdout);
    expect(recto(['validate', good]).status).toBe(0);
    const bad = join(dir, 'bad.xml');
    writeFileSync(
      bad,
      '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p><foo/></p></body></text></TEI>\n',
    );
    const r = recto(['validate', good, bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /bad\.xml:2:\d+: error: element "text" not allowed yet; missing required element "teiHeader"/,
    );
    expect(r.stderr).toMatch(/bad\.xml:2:\d+: error: element "foo" not allowed anywhere/);
  });

  it('text: refuses XML with entity declarations, reports not-well-formed XML with line:col', () => {
    const dir = tempDir();
    const xxe = join(dir, 'xxe.xml');
    writeFileSync(
      xxe,
      '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI>&x;</TEI>',
    );
    const r1 = recto(['text', xxe]);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain('[xml-entity-declaration]');
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<p>unclosed</text></TEI>');
    const r2 = recto(['text', broken]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/broken\.xml:3:\d+: error \[xml-not-well-formed\]/);
    const notTei = join(dir, 'html.xml');
    writeFileSync(notTei, '<html><body/></html>');
    expect(recto(['text', notTei]).stderr).toContain('[tei-root] the root element is <html>');
  });
});
