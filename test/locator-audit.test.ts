import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Audit,
  auditBetweenBreaks,
  auditEpub,
  auditPdf,
  auditSite,
  newAudit,
} from './support/locator-audit.ts';
import { builtSources, renderedVolume } from './support/render-cache.ts';
import { ROOT, type Run, recto, SEEDS, tempDir } from './support/run.ts';
import { sharedCorpora } from './support/shared.ts';

/**
 * Issue #26's locator audit: over the seeds, every shared corpus (built from its plain texts, and
 * rendered from its official volume.xml) and the example course reader, every page number the
 * edition prints — the PDF's index of names, its contents, a volume index's references and
 * see-references, the HTML register and cross-references, the EPUB index, the search results,
 * "Cite this" — is checked against the page text (pdftotext of that PDF page; the page-break
 * anchors of the HTML page or EPUB chapter it links to): 0 wrong. support/locator-audit.ts says
 * what "right" is for each. The counts are printed.
 *
 * What it costs: the builds. A corpus built from its texts has no register (no index, no EPUB
 * index): its HTML is audited (search results, citations), and its PDF's contents are checked by
 * pdf-links.test.ts, which builds it already; the official volumes are rendered in all three
 * formats (their index, register and cross-references are here), the render the other tests of the
 * official volumes read too, made once per test run (support/render-cache.ts).
 */
interface Book {
  label: string;
  /** Every mention of a name tagged (the seeds): the PDF index must list every page that prints it. */
  complete?: boolean;
  /** Builds it: what the command said, and the output folder. */
  make: () => Promise<Run & { out: string }>;
  /** What it builds (none: not built). */
  files: (out: string) => { site?: string; epub?: string; pdf?: string; master: string };
  /** Built from a volume's plain texts: the volume.xml that says where its documents without page breaks stand. */
  volume?: string;
}

/** A build of the test's own, into a fresh folder. */
const own = (command: (out: string) => Run) => async (): Promise<Run & { out: string }> => {
  const out = tempDir();
  return { ...command(out), out };
};
const built = (id: string) => (out: string) => ({
  site: join(out, 'html'),
  epub: join(out, `${id}.epub`),
  pdf: join(out, `${id}.pdf`),
  master: join(out, 'tei', 'edition.xml'),
});

const books: Book[] = [
  {
    label: 'the seeds',
    complete: true,
    make: () => builtSources(SEEDS), // (every format: the build equivalence reads, once per run)
    files: built('soviet-conduct'),
  },
  {
    // (the A5 trim lays the book out on other pages: issue #26 found page 33 left out of `Stalin`)
    label: 'the seeds, A5',
    complete: true,
    make: own((out) =>
      recto(['build', '--out', out, '--formats', 'tei,pdf', '--quiet'], { env: { RECTO_PDF_TRIM: 'A5' } }),
    ),
    files: (out) => ({ pdf: built('soviet-conduct')(out).pdf, master: built('soviet-conduct')(out).master }),
  },
  ...sharedCorpora(['volume.xml']).flatMap(({ name, dir }): Book[] => [
    {
      label: `${name} from its texts`,
      // (every format: the build equivalence reads, once per run; its HTML and TEI are audited)
      make: () => builtSources(dir),
      // (an edition built from a folder without edition.json is named after the folder)
      files: (out) => ({ site: built(name)(out).site, master: built(name)(out).master }),
      volume: join(dir, 'volume.xml'),
    },
    {
      label: `${name} from its volume.xml`,
      // (html, epub and pdf: the render the other tests of the official volumes read, once per run)
      make: () => renderedVolume(join(dir, 'volume.xml')),
      files: (out) => ({ ...built(name)(out), master: join(dir, 'volume.xml') }),
    },
  ]),
  {
    label: 'the example course reader',
    make: own((out) =>
      recto(['reader', join(ROOT, 'examples/containment-reader/reader.json'), '--out', out]),
    ),
    files: built('containment-reader'),
  },
];

describe('the locator audit', () => {
  const total = newAudit();
  const print = (label: string, audit: Audit): void => {
    const counts = Object.entries(audit.checked)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    console.log(
      `locators, ${label}: ${counts}; ${audit.wrong.length} wrong\n${audit.wrong.slice(0, 20).join('\n')}`,
    );
  };

  for (const book of books)
    it(`every page number printed for ${book.label} is the page the words are on`, async () => {
      const r = await book.make();
      expect(r.status, r.stderr).toBe(0);
      const { site, epub, pdf, master } = book.files(r.out);
      const audit = newAudit();
      if (site) auditSite(site, audit, book.label);
      if (site && book.volume) auditBetweenBreaks(site, book.volume, audit, book.label);
      if (site && epub) auditEpub(epub, site, audit, book.label);
      if (pdf) await auditPdf(pdf, master, audit, book.label, { complete: book.complete });
      print(book.label, audit);
      for (const [kind, n] of Object.entries(audit.checked))
        total.checked[kind] = (total.checked[kind] ?? 0) + n;
      total.wrong.push(...audit.wrong);
      // every kind of locator the book prints was found and read (none skipped unread)
      if (site) expect(audit.checked['search results'] ?? 0).toBeGreaterThan(0);
      if (pdf) expect(audit.checked['PDF contents'] ?? 0).toBeGreaterThan(0);
      if (book.volume)
        expect(audit.checked['citations (no page break: against volume.xml)'] ?? 0).toBeGreaterThan(0);
      expect(audit.wrong).toEqual([]);
    }, 900_000);

  it('prints the counts of the whole audit', () => {
    print('in all', total);
    expect(total.checked['HTML register'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['EPUB index'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['PDF index'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['PDF cross-references'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['PDF see-references'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['PDF index (pages listed)'] ?? 0).toBeGreaterThan(0);
    expect(total.checked['HTML cross-references'] ?? 0).toBeGreaterThan(0);
    expect(total.checked.citations ?? 0).toBeGreaterThan(0);
    expect(total.wrong).toEqual([]);
  });
});
