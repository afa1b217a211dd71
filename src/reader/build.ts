import { readFile, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import type { JsonText } from '../edition/json-input.ts';
import { publicationMeta } from '../edition/manifest.ts';
import { InputError } from '../errors.ts';
import { writeIfChanged } from '../fs/write-if-changed.ts';
import type { EditionMeta } from '../meta.ts';
import { TeiMaster } from '../model/master.ts';
import { parsePages } from '../normalize/source-record.ts';
import {
  checkFormats,
  type Progress,
  publicationDate,
  publish,
  sweepTemporaryFiles,
} from '../pipeline/index.ts';
import { knownFormats, writerFor } from '../render/writers.ts';
import type { Reporter } from '../report.ts';
import { block, el, type TeiElement } from '../tei/node.ts';
import { serializeTei } from '../tei/write.ts';
import { handoutTei, itemTei, type ReaderItemTei, type ReaderUnitTei, readerTei } from './assemble.ts';
import { ExcerptError, type ExcerptRange, excerpt, excerptGap } from './excerpt.ts';
import { parseReaderManifest, type ReaderItem, type ReaderManifest } from './manifest.ts';
import { markdownTei } from './markdown.ts';
import { settlePointers } from './pointers.ts';
import { sourceDocument, type TeiSources } from './sources.ts';

export interface ReaderBuildOptions {
  manifest: string; // path of reader.json
  out: string;
  formats: string[]; // tei is always written; html, epub, pdf rendered from it
  reporter: Reporter;
  handouts?: boolean; // default true: one PDF per item in out/handouts/
  jobs?: number;
  progress?: Progress;
}

/** An item's label in messages: its place and, when it has one, its title. */
const itemLabel = (u: number, k: number, item: ReaderItem): string =>
  `units[${u}].items[${k}]${item.title ? ` ("${item.title}")` : ` (${item.document})`}`;

/** Every item resolved to its excerpt; every problem of every item reported together, before anything is written. */
async function resolveUnits(
  manifest: ReaderManifest,
  at: JsonText,
  base: string,
): Promise<{ units: ReaderUnitTei[]; diagnostics: Diagnostic[] }> {
  const errors: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const units: ReaderUnitTei[] = [];
  const ids = new Set<string>();
  const teiSources: TeiSources = new Map();
  for (const [u, unit] of manifest.units.entries()) {
    const unitId = `unit-${u + 1}`;
    const items: ReaderItemTei[] = [];
    for (const [k, item] of unit.items.entries()) {
      const where = at.where(['units', u, 'items', k]);
      const id = item.id ?? `${unitId}-item-${k + 1}`;
      if (ids.has(id)) {
        errors.push(
          `${at.where(['units', u, 'items', k, 'id'])}: error [reader-id] ${itemLabel(u, k, item)}: the id "${id}" is used twice`,
        );
        continue;
      }
      ids.add(id);
      try {
        const source = await sourceDocument(
          resolve(base, item.source),
          item.document,
          { at: where, item: itemLabel(u, k, item) },
          teiSources,
        );
        diagnostics.push(...source.diagnostics);
        const range: ExcerptRange | undefined = item.pages
          ? { pages: parsePages(item.pages.trim()) }
          : item.paragraphs
            ? { paragraphs: item.paragraphs }
            : undefined;
        const resp = `#${id}-reader-editor`;
        const all = source.pages.list;
        const cut = range
          ? excerpt(source.document.div, source.pages, range, excerptGap(resp))
          : {
              div: source.document.div,
              cut: false,
              pages: all.length ? { from: all[0] as string, to: all.at(-1) as string } : undefined,
            };
        // every pointer of the excerpt lands in the reader (see pointers.ts)
        const known = new Set([
          ...source.register.map((e) => e.id),
          ...source.respStmts.flatMap((r) => (r.attrs['xml:id'] ? [r.attrs['xml:id']] : [])),
        ]);
        const settled = settlePointers(cut.div, known, source.addressOf, {
          file: at.file,
          position: at.positionOf(['units', u, 'items', k]),
          item: itemLabel(u, k, item),
        });
        diagnostics.push(...settled.diagnostics);
        items.push({
          provenance: {
            id,
            title: item.title ?? source.document.title,
            sourceTitle: source.document.title,
            record: source.document.record,
            documentPages: all.length ? { from: all[0] as string, to: all.at(-1) as string } : undefined,
            pages: cut.pages,
            cut: cut.cut,
            origin: source.origin,
            when: source.document.when,
            author: source.document.author,
            recipient: source.document.recipient,
            date: source.document.date,
            place: source.document.place,
          },
          div: settled.div,
          terms: settled.terms,
          number: source.document.number ?? source.document.record.document,
          respStmts: source.respStmts,
          bibl: source.bibl,
          register: source.register,
          headnote: item.headnote,
          questions: item.questions,
        });
      } catch (error) {
        if (error instanceof ExcerptError) {
          const field = item.pages ? 'pages' : 'paragraphs';
          errors.push(
            `${at.where(['units', u, 'items', k, field])}: error [reader-range] ${itemLabel(u, k, item)}: ${error.message}`,
          );
        } else if (error instanceof InputError) errors.push(error.message);
        else throw error;
      }
    }
    units.push({
      id: unitId,
      title: unit.title,
      introduction: unit.introduction,
      readingList: unit.readingList,
      items,
    });
  }
  if (errors.length) throw new InputError(errors.join('\n'));
  return { units, diagnostics };
}

function introductionTei(markdown: string, language: string): TeiElement {
  const blocks = markdownTei(markdown);
  const head = blocks[0]?.name === 'head' ? [blocks.shift() as TeiElement] : [];
  return block('TEI', { 'xml:lang': language }, [
    block('teiHeader', {}, [
      block('fileDesc', {}, [
        el('titleStmt', {}, [el('title', {}, ['Introduction'])]),
        el('publicationStmt', {}, [el('p', {}, ['Part of the reader.'])]),
        el('sourceDesc', {}, [el('p', {}, ['Written for the reader.'])]),
      ]),
    ]),
    el('text', { type: 'introduction' }, [
      block('body', {}, [
        block('div', { type: 'introduction', 'xml:id': 'introduction' }, [
          ...head,
          ...(blocks.length ? blocks : [el('p')]),
        ]),
      ]),
    ]),
  ]);
}

/**
 * `recto reader reader.json`: a course reader from excerpts of several editions. Every item is
 * resolved and cut first — a page range that is not in its document, an unknown document, is an
 * error naming the item and its line in the manifest, and nothing is written. Then the reader's
 * TEI master (`tei/edition.xml`, a teiCorpus of units of items) and each item's TEI, the formats
 * rendered from the master, and a handout PDF per item (`handouts/<item>.pdf`, its pages numbered
 * from 1).
 */
export async function buildReader(
  options: ReaderBuildOptions,
): Promise<{ documents: number; files: string[]; diagnostics: Diagnostic[]; seconds: number }> {
  const started = performance.now();
  checkFormats(options.formats, knownFormats());
  let text: string;
  try {
    text = await readFile(options.manifest, 'utf8');
  } catch {
    throw new InputError(`${options.manifest}: no such reader manifest`);
  }
  const { manifest, at } = parseReaderManifest(text, options.manifest);
  const meta = publicationMeta(manifest);
  const reader: EditionMeta = { ...meta, date: publicationDate(meta) };
  const { units, diagnostics } = await resolveUnits(manifest, at, dirname(options.manifest));
  for (const d of diagnostics) options.reporter.diagnostic(d);

  const out = options.out;
  await sweepTemporaryFiles(out);
  const files: string[] = [];
  const introduction = manifest.introduction
    ? introductionTei(manifest.introduction, reader.language)
    : undefined;
  const editionXml = join(out, 'tei', 'edition.xml');
  const masterText = serializeTei(readerTei(reader, units, introduction));
  await writeIfChanged(editionXml, masterText);
  files.push(editionXml);
  const items = units.flatMap((u) => u.items);
  for (const item of items) {
    const path = join(out, 'tei', `${item.provenance.id}.xml`);
    await writeIfChanged(path, serializeTei(itemTei(reader, item, true)));
    files.push(path);
  }

  try {
    const rendered = await publish(new TeiMaster(editionXml, masterText), options.formats, {
      out,
      reporter: options.reporter,
      jobs: options.jobs,
      progress: options.progress,
    });
    files.push(...rendered.files);
  } finally {
    options.progress?.stop();
  }

  if (options.handouts !== false && writerFor('pdf')) {
    // Each handout is a small edition of its own (its TEI written, then published like every
    // output): the item, its headnote and questions, its pages numbered from 1.
    for (const item of items) {
      const id = item.provenance.id;
      const tei = join(out, 'handouts', 'tei', `${id}.xml`);
      const unit = units.find((u) => u.items.includes(item))?.title;
      const text = serializeTei(handoutTei(reader, item, unit));
      await writeIfChanged(tei, text);
      const {
        files: [pdf],
      } = await publish(new TeiMaster(tei, text), ['pdf'], {
        out: join(out, 'handouts'),
        reporter: options.reporter,
        layout: 'handout',
      });
      const path = join(out, 'handouts', `${id}.pdf`);
      if (pdf && pdf !== path) await rename(pdf, path);
      files.push(tei, path);
    }
  }
  return { documents: items.length, files, diagnostics, seconds: (performance.now() - started) / 1000 };
}
