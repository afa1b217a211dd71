import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import type { DocumentOverrides, EditionMeta, SourceRecord } from '../meta.ts';
import { loadRegister } from '../register/load.ts';
import { type Manifest, parseManifest, publicationMeta } from './manifest.ts';

export interface EditionSource {
  dir: string;
  meta: EditionMeta;
  introduction?: string; // path
  documents: {
    path: string;
    overrides: DocumentOverrides;
    corrections: { sic: string; corr: string }[];
    sourceRecord?: SourceRecord; // `source` given as an object
  }[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch {
    return false;
  }
}

/** A path named in the manifest must stay inside the sources folder. */
function inside(dir: string, name: string, manifestFile: string): string {
  if (name.includes('\0')) {
    throw new InputError(`${manifestFile}:1:1: error [manifest-path] a file name contains a NUL character`);
  }
  const path = resolve(dir, name);
  if (!path.startsWith(`${resolve(dir)}/`)) {
    throw new InputError(
      `${manifestFile}:1:1: error [manifest-path] "${name}" is outside the sources folder`,
    );
  }
  return path;
}

/** The edition in a sources folder: its manifest, or every `.txt` in name order with default metadata. */
export async function loadEdition(dir: string): Promise<EditionSource> {
  const manifestFile = join(dir, 'edition.json');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new InputError(`${dir}: no such sources folder`);
  }
  if (!(await exists(manifestFile))) {
    const texts = entries.filter((f) => f.endsWith('.txt')).sort();
    if (texts.length === 0) throw new InputError(`${dir}: no edition.json and no .txt files to build`);
    const id =
      basename(resolve(dir))
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'edition';
    return {
      dir,
      meta: { id, title: basename(resolve(dir)), language: 'en' },
      documents: texts.map((f) => ({ path: join(dir, f), overrides: {}, corrections: [] })),
    };
  }
  const manifest: Manifest = parseManifest(await readFile(manifestFile, 'utf8'), manifestFile);
  const documents = manifest.documents.map((d) => {
    const path = inside(dir, d.file, manifestFile);
    const { file: _file, corrections, source, ...rest } = d;
    const overrides: DocumentOverrides = typeof source === 'string' ? { ...rest, source } : rest;
    const sourceRecord = typeof source === 'object' ? source : undefined;
    return { path, overrides, corrections: corrections ?? [], sourceRecord };
  });
  for (const d of documents) {
    if (!(await exists(d.path)))
      throw new InputError(`${manifestFile}:1:1: error [manifest-missing-file] ${d.path} does not exist`);
  }
  let register: EditionMeta['register'];
  if (manifest.register) {
    const file = inside(dir, manifest.register, manifestFile);
    if (!(await exists(file)))
      throw new InputError(`${manifestFile}:1:1: error [manifest-missing-file] ${file} does not exist`);
    register = await loadRegister(file);
  }
  return {
    dir,
    meta: { ...publicationMeta(manifest), sourceEdition: manifest.sourceEdition, register },
    introduction: manifest.introduction ? inside(dir, manifest.introduction, manifestFile) : undefined,
    documents,
  };
}
