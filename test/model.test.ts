import { describe, expect, it } from 'vitest';
import { editionModel } from '../src/model/edition.ts';
import { BLOCK_TEXT, INLINE_TEXT, readingText, type TextSink } from '../src/model/reading-text.ts';
import type { BlockRules, InlineRules } from '../src/model/types.ts';
import { forEachNode } from '../src/model/walk.ts';
import { parseTei } from '../src/tei/read.ts';

/** The edition model: each editorial meaning decided once, and writers that cannot forget a kind. */
const tei = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
<text><body>${body}</body></text></TEI>`;

const model = (body: string) => editionModel(parseTei(tei(body), 'test.xml'));

describe('the edition model', () => {
  it('reads as the source edition prints: omissions with their words, corrections as `of [on]`, conjectures `[by?]`', () => {
    const m = model(`<div type="document" xml:id="d1"><head>A letter</head>
<p>Spoken of <choice><sic>of</sic><corr>on</corr></choice> the day <supplied reason="conjecture" cert="low">by</supplied> him;
<gap reason="editorial-omission"><desc>Here follows discussion of an unrelated matter.</desc></gap> The <choice><sic>IPRACTICAL</sic><corr type="editorial">PRACTICAL</corr></choice> end.</p>
<gap rend="dots"><desc>a row of dots</desc></gap></div>`);
    const doc = m.documents[0];
    expect(doc && readingText(doc.blocks).text).toBe(
      'A letter Spoken of of [on] the day [by?] him; [Here follows discussion of an unrelated matter.] The PRACTICAL end. . . . . . . .',
    );
  });

  it('keeps the notes on a volume division’s head, before its first document', () => {
    const m =
      model(`<div type="chapter"><head>Berlin<note n="1" xml:id="ch1fn1">For previous documentation, see volume VII.</note></head>
<div type="document" xml:id="d1"><head>1. Telegram</head><p>Text.</p></div>
<div type="document" xml:id="d2"><head>2. Memorandum</head><p>More.</p></div></div>`);
    expect(m.documents.map((d) => d.id)).toEqual(['d1', 'd2']);
    const first = readingText(m.documents[0]?.blocks ?? []);
    expect(first.text).toBe('Berlin1 1. Telegram Text.');
    expect(first.notes).toEqual(['1 For previous documentation, see volume VII.']);
  });

  it('splits a paragraph around a list, and keeps a list inside a note as blocks', () => {
    const m = model(
      `<div type="document" xml:id="d1"><head>H</head><p>Before<note n="3"><p>Note:</p><list><item>one</item><item>two</item></list></note> the list: <list rend="dash"><item>a</item><item>b</item></list> after it.</p></div>`,
    );
    const blocks = m.documents[0]?.blocks ?? [];
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'paragraph']);
    expect(blocks[3]).toMatchObject({ kind: 'paragraph', continued: true });
    let noteBody: string[] = [];
    forEachNode(blocks, (n) => {
      if (n.kind === 'footnote') noteBody = n.body.map((b) => b.kind);
    });
    expect(noteBody).toEqual(['paragraph', 'list']);
    expect(readingText(blocks).text).toBe('H Before3 the list: – a – b after it.');
  });

  it('keeps an element it does not know, with its name, its text and where it stands', () => {
    const m = model(`<div type="document" xml:id="d1"><head>H</head>
<p>One <mystery>kept</mystery> and <mystery>again</mystery>.</p></div>`);
    expect(m.unknown).toEqual([{ name: 'mystery', at: { line: 4, column: 8 }, count: 2 }]);
    expect(readingText(m.documents[0]?.blocks ?? []).text).toBe('H One kept and again.');
  });

  it('gives titles as display text, without the round-trip writer’s marks or note labels', () => {
    const m = model(
      `<div type="chapter"><head>Part</head><div type="document" xml:id="d1"><head>On <hi rend="italic">Pravda</hi> and <choice><sic>of</sic><corr>on</corr></choice> it<note n="1">A note.</note></head><p>Text.</p></div></div>`,
    );
    expect(m.documents[0]?.title).toBe('On Pravda and of [on] it');
  });

  it('gives a document with no head its title from the header', () => {
    const m = model(`<div type="document" xml:id="d1"><p>Text only.</p></div>`);
    expect(m.documents[0]?.blocks[0]).toMatchObject({ kind: 'heading', role: 'title' });
  });

  it('rejects, at compile time, a writer that lacks a kind', () => {
    const { gap: _gap, ...withoutGap } = INLINE_TEXT;
    // @ts-expect-error an inline writer without `gap` is not an InlineRules
    const inline: InlineRules<TextSink, string> = withoutGap;
    const { table: _table, ...withoutTable } = BLOCK_TEXT;
    // @ts-expect-error a block writer without `table` is not a BlockRules
    const block: BlockRules<TextSink, string> = withoutTable;
    // and the complete tables are accepted (a compile-time check too: tsc runs over the tests)
    const complete: [InlineRules<TextSink, string>, BlockRules<TextSink, string>] = [INLINE_TEXT, BLOCK_TEXT];
    expect(Object.keys(complete[0])).toContain('gap');
    expect(Object.keys(complete[1])).toContain('table');
    expect(Object.keys(inline)).not.toContain('gap');
    expect(Object.keys(block)).not.toContain('table');
  });
});
