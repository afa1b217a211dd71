import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../fs/write-if-changed.ts';
import type { Fragment, Word } from './words.ts';

/**
 * Knuth–Plass line breaks kept from one build to the next. A paragraph's breaks depend only on its
 * words as measured (text, face, size, advance widths, which words may break inside), the word
 * space and the line widths, so they are keyed by a hash of those (a width through the text, face
 * and size it is measured from, under the fonts `version` holds): a paragraph an edit did
 * not touch is not broken again, and an edited one has a new key (no stale entry can be hit). The
 * code and the fonts are in `version` (the PDF stage's fingerprint and the edition's style): a new
 * Recto or another look starts the file afresh. Only the breaks are kept, not the lines: the words
 * are measured again (cheap, cached per font) and cut where the breaks say, so a line comes out as
 * the breaker would have made it.
 *
 * The file is `output/.cache/pdf/breaks.json`, beside the build's other cache entries (never
 * published: nothing under `.cache/` is in `.written.json`'s formats). It holds the breaks this
 * build used and no other, so it does not grow with edits.
 */

/**
 * A run's lines, five numbers each: the first word and the offset its line starts at inside it
 * (0: the whole word), the last word, the offset its line ends at (-1: a word with no break points,
 * whole), and 1 where a hyphen is added at that end.
 */
export type BreakPlan = number[];

interface BreakFile {
  version: string;
  breaks: Record<string, BreakPlan>;
}

export class BreakCache {
  private readonly known: Map<string, BreakPlan>;
  private readonly used = new Map<string, BreakPlan>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
    known: Map<string, BreakPlan>,
  ) {
    this.known = known;
  }

  /** A cache kept in `dir` (read now, written by `save`), or, without a folder, for this book alone. */
  static open(dir: string | undefined, version: string): BreakCache {
    const known = new Map<string, BreakPlan>();
    const file = dir ? join(dir, 'pdf', 'breaks.json') : undefined;
    if (file) {
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as BreakFile;
        if (stored.version === version)
          for (const [key, plan] of Object.entries(stored.breaks))
            if (Array.isArray(plan)) known.set(key, plan);
      } catch {
        // none yet, or unreadable: every paragraph is broken anew
      }
    }
    return new BreakCache(file, version, known);
  }

  get(key: string): BreakPlan | undefined {
    const plan = this.used.get(key) ?? this.known.get(key);
    if (plan) {
      this.hits++;
      this.used.set(key, plan);
    } else this.misses++;
    return plan;
  }

  set(key: string, plan: BreakPlan): void {
    this.used.set(key, plan);
  }

  /** Writes the breaks this book used (keys sorted: the same book writes the same file). */
  async save(): Promise<void> {
    if (!this.file) return;
    const breaks: Record<string, BreakPlan> = {};
    for (const key of [...this.used.keys()].sort()) breaks[key] = this.used.get(key) as BreakPlan;
    await writeIfChanged(this.file, JSON.stringify({ version: this.version, breaks } satisfies BreakFile));
  }
}

/** The breaks in force while a book is laid out (a thread lays out one book at a time). */
let current: BreakCache | undefined;

export function useBreakCache(cache: BreakCache | undefined): void {
  current = cache;
}

export const breakCache = (): BreakCache | undefined => current;

/**
 * The key of a run of words as the breaker sees it: every fragment's face, size, rise and text,
 * whether the word can break inside (one plain fragment, no note), the space, the measure and the
 * widths of the first lines. Unit and record separators keep fields from running together; a
 * fragment set like the one before it (face, size and rise: most of a paragraph) writes U+001D
 * for the three, and a page-number slot is marked U+001C (none of these controls can be in XML
 * text, so the key reads back one way: the `p` that marked a slot before could be a word). A
 * fragment's advance width is not written: it is a function of its text, face and size under the
 * fonts and the code, which `version` holds (writing a width out as decimal digits, a million
 * times a book, was most of the key's cost).
 */
export function runKey(
  list: Word[],
  space: number,
  size: number,
  width: (line: number) => number,
  measure: number,
): string {
  let key = `${space}\u001f${size}\u001f${width(0)}\u001f${width(1)}\u001f${measure}`;
  let last: Fragment | undefined;
  for (const w of list) {
    key += w.notes.length ? '\u001en' : '\u001ew';
    for (const f of w.fragments) {
      const same = last !== undefined && f.face === last.face && f.size === last.size && f.rise === last.rise;
      key += same ? '\u001f\u001d' : `\u001f${f.face}\u001f${f.size}\u001f${f.rise}\u001f`;
      key += f.pageref ? `\u001c${f.text}` : f.text; // (a page-number slot: its width is not its text's)
      last = f;
    }
  }
  return createHash('sha256').update(key).digest('base64url');
}
