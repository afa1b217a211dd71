import { describe, expect, it } from 'vitest';
import { corpora } from './support/corpus-truth.ts';
import { reviewedScore, reviewOf } from './support/mention-review.ts';
import { type MentionScore, scoreCorpus } from './support/mention-score.ts';

/**
 * Issue #19, item 1: every corpus in `../shared/corpus/` normalized from its plain texts with the
 * volume's own list of persons (`list type="names"` in `volume.xml`) as the register; the tagged
 * mentions scored against the volume's `persName corresp`, document by document (how they are
 * counted: test/support/mention-score.ts). Targets: precision ≥ 0.97, recall ≥ 0.90.
 *
 * Recall is held to the target on every volume. Precision is held to it over all the volumes
 * together, and each volume to a floor of 0.85: the 1964–68 Iran volume leaves many plain
 * mentions of its listed persons untagged (`President Johnson` 43 times against 59 tagged,
 * `Undersecretary Rostow`, `Mr. Samii` in telegrams), so a correct tag there often counts as a
 * false one — 0.87 against that volume. Every one of our mentions beyond the volume's there was
 * read in context and judged (test/fixtures/register/frus1964-68v22.adjudication.json): against
 * the volume and that review, precision is held to the 0.97 target; a mention no one has read
 * counts as wrong. The test prints every figure.
 */
const found = corpora();
const scores: { name: string; score: MentionScore }[] = [];

describe('person mentions against the volumes’ own tags', () => {
  it('finds the shared corpora', () => {
    expect(found.map((c) => c.name)).toContain('frus1958-60v08');
  });

  for (const corpus of found) {
    it(`${corpus.name}: recall ≥ 0.90, precision ≥ 0.85 (≥ 0.97 where reviewed)`, () => {
      const score = scoreCorpus(corpus.dir);
      const persons = score.register.entries.length;
      console.log(
        `mentions ${corpus.name}: ${persons} persons, ${score.documents} documents; volume ${score.truth}, tagged ${score.tagged}, correct ${score.correct}; precision ${score.precision.toFixed(4)}, recall ${score.recall.toFixed(4)}; left untagged as ambiguous ${score.ambiguous}`,
      );
      if (persons === 0) return; // a volume without a list of persons has nothing to score
      scores.push({ name: corpus.name, score });
      expect(score.recall).toBeGreaterThanOrEqual(0.9);
      expect(score.precision).toBeGreaterThanOrEqual(0.85);
      const review = reviewOf(corpus.name);
      if (review) {
        const r = reviewedScore(score, review);
        console.log(
          `mentions ${corpus.name}, with the review: ${r.extra} beyond the volume's tags, ${r.right} judged right, ${r.wrong} wrong, ${r.unreviewed} not reviewed; precision ${r.precision.toFixed(4)}`,
        );
        expect(r.precision).toBeGreaterThanOrEqual(0.97);
      }
    }, 120_000);
  }

  it('all volumes together: precision ≥ 0.97, recall ≥ 0.90', () => {
    const sum = (f: (s: MentionScore) => number): number => scores.reduce((n, s) => n + f(s.score), 0);
    const tagged = sum((s) => s.tagged);
    const truth = sum((s) => s.truth);
    const correct = sum((s) => s.correct);
    console.log(
      `mentions, all ${scores.length} volumes: volume ${truth}, tagged ${tagged}, correct ${correct}; precision ${(correct / tagged).toFixed(4)}, recall ${(correct / truth).toFixed(4)}`,
    );
    expect(scores.length).toBeGreaterThan(0);
    expect(correct / tagged).toBeGreaterThanOrEqual(0.97);
    expect(correct / truth).toBeGreaterThanOrEqual(0.9);
  });
});
