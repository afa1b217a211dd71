import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFromJson } from '../src/model/json.ts';
import { modelOf } from './support/model.ts';
import { recto, tempDir } from './support/run.ts';

/** `recto model FILE.xml [--json]`: the edition model of any TEI file, as an outline or as JSON. */
const TEI = `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>A Small Volume</title></titleStmt>
<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body><div type="chapter"><head>Berlin</head>
<div type="document" xml:id="d1" n="1"><head>1. Telegram<note type="source" n="1">Source: Central Files.</note></head>
<pb n="3" xml:id="pg_3"/><p>Spoken <choice><sic>of</sic><corr>on</corr></choice> the day<note n="2" xml:id="d1fn2">A note.</note>,
<mystery>kept</mystery>.</p></div>
<div type="document" xml:id="d2" n="2"><head>2. Memorandum</head><p>See <ref target="#pg_3">page 3</ref>.</p></div></div></body></text></TEI>
`;

function volume(): string {
  const file = join(tempDir(), 'volume.xml');
  writeFileSync(file, TEI);
  return file;
}

describe('recto model', () => {
  it('prints an outline: the edition, each document, a block a line with its text abridged', () => {
    const r = recto(['model', volume()]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 9)).toEqual([
      'edition #a-small-volume "A Small Volume": 2 documents, 0 register entries, 0 mentions',
      '  unknown element <mystery> ×1 at 7:1',
      'document 1/2 #d1 "1. Telegram" (no. 1; p. 3; Berlin)',
      '  heading division level 1 "Berlin"',
      '  heading title level 0 "1. Telegram"',
      '  sourceNote (1 line) "Source: Central Files."',
      '  pageBreak 3 #pg_3',
      '  paragraph "Spoken of [on] the day, kept." [correction, footnote, unknown]',
      '    footnote 2 #d1fn2',
    ]);
  });

  it('--json (before or after the command) prints the model, which reads back as the model', async () => {
    const file = volume();
    const model = await modelOf(file);
    for (const args of [
      ['model', file, '--json'],
      ['--json', 'model', file],
    ]) {
      const r = recto(args);
      expect(r.status, r.stderr).toBe(0);
      expect(modelFromJson(r.stdout, 'stdout')).toEqual(model);
    }
  });

  it('reports a bad file as the other commands do: file:line:col, exit 1, no stack', () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text>\n<p>unclosed</text></TEI>');
    const r = recto(['model', broken, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\S*broken\.xml:3:\d+: error \[xml-not-well-formed\] /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = recto(['model', join(dir, 'none.xml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/none\.xml: cannot read: ENOENT/);
    expect(recto(['model']).status).toBe(2);
    const help = recto(['model', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: recto model [options] <file>');
    expect(help.stdout).toContain('--json');
  });
});
