import type { Dirent } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { loadEdition } from '../edition/load.ts';
import { InputError, RectoError } from '../errors.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { EditionMeta } from '../meta.ts';
import { documentId, normalize } from '../normalize/index.ts';
import { introductionTei } from '../normalize/introduction.ts';
import { KNOWN_FORMATS, masterReader, RENDERERS } from '../render/registry.ts';
import type { Reporter } from '../report.ts';
import { sourceDateEpoch } from '../reproducible.ts';
import { editionHeader } from '../tei/header.ts';
import { block, type TeiElement } from '../tei/node.ts';
import { serializeTei } from '../tei/write.ts';

export const DEFAULT_MAX_SOURCE_BYTES = 50 * 1024 * 1024;

export interface BuildOptions {
  sources: string;
  out: string;
  formats: string[];
  reporter: Reporter;
  maxSourceBytes?: number;
}

export interface BuildResult {
  documents: number;
  files: string[];
  diagnostics: Diagnostic[];
  seconds: number;
}

/** The publication date: the manifest's, else SOURCE_DATE_EPOCH's day, else none (so builds stay reproducible). */
function publicationDate(meta: EditionMeta): string | undefined {
  return meta.date ?? sourceDateEpoch()?.toISOString().slice(0, 10);
}

/** Temporary files a killed build left behind (`.name.xxxx.tmp`): never outputs, so they go. */
async function sweepTemporaryFiles(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return; // no output folder yet
  }
  for (const e of entries) {
    if (e.isFile() && /^\..+\.[0-9a-f]{12}\.tmp$/.test(e.name))
      await rm(join(e.parentPath, e.name), { force: true });
  }
}

/** An output file name from a source file name: no path, no odd characters. */
/** Names Windows reserves (an edition built on Linux is often copied there). */
const RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

export function outputName(sourcePath: string): string {
  const name = basename(sourcePath)
    .replace(/\.txt$/i, '')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_');
  if (RESERVED.test(name)) return `_${name}`;
  return name || '_';
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const unknown = options.formats.filter((f) => !KNOWN_FORMATS().includes(f));
  if (unknown.length) {
    throw new RectoError(`unknown format ${unknown.join(', ')}; available: ${KNOWN_FORMATS().join(', ')}`, 2);
  }
  const edition = await loadEdition(options.sources);
  const meta: EditionMeta = { ...edition.meta, date: publicationDate(edition.meta) };
  const limit = options.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const diagnostics: Diagnostic[] = [];
  const documents: { name: string; tei: TeiElement }[] = [];
  const usedIds = new Set<string>();
  const usedNames = new Set<string>();

  for (const doc of edition.documents) {
    const size = (await stat(doc.path)).size;
    if (size > limit) {
      throw new InputError(
        `${doc.path}:1:1: error [source-too-large] ${size} bytes is over the limit of ${limit} bytes (--max-source-bytes)`,
      );
    }
    let name = outputName(doc.path);
    while (usedNames.has(name)) name = `${name}_`;
    usedNames.add(name);
    let id = documentId(name);
    while (usedIds.has(id)) id = `${id}_`;
    usedIds.add(id);
    const result = normalize(await readFile(doc.path), {
      file: doc.path,
      id,
      edition: meta,
      overrides: doc.overrides,
      corrections: doc.corrections,
    });
    for (const d of result.diagnostics) options.reporter.diagnostic(d);
    diagnostics.push(...result.diagnostics);
    documents.push({ name, tei: result.tei });
  }

  await sweepTemporaryFiles(options.out);
  const files: string[] = [];
  const teiDir = join(options.out, 'tei');
  for (const { name, tei } of documents) {
    const path = join(teiDir, `${name}.xml`);
    await writeFileAtomic(path, serializeTei(tei));
    files.push(path);
  }
  const members: TeiElement[] = [];
  if (edition.introduction) {
    const intro = introductionTei(
      await readFile(edition.introduction, 'utf8'),
      edition.introduction,
      meta.language,
    );
    for (const d of intro.diagnostics.items) options.reporter.diagnostic(d);
    members.push(intro.tei);
  }
  members.push(...documents.map((d) => d.tei));
  // The corpus carries the edition id, so renderers name their files after it (output/<id>.epub).
  const corpus = block('teiCorpus', { 'xml:lang': meta.language, 'xml:id': documentId(meta.id) }, [
    editionHeader(meta, documents.length),
    ...members,
  ]);
  const editionXml = join(teiDir, 'edition.xml');
  await writeFileAtomic(editionXml, serializeTei(corpus));
  files.push(editionXml);

  const master = masterReader(editionXml);
  for (const format of options.formats) {
    const renderer = RENDERERS[format];
    if (renderer)
      files.push(
        ...(await renderer({
          editionXml,
          master,
          outDir: options.out,
          reporter: options.reporter,
          formats: options.formats,
        })),
      );
  }
  return { documents: documents.length, files, diagnostics, seconds: (performance.now() - started) / 1000 };
}
