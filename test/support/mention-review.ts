import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MentionScore } from './mention-score.ts';

/**
 * A reviewer's reading of the mentions we tag beyond a volume's own tags
 * (`test/fixtures/register/<volume>.adjudication.json`): each judged right (the person is meant)
 * or wrong in its context. A volume that leaves true mentions untagged counts every correct tag of
 * ours there as a false one; with the review, a tag the reviewer found right counts as right, and
 * a tag no one reviewed counts as wrong — so a new over-tagging fails the check until someone has
 * read it.
 */
interface Reviewed {
  file: string;
  id: string;
  form: string;
  before: string;
  right: boolean;
  why?: string;
}

const REVIEWS = join(import.meta.dirname, '../fixtures/register');

export function reviewOf(volume: string): Reviewed[] | undefined {
  const file = join(REVIEWS, `${volume}.adjudication.json`);
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { mentions: Reviewed[] }).mentions;
}

/** The last 50 letters before a mention, spaces left out: how a reviewed mention is found again. */
const key = (file: string, id: string, form: string, before: string): string =>
  `${file} ${id} ${form} ${before.replace(/\s+/g, '').slice(-50)}`;

export interface ReviewedScore {
  precision: number;
  extra: number; // mentions beyond the volume's
  right: number; // of them, judged right
  wrong: number; // judged wrong
  unreviewed: number; // not in the review: counted wrong
}

export function reviewedScore(score: MentionScore, review: Reviewed[]): ReviewedScore {
  const verdicts = new Map(review.map((r) => [key(r.file, r.id, r.form, r.before), r.right]));
  let correct = score.correct;
  let extra = 0;
  let right = 0;
  let wrong = 0;
  let unreviewed = 0;
  for (const w of score.worst) {
    if (w.tagged <= w.truth) continue;
    extra += w.tagged - w.truth;
    let judgedRight = 0;
    for (const m of w.ours) {
      const verdict = verdicts.get(key(w.file, w.id, m.form, m.before));
      if (verdict === true) judgedRight++;
      else if (verdict === false) wrong++;
      else unreviewed++;
    }
    // The volume's own tags are among ours; what the reviewer found right beyond them counts.
    const extraRight = Math.min(w.tagged, Math.max(w.truth, judgedRight)) - w.truth;
    right += extraRight;
    correct += extraRight;
  }
  return { precision: score.tagged ? correct / score.tagged : 1, extra, right, wrong, unreviewed };
}
