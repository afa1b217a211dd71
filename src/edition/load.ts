import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import type { DocumentOverrides, EditionMeta, EditionStyle, Look, StatedSource } from '../meta.ts';
import type { Conventions } from '../normalize/declared.ts';
import { loadRegister } from '../register/load.ts';
import { loadPdfStyle } from '../render/pdf/style.ts';
import { builtInTemplates } from '../render/template.ts';
import { didYouMean } from '../text/nearest.ts';
import { JsonText } from './json-input.ts';
import { parseManifest, publicationMeta } from './manifest.ts';

export interface EditionSource {
  dir: string;
  meta: EditionMeta;
  introduction?: string; // path
  documents: {
    path: string;
    overrides: DocumentOverrides;
    corrections: { sic: string; corr: string }[];
    sourceRecord?: StatedSource; // `source` given as an object
    /** The conventions stated for it: the document's own, field by field over the edition's. */
    conventions?: Conventions;
  }[];
  /** What loading found to warn of: a `.txt` the manifest does not list, a template file no built-in one has the name of. */
  diagnostics: Diagnostic[];
  /** The edition's own look: its manifest `style` and its `templates/` folder. */
  look?: Look;
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

/** A file the manifest names at `where` (its `file:line:column`), kept inside the sources folder. */
function inside(dir: string, name: string, where: string): string {
  if (name.includes('\0')) {
    throw new InputError(`${where}: error [manifest-path] a file name contains a NUL character`);
  }
  const path = resolve(dir, name);
  if (!path.startsWith(`${resolve(dir)}/`)) {
    throw new InputError(`${where}: error [manifest-path] "${name}" is outside the sources folder`);
  }
  return path;
}

/** Why a sources folder cannot be read: none there, or a file given where the folder is expected. */
async function folderProblem(dir: string): Promise<string> {
  let isFile = false;
  try {
    isFile = (await stat(dir)).isFile();
  } catch {
    return `${dir}: no such sources folder`;
  }
  if (!isFile) return `${dir}: the sources folder cannot be read`;
  const hint =
    basename(dir) === 'edition.json' || extname(dir) === '.txt'
      ? ` (the folder that holds it: --sources ${dirname(dir)})`
      : '';
  return `${dir}: a file, where a sources folder is expected: give the folder that holds edition.json and the .txt sources${hint}`;
}

/** What a manifest the schema refused names, to check its files all the same (nothing if it is not JSON). */
function rawManifest(text: string): {
  documents: { file?: unknown }[];
  register?: unknown;
  introduction?: unknown;
} {
  try {
    const raw = JSON.parse(text) as { documents?: unknown; register?: unknown; introduction?: unknown };
    const documents = Array.isArray(raw.documents) ? (raw.documents as { file?: unknown }[]) : [];
    return { documents, register: raw.register, introduction: raw.introduction };
  } catch {
    return { documents: [] };
  }
}

/**
 * The edition's own look: its `style` (fonts found in the edition folder, the trim size one the
 * style file has) and its `templates/` folder (each file the name of a built-in one: a misspelt
 * name would be silently unused, so it is a warning with the nearest name). Checked now, before
 * anything is written.
 */
async function loadLook(
  dir: string,
  style: EditionStyle | undefined,
  at: JsonText | undefined,
  errors: string[],
  diagnostics: Diagnostic[],
): Promise<Look | undefined> {
  const folder = join(dir, 'templates');
  let templates: string | undefined;
  try {
    if ((await stat(folder)).isDirectory()) templates = folder;
  } catch {
    // no templates of its own
  }
  if (templates) {
    const known = builtInTemplates();
    const own = (await readdir(templates, { recursive: true, encoding: 'utf8' })).map((f) =>
      f.split('\\').join('/'),
    );
    for (const name of own.sort()) {
      if (known.includes(name) || !(await stat(join(templates, name))).isFile()) continue;
      diagnostics.push({
        file: join(templates, name),
        position: { line: 1, column: 1 },
        severity: 'warning',
        ruleId: 'templates-unknown',
        message: `no built-in template "${name}" to override: this file is not used${didYouMean(name, known)}`,
      });
    }
  }
  let stated = style;
  if (style?.fonts && at) {
    const fonts: NonNullable<EditionStyle['fonts']> = {};
    for (const face of ['regular', 'italic', 'bold'] as const) {
      const name = style.fonts[face];
      if (!name) continue;
      try {
        fonts[face] = inside(dir, name, at.where(['style', 'fonts', face]));
      } catch (error) {
        errors.push((error as Error).message);
        continue;
      }
      if (!(await exists(fonts[face] as string)))
        errors.push(
          `${at.where(['style', 'fonts', face])}: error [manifest-missing-file] ${fonts[face]} does not exist`,
        );
    }
    stated = { ...style, fonts };
  }
  const look: Look = { ...(stated ? { style: stated } : {}), ...(templates ? { templates } : {}) };
  if (!stated && !templates) return undefined;
  if (!errors.length) {
    try {
      loadPdfStyle(look, at?.where(['style', 'trim']));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error.message);
    }
  }
  return look;
}

/**
 * The edition in a sources folder: its manifest, or every `.txt` in name order with default
 * metadata. Every fault of the manifest is reported in one run (its fields, then the files it
 * names), and a `.txt` in the folder that the manifest does not list is a warning naming it.
 */
export async function loadEdition(dir: string): Promise<EditionSource> {
  const manifestFile = join(dir, 'edition.json');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new InputError(await folderProblem(dir));
  }
  const diagnostics: Diagnostic[] = [];
  const errors: string[] = [];
  if (!(await exists(manifestFile))) {
    const texts = entries.filter((f) => f.endsWith('.txt')).sort();
    if (texts.length === 0) throw new InputError(`${dir}: no edition.json and no .txt files to build`);
    const id =
      basename(resolve(dir))
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'edition';
    const look = await loadLook(dir, undefined, undefined, errors, diagnostics);
    if (errors.length) throw new InputError(errors.join('\n'));
    return {
      dir,
      meta: { id, title: basename(resolve(dir)), language: 'en' },
      documents: texts.map((f) => ({ path: join(dir, f), overrides: {}, corrections: [] })),
      diagnostics,
      ...(look ? { look } : {}),
    };
  }
  const text = await readFile(manifestFile, 'utf8');
  let parsed: ReturnType<typeof parseManifest> | undefined;
  try {
    parsed = parseManifest(text, manifestFile);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors.push(error.message);
  }
  const at = parsed?.at ?? new JsonText(manifestFile, text);
  // The files it names are checked even when a field is wrong: one fault must not hide the next.
  const named = parsed?.manifest ?? rawManifest(text);
  const listed = new Set<string>();
  for (const [k, d] of named.documents.entries()) {
    if (typeof d?.file !== 'string' || !d.file) continue;
    const where = at.where(['documents', k, 'file']);
    try {
      const path = inside(dir, d.file, where);
      listed.add(path);
      if (!(await exists(path)))
        errors.push(
          `${where}: error [manifest-missing-file] ${path} does not exist${didYouMean(d.file, entries)}`,
        );
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error.message);
    }
  }
  const manifest = parsed?.manifest;
  let register: EditionMeta['register'];
  if (typeof named.register === 'string' && named.register) {
    const where = at.where(['register']);
    try {
      const file = inside(dir, named.register, where);
      if (!(await exists(file)))
        errors.push(`${where}: error [manifest-missing-file] ${file} does not exist`);
      else if (!errors.length) register = await loadRegister(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error.message);
    }
  }
  let introduction: string | undefined;
  if (typeof named.introduction === 'string' && named.introduction) {
    const where = at.where(['introduction']);
    try {
      introduction = inside(dir, named.introduction, where);
      if (!(await exists(introduction)))
        errors.push(`${where}: error [manifest-missing-file] ${introduction} does not exist`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error.message);
    }
  }
  const look = await loadLook(dir, manifest?.style, at, errors, diagnostics);
  if (errors.length || !manifest) throw new InputError(errors.join('\n'));
  // A text in the folder that the manifest does not list is not built: said, so it is not lost.
  const { line, column } = at.positionOf(['documents']);
  for (const f of entries.filter((e) => e.endsWith('.txt')).sort()) {
    if (listed.has(resolve(dir, f))) continue;
    diagnostics.push({
      file: manifestFile,
      position: { line, column },
      severity: 'warning',
      ruleId: 'manifest-unlisted-source',
      message: `${f} is in the sources folder but not in documents: it is not built (add { "file": "${f}" } to documents where it belongs in the reading order)`,
    });
  }
  const documents = manifest.documents.map((d) => {
    const path = resolve(dir, d.file);
    const { file: _file, corrections, source, conventions: own, ...rest } = d;
    const overrides: DocumentOverrides = typeof source === 'string' ? { ...rest, source } : rest;
    const sourceRecord = typeof source === 'object' ? source : undefined;
    const conventions = manifest.conventions || own ? { ...manifest.conventions, ...own } : undefined;
    return { path, overrides, corrections: corrections ?? [], sourceRecord, conventions };
  });
  return {
    dir,
    meta: { ...publicationMeta(manifest), sourceEdition: manifest.sourceEdition, register },
    introduction,
    documents,
    diagnostics,
    ...(look ? { look } : {}),
  };
}
