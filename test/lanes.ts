/**
 * The test lanes: vitest projects (vitest.config.ts). `npm test` runs them all; each runs on its own
 * with `npm run test:unit`, `test:integration`, `test:corpus`.
 *
 * - `unit`: in process only — no child process (the CLI, jing, poppler, EPUBCheck), no JVM, no
 *   browser; seconds in all. The lane to run while working. Its setup (support/unit-lane.ts) makes
 *   starting a process an error, so a file that needs one cannot stay here.
 * - `corpus`: what runs over the shared corpora (`../shared/corpus`: their plain texts, truth files
 *   and official `volume.xml`) and the two real-copy sets (test/fixtures/real, test/fixtures/publishers).
 * - `timed`: what times the pages on this machine's CPU (Lighthouse's performance score): run after
 *   the other lanes, alone, so the CPU it times is not shared with twenty other test files (CI's
 *   median of three was 89 with the other lanes beside it, 98 alone on the same tree).
 * - `integration`: every other file — the CLI, jing, EPUBCheck, poppler, qpdf and Chromium on the
 *   seeds and small inputs. A new test file lands here until it is listed in another lane.
 *
 * A file that mixes quick in-process checks with slow tool runs is in the slower lane.
 */
export const UNIT_LANE = [
  'test/architecture.test.ts',
  'test/cluster-text.test.ts',
  'test/collection-register-search.test.ts',
  'test/collection.test.ts',
  'test/corpus-parse.test.ts',
  'test/edition-diagnostics.test.ts',
  'test/epub-cover-cache.test.ts',
  'test/fingerprint.test.ts',
  'test/html-update.test.ts',
  'test/knuth-plass.test.ts',
  'test/lanes.test.ts',
  'test/model-elements.test.ts',
  'test/model.test.ts',
  'test/pdf-layout.test.ts',
  'test/pdf-page-details.test.ts',
  'test/page-run.test.ts',
  'test/provenance-agents.test.ts',
  'test/search-postings.test.ts',
  'test/shard-auto.test.ts',
  'test/shared-corpora.test.ts',
  'test/watch.test.ts',
  'test/writers.test.ts',
];

export const CORPUS_LANE = [
  'test/collection-search.test.ts',
  'test/corpus.test.ts',
  'test/equivalence.test.ts',
  'test/frus-volume.test.ts',
  'test/locator-audit.test.ts',
  'test/model-json.test.ts',
  'test/pdf-layout-report.test.ts',
  'test/pdf-links.test.ts',
  'test/pdf-table.test.ts',
  'test/provenance-header.test.ts',
  'test/publishers.test.ts',
  'test/reader-pointers.test.ts',
  'test/reading-phone.test.ts',
  'test/real-copies.test.ts',
  'test/register-corpus.test.ts',
  'test/register-formats.test.ts',
  'test/search-quality.test.ts',
  'test/site-links.test.ts',
  'test/slurm.test.ts',
  'test/volume-renditions.test.ts',
  'test/volumes-epubcheck.test.ts',
  'test/volumes-figures.test.ts',
];

export const TIMED_LANE = ['test/lighthouse.test.ts'];
