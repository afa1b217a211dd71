import { isStanza } from './verse.ts';

/** A line that ends a sentence (its stop, then any closing quotation mark or bracket). */
const SENTENCE_END = /[.!?][)\]"'’”]*$/;
/** A line that begins with a capital (after an opening quotation mark or bracket). */
const CAPITAL = /^[\p{P}\s]*\p{Lu}/u;

/**
 * Verse a note quotes, set under its label as a block (rule `note-block`: `[8]`, then `For between
 * the view` / `Of pain, and pain itself, I never knew` / `A distance lie.` and the source's title):
 * how many of its first lines are a stanza, or 0. Its lines break its first sentence, each going on
 * with a capital as a verse line does and a prose line seldom does, three lines or more, up to the
 * line that ends the sentence; what follows (the source, the translator's word) stays prose.
 */
export function noteVerse(texts: string[]): number {
  let k = 1;
  while (k < texts.length && !SENTENCE_END.test((texts[k - 1] ?? '').trim()) && CAPITAL.test(texts[k] ?? ''))
    k++;
  const run = texts.slice(0, k);
  const ended = k === texts.length || SENTENCE_END.test((texts[k - 1] ?? '').trim());
  return k >= 3 && ended && isStanza(run) ? k : 0;
}
