import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../errors.ts';
import type { DocumentOverrides, EditionMeta, StatedSource } from '../meta.ts';
import type { Conventions } from '../normalize/declared.ts';
import { loadRegister } from '../register/load.ts';
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
  const text = await readFile(manifestFile, 'utf8');
  const { manifest, at } = parseManifest(text, manifestFile);
  const documents = manifest.documents.map((d, k) => {
    const where = at.where(['documents', k, 'file']);
    const path = inside(dir, d.file, where);
    const { file: _file, corrections, source, conventions: own, ...rest } = d;
    const overrides: DocumentOverrides = typeof source === 'string' ? { ...rest, source } : rest;
    const sourceRecord = typeof source === 'object' ? source : undefined;
    const conventions = manifest.conventions || own ? { ...manifest.conventions, ...own } : undefined;
    return { path, where, overrides, corrections: corrections ?? [], sourceRecord, conventions };
  });
  for (const { path, where } of documents) {
    if (!(await exists(path)))
      throw new InputError(`${where}: error [manifest-missing-file] ${path} does not exist`);
  }
  let register: EditionMeta['register'];
  if (manifest.register) {
    const where = at.where(['register']);
    const file = inside(dir, manifest.register, where);
    if (!(await exists(file)))
      throw new InputError(`${where}: error [manifest-missing-file] ${file} does not exist`);
    register = await loadRegister(file);
  }
  return {
    dir,
    meta: { ...publicationMeta(manifest), sourceEdition: manifest.sourceEdition, register },
    introduction: manifest.introduction
      ? inside(dir, manifest.introduction, at.where(['introduction']))
      : undefined,
    documents: documents.map(({ where: _where, ...d }) => d),
  };
}
