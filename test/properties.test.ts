import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { documentText } from '../src/normalize/unparse.ts';
import { documentPage } from '../src/render/html/pages.ts';
import { validateTei } from '../src/tei/validate.ts';
import { firstDifference } from './support/lossless.ts';
import { foreignMarkup } from './support/markup.ts';
import { normalizeText } from './support/normalize.ts';
import { tempDir } from './support/run.ts';

/**
 * Hostile input, generated: every convention mixed with odd Unicode. For every case the normalizer
 * must not throw and must write well-formed XML (read back by the parser) and valid TEI (all cases
 * checked with jing in one run); `recto text` must give back the characters of the source file;
 * and the document's HTML page must hold no markup Recto did not write.
 */
const piece = fc.oneof(
  fc.constantFrom(
    '[Page 225]',
    '[Page abc]',
    '[Page',
    '[by?]',
    'of [on]',
    '[apparent omission]',
    '[1 line of source text not declassified]',
    '. . . . . . .',
    '**bold**',
    '*it*',
    '<http://x.org/?a=1&b=2>',
    'France.47',
    'Paper1',
    '19558',
    '[',
    ']',
    '&amp;',
    '<script>alert(1)</script>',
    '"quoted"',
    '\u202Eright-to-left\u202C',
    'e\u0301',
    '\u200B',
    '𝔊𝔬𝔱𝔥𝔦𝔠',
    '\u0000',
    '\uD800',
    '\uFFFE',
    '\t',
    '\f',
    '\v',
    '\r\n',
    '\u00a0',
    '- item',
    '  1. a note',
    '- a note↩',
    'PART 1: A HEADING IN CAPITALS HERE',
    'Respectfully yours,',
    'KENNAN',
    'Source: Department of State',
    '761.00/260',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const line = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(' '));
const source = fc.array(fc.oneof(line, fc.constant('')), { maxLength: 30 }).map((lines) => lines.join('\n'));

/**
 * A new seed every run (printed, so a failure can be replayed with FUZZ_SEED=…): each CI run tries
 * other cases than the last.
 */
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('hostile sources (fast-check)', () => {
  // 500 cases in the normal run; `npm run fuzz` runs 10,000 (FUZZ_RUNS).
  const runs = Number(process.env.FUZZ_RUNS ?? 500);
  it(`never crash; give valid TEI P5 (${runs} cases, every one checked with jing), the source back, safe HTML`, async () => {
    const dir = tempDir();
    const sampled: string[] = [];
    let k = 0;
    console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`);
    fc.assert(
      fc.property(source, (text) => {
        const result = normalizeText(text, 'hostile.txt'); // parses the XML back: throws if not well-formed
        expect(result.read.name).toBe('TEI');
        // The file holds UTF-8: a lone surrogate in the generated string was written as U+FFFD.
        const file = new TextDecoder().decode(new TextEncoder().encode(text));
        expect(firstDifference(file, documentText(result.read))).toBeNull();
        const page = documentPage(editionModel(result.read), 0, new Map()).html;
        expect(foreignMarkup(page)).toEqual([]);
        const path = join(dir, `case-${k}.xml`);
        writeFileSync(path, result.xml);
        sampled.push(path);
        k++;
      }),
      // cases a random seed once found, tried on every run: an indented dash list's marker
      // (seed 1631895754: `- ` after a vertical tab was printed twice and the tab lost)
      { numRuns: runs, seed, examples: [['\u000b - item\n- a note↩ [Page 225]']] },
    );
    console.log(
      `fuzz: ${k} hostile sources normalized: all well-formed, all round-tripped, all HTML pages clean; ${sampled.length} validated with jing`,
    );
    // one jing run for all of them (a JVM start per file would take minutes)
    const validation = await validateTei(sampled);
    expect(validation.messages.slice(0, 5)).toEqual([]);
  });

  it('the markup check finds what it looks for (so the property above can fail)', () => {
    expect(foreignMarkup('<p>a <script>alert(1)</script></p>')).toContain('inline script');
    expect(foreignMarkup('<p>a <iframe src="x"></iframe></p>')).toContain('element <iframe>');
    expect(foreignMarkup('<p onclick="steal()">a</p>')).toContain('attribute onclick on <p>');
    expect(foreignMarkup('<a href="javascript:steal()">a</a>')[0]).toMatch(/^script URL/);
    expect(foreignMarkup('<p>1 < 2</p>')[0]).toMatch(/^unescaped </);
    expect(foreignMarkup('<p class="x">a &lt;b&gt;</p>')).toEqual([]);
  });

  it('thousands of notes, numbered oddly (gaps, repeats, offsets), round-trip and stay valid (20 cases)', async () => {
    const dir = tempDir();
    const files: string[] = [];
    const notes = fc.array(fc.constantFrom(1, 1, 1, 1, 2, 0, 47), { minLength: 1000, maxLength: 3000 });
    fc.assert(
      fc.property(notes, fc.boolean(), (steps, glued) => {
        let n = 0;
        const labels = steps.map((step) => (n += step));
        const body = labels.map((label, k) => `Point ${k}${glued ? '.' : ' word'}${label} more text.`);
        const list = labels.map((label) => `  ${label}. Note number ${label}.`);
        const text = `A Letter With Many Notes\n\n${body.join(' ')}\n\n${list.join('\n')}`;
        const result = normalizeText(text, 'notes.txt');
        expect(firstDifference(text, documentText(result.read))).toBeNull();
        const path = join(dir, `notes-${files.length}.xml`);
        writeFileSync(path, result.xml);
        files.push(path);
      }),
      { numRuns: 20, seed: 4711, endOnFailure: true },
    );
    const validation = await validateTei(files);
    expect(validation.messages.slice(0, 5)).toEqual([]);
  });

  it('sources made of the conventions round-trip through `recto text` (300 cases)', () => {
    const word = fc.constantFrom(
      'alpha',
      'beta',
      'Gamma',
      'delta.',
      'epsilon,',
      'the',
      'of',
      '1930’s',
      'Feb. 3',
      'No. 730',
    );
    const marker = fc.constantFrom(
      '[Page 12]',
      '[by?]',
      'of [on]',
      '[apparent omission]',
      '*italic*',
      '**bold**',
    );
    const paragraph = fc
      .array(fc.oneof(word, word, marker), { minLength: 3, maxLength: 25 })
      .map((ws) => ws.join(' '));
    const doc = fc
      .array(paragraph, { minLength: 1, maxLength: 8 })
      .map((ps) => `A Letter to the Secretary\n\n${ps.join('\n\n')}`);
    fc.assert(
      fc.property(doc, (text) => {
        const back = documentText(normalizeText(text).read);
        expect(firstDifference(text, back)).toBeNull();
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('pathological input: 60,000 brackets, 60,000 stars, 1 MB lines — fast, valid, round-tripped, safe HTML', async () => {
    const dir = tempDir();
    const files: string[] = [];
    for (const text of [
      '['.repeat(60_000),
      '*'.repeat(60_000),
      `${'word '.repeat(200_000)}.1\n\n  1. note`,
      `A Letter\n\n${'<script>x</script> [Page 7] France.4 '.repeat(30_000)}`,
    ]) {
      const started = performance.now();
      const result = normalizeText(text, 'pathological.txt');
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(firstDifference(text, documentText(result.read))).toBeNull();
      const page = documentPage(editionModel(result.read), 0, new Map()).html;
      expect(foreignMarkup(page)).toEqual([]);
      const path = join(dir, `pathological-${files.length}.xml`);
      writeFileSync(path, result.xml);
      files.push(path);
    }
    const validation = await validateTei(files);
    expect(validation.messages.slice(0, 5)).toEqual([]);
  });
});
