import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import { type EditionDocument, readEdition } from '../model/documents.ts';
import { normalize } from '../normalize/index.ts';
import { loadEditionMeta, normalizeOptions } from '../pipeline/build.ts';
import { planDocuments } from '../pipeline/plan.ts';
import { registerFromTei } from '../register/import-tei.ts';
import type { RegisterEntry } from '../register/types.ts';
import { isElement, localName, type TeiElement, type TeiNode, textContent } from '../tei/node.ts';
import { readTei } from '../tei/read.ts';
import { type OutsideLookup, termsOf } from './pointers.ts';

/** A document an item of the reader takes its excerpt from, as its TEI gives it. */
export interface SourceDocument {
  document: EditionDocument; // id, title, number, source record, the div to excerpt
  /** The page its first words are printed on (before its first page break), when known. */
  startPage?: string;
  /** Where it came from, for the reader's header: `sources/001_….txt`, `volume.xml#d5`. */
  origin: string;
  /** The respStmts of the source's own header (ours: the source editors, the transmission …). */
  respStmts: TeiElement[];
  /** The source's own biblStruct, where its header has one (ours): kept as it is, pages aside. */
  bibl?: TeiElement;
  /** The register of its edition (a folder's register file, a volume's list of persons, a master's standOff). */
  register: RegisterEntry[];
  /** What its ids outside the document are (a term, a part with its web address): see pointers.ts. */
  outside: OutsideLookup;
  diagnostics: Diagnostic[];
}

/**
 * The page a document begins on: the last page break before it in its volume, else the first
 * page its own source record gives (our TEI's biblStruct), else none.
 */
function startPageOf(
  root: TeiElement,
  div: TeiElement,
  record: EditionDocument['record'],
): string | undefined {
  let last: string | undefined;
  let found = false;
  const visit = (n: TeiNode): void => {
    if (found || !isElement(n)) return;
    if (n === div) {
      found = true;
      return;
    }
    if (localName(n.name) === 'pb' && n.attrs.n) last = n.attrs.n;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return last ?? record.pages?.from;
}

/** The respStmts and editors with an xml:id in a TEI document's titleStmt: what `resp` in its text points at. */
function headerRespStmts(tei: TeiElement): TeiElement[] {
  const header = tei.children.find((c): c is TeiElement => isElement(c) && localName(c.name) === 'teiHeader');
  const fileDesc = header?.children.find(
    (c): c is TeiElement => isElement(c) && localName(c.name) === 'fileDesc',
  );
  const titleStmt = fileDesc?.children.find(
    (c): c is TeiElement => isElement(c) && localName(c.name) === 'titleStmt',
  );
  // (an editor with an id is pointed at too: corrections named in the manifest are the editor's)
  return (titleStmt?.children ?? []).filter(
    (c): c is TeiElement =>
      isElement(c) && ['respStmt', 'editor'].includes(localName(c.name)) && Boolean(c.attrs['xml:id']),
  );
}

/** The biblStruct of a TEI document's sourceDesc. */
function headerBibl(tei: TeiElement): TeiElement | undefined {
  let found: TeiElement | undefined;
  const visit = (n: TeiNode): void => {
    if (found || !isElement(n)) return;
    if (localName(n.name) === 'biblStruct') found = n;
    else if (localName(n.name) !== 'text') for (const c of n.children) visit(c);
  };
  visit(tei);
  return found;
}

/**
 * The web address of a FRUS volume's parts: `https://history.state.gov/historicaldocuments/` and
 * the volume's id (`idno type="frus"`), then the part's (`d28`, `pg_465`, `ch3`): the Office of
 * the Historian's addresses. Other TEI names no address for its parts.
 */
function webBase(root: TeiElement): string | undefined {
  let volume: string | undefined;
  const visit = (n: TeiNode): void => {
    if (volume || !isElement(n) || localName(n.name) === 'text') return;
    if (localName(n.name) === 'idno' && n.attrs.type === 'frus') volume = textContent(n).trim() || undefined;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return volume && /^[\w.-]+$/.test(volume)
    ? `https://history.state.gov/historicaldocuments/${volume}/`
    : undefined;
}

/** What each id of a TEI is, for the pointers of an excerpt taken from it (see pointers.ts). */
function outsideOf(root: TeiElement): OutsideLookup {
  const terms = termsOf(root);
  const base = webBase(root);
  // each id and the part it stands in that has an address of its own (a page, a division)
  const part = new Map<string, string | undefined>();
  const visit = (n: TeiNode, division: string | undefined): void => {
    if (!isElement(n)) return;
    const id = n.attrs['xml:id'];
    const name = localName(n.name);
    const own = id && (name === 'div' || name === 'pb') ? id : division;
    if (id) part.set(id, own);
    for (const c of n.children) visit(c, name === 'div' && id ? id : division);
  };
  visit(root, undefined);
  return (id) => {
    const term = terms.get(id);
    if (term) return { term };
    if (!part.has(id)) return undefined;
    const at = part.get(id);
    return { url: base && at ? `${base}${at}` : undefined };
  };
}

/** A TEI file as the items that take from it need it: read, its documents and its register found, once. */
interface TeiSource {
  root: TeiElement;
  documents: EditionDocument[];
  register: RegisterEntry[];
  outside: OutsideLookup;
}

/** The TEI files of one reader build (a volume is read in a third of a second; several items take from it). */
export type TeiSources = Map<string, Promise<TeiSource>>;

function teiSource(path: string, sources: TeiSources): Promise<TeiSource> {
  let source = sources.get(path);
  if (!source) {
    source = readTei(path).then((root) => ({
      root,
      documents: readEdition(root).documents,
      register: registerFromTei(root).entries,
      outside: outsideOf(root),
    }));
    sources.set(path, source);
  }
  return source;
}

/**
 * The document an item names: in a Recto sources folder, a source file normalized as `recto
 * build` would (same options, same TEI); in a TEI file (ours or an official FRUS volume), the
 * document with that xml:id. `where` is the item's place in the manifest, for errors.
 */
export async function sourceDocument(
  path: string,
  name: string,
  where: { at: string; item: string },
  teiSources: TeiSources,
): Promise<SourceDocument> {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    throw new InputError(`${where.at}: error [reader-source] ${where.item}: ${path}: no such file or folder`);
  }
  if (folder) {
    const { edition, meta } = await loadEditionMeta(path);
    const plan = planDocuments(edition);
    const doc = plan.find((d) => basename(d.path) === name || basename(d.path) === `${name}.txt`);
    if (!doc)
      throw new InputError(
        `${where.at}: error [reader-document] ${where.item}: no document "${name}" in ${path} (it has ${plan.map((d) => basename(d.path)).join(', ')})`,
      );
    const result = normalize(readFileSync(doc.path), normalizeOptions(doc, meta, edition.dir));
    const read = readEdition(result.tei).documents[0];
    if (!read)
      throw new InputError(
        `${where.at}: error [reader-document] ${where.item}: ${doc.path} gave no document`,
      );
    return {
      document: read,
      startPage: startPageOf(result.tei, read.div, read.record),
      origin: basename(doc.path),
      respStmts: headerRespStmts(result.tei),
      bibl: headerBibl(result.tei),
      register: meta.register?.entries ?? [],
      outside: outsideOf(result.tei),
      diagnostics: result.diagnostics,
    };
  }
  const { root, documents, register, outside } = await teiSource(resolve(path), teiSources);
  const doc = documents.find((d) => d.id === name);
  if (!doc) {
    const ids = documents.filter((d) => d.kind === 'document').map((d) => d.id);
    const sample =
      ids.length > 8 ? `${ids.slice(0, 4).join(', ')} … ${ids.slice(-2).join(', ')}` : ids.join(', ');
    throw new InputError(
      `${where.at}: error [reader-document] ${where.item}: no document with xml:id "${name}" in ${path} (${sample})`,
    );
  }
  return {
    document: doc,
    startPage: startPageOf(root, doc.div, doc.record),
    origin: `${basename(path)}#${name}`,
    respStmts: [],
    register,
    outside,
    diagnostics: [],
  };
}
