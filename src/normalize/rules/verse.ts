import type { BlockRule } from '../blocks.ts';
import type { Line } from '../lines.ts';
import { spanOf } from '../spans.ts';
import { hardWrapJoins } from './hard-wrap.ts';

/**
 * Rule `verse`: a stanza — a run of short lines, each beginning with a capital as verse lines do,
 * of several words, that is no wrapped prose and no list — is a line group (`lg`, a line `l`
 * each). Indented, it is verse quoted in prose (a stanza in a letter): `quote/lg`, in any
 * document. Not indented, it is verse only in a document that is verse (family `verse`: three
 * stanzas or more), so a list of names or short lines in a memorandum stays a list.
 */
const LIST_LINE = /^(?:[-•*] |\(?\w{1,3}[.)] )/;

/** Words a verse line seldom ends on, and a title page's or a contents list's lines often do. */
const FUNCTION_WORD = /\b(?:the|a|an|of|and|to|in|that|with|for|by|from|or|at|as|on)$/i;

export function isStanza(texts: string[]): boolean {
  const lines = texts.map((t) => t.trim());
  if (lines.length < 2 || lines.some((l) => l.length < 2 || l.length > 75 || LIST_LINE.test(l))) return false;
  // not a contents list, an index, a dateline or a title page: no page numbers or years, no word
  // broken at the line end, no lines in capitals
  if (lines.some((l) => /\d\d/.test(l) || /\p{L}-$/u.test(l))) return false;
  if (lines.filter((l) => /\p{Lu}{3}/u.test(l) && l === l.toUpperCase()).length * 2 >= lines.length)
    return false;
  const capitalized = lines.filter((l) => /^[\p{P}\s]*\p{Lu}/u.test(l)).length;
  const words = lines.map((l) => l.split(/\s+/).length);
  const average = words.reduce((a, b) => a + b, 0) / lines.length;
  if (capitalized / lines.length < 0.75 || average < 2.5 || Math.max(...words) > 14) return false;
  if (lines.filter((l) => FUNCTION_WORD.test(l.replace(/[\p{P}]+$/u, ''))).length > lines.length * 0.2)
    return false;
  return hardWrapJoins(lines) === null;
}

const indented = (run: Line[]): boolean => run.every((l) => /^\s/.test(l.text));

/** Stanzas in a text, not indented ones too: how a verse document shows itself. */
export function stanzaCount(lines: Line[]): number {
  let count = 0;
  let run: Line[] = [];
  const end = (): void => {
    if (isStanza(run.map((l) => l.text))) count++;
    run = [];
  };
  for (const line of lines) {
    if (line.text.trim() === '') end();
    else run.push(line);
  }
  end();
  return count;
}

function verseRule(quoted: boolean): BlockRule {
  return {
    id: 'verse',
    family: quoted ? 'generic' : 'verse',
    parse(run) {
      if (quoted !== indented(run) || !isStanza(run.map((l) => l.text))) return null;
      return { blocks: [{ kind: 'verse', lines: run.map((l) => spanOf(l)), quoted }], lines: run.length };
    },
  };
}

/** An indented stanza, in any document: verse quoted in prose. */
export const quotedVerse = verseRule(true);
/** A stanza of a verse document. */
export const verse = verseRule(false);
