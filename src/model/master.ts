import { readFile } from 'node:fs/promises';
import type { RegisterEntry } from '../register/types.ts';
import { childElements, isElement, localName, type TeiElement } from '../tei/node.ts';
import { parseTei, readTei } from '../tei/read.ts';
import { type AddressOf, addressBook } from './addresses.ts';
import { type EditionDocument, readEdition } from './documents.ts';
import { editionModel, type ModelEdition } from './edition.ts';
import { type DocumentPages, documentPages } from './pages.ts';
import { teiRegister } from './register.ts';
import { type SourceHeader, sourceHeader } from './source-header.ts';

/**
 * A TEI file as Recto uses it — the master a build renders, or a source a course reader takes
 * excerpts from: read once, on first use (from the text just written, or from the file), and its
 * edition model built once, for every writer. A build whose formats are all up to date reads
 * nothing. What the rest of Recto asks of a TEI file (its documents, their pages, its register,
 * where an id lives) is asked here: only the model reads TEI.
 */
export class TeiMaster {
  private tree: Promise<TeiElement> | undefined;
  private model: Promise<ModelEdition> | undefined;
  private docs: Promise<EditionDocument[]> | undefined;
  private entries: Promise<RegisterEntry[]> | undefined;
  private book: Promise<AddressOf> | undefined;

  /**
   * `text`: the file's content when the caller has it (it has just written it); `parse`: how to read
   * that text when the caller knows a quicker way than parsing it whole (`recto build`'s master, its
   * members' trees kept in the build cache: model/corpus-parse.ts), giving the same tree.
   */
  constructor(
    readonly file: string,
    private readonly text?: string,
    private readonly parse?: () => Promise<TeiElement>,
  ) {}

  read(): Promise<TeiElement> {
    const { text, parse } = this;
    this.tree ??=
      text === undefined
        ? readTei(this.file)
        : Promise.resolve().then(() => (parse ? parse() : parseTei(text, this.file)));
    return this.tree;
  }

  edition(): Promise<ModelEdition> {
    this.model ??= this.read().then(editionModel);
    return this.model;
  }

  /**
   * Its documents with their metadata, source records and TEI (the div a reader cuts), without
   * the writers' model of their text (a reader needs a few documents of a volume, not all).
   */
  documents(): Promise<EditionDocument[]> {
    this.docs ??= this.read().then((root) => readEdition(root).documents);
    return this.docs;
  }

  /** A document's pages, as its TEI marks them (see pages.ts). */
  async pagesOf(doc: EditionDocument): Promise<DocumentPages> {
    return documentPages(await this.read(), doc.div, doc.record);
  }

  /** The register it holds (our `standOff`, a volume's list of persons). */
  register(): Promise<RegisterEntry[]> {
    this.entries ??= this.read().then((root) => teiRegister(root).entries);
    return this.entries;
  }

  /** Where each id of it lives: a term, or a part with its web address (see addresses.ts). */
  addresses(): Promise<AddressOf> {
    this.book ??= this.read().then(addressBook);
    return this.book;
  }

  /** Its own header's respStmts and biblStruct (a TEI document of ours: see source-header.ts). */
  async sourceHeader(): Promise<SourceHeader> {
    return sourceHeader(await this.read());
  }

  /**
   * Reads one document of the corpus again from its own TEI file, in its place (`recto preview`'s
   * quick path: a saved source is normalized, and the model is built again from the master kept
   * here with that member replaced). `position` counts the documents, not the introduction.
   * Returns the member's text, or undefined when the master holds no document there.
   */
  async replaceDocument(position: number, file: string): Promise<string | undefined> {
    const root = await this.read();
    const members = root.children.filter(
      (c): c is TeiElement =>
        isElement(c) &&
        localName(c.name) === 'TEI' &&
        childElements(c, 'text')[0]?.attrs.type !== 'introduction',
    );
    const old = members[position];
    if (!old) return undefined;
    const text = await readFile(file, 'utf8');
    // (a document's own file carries the register entries it points at; in the corpus the
    // corpus's standOff holds them once, as composeCorpus writes the master)
    const member = parseTei(text, file);
    member.children = member.children.filter((c) => !isElement(c) || localName(c.name) !== 'standOff');
    root.children[root.children.indexOf(old)] = member;
    this.model = undefined;
    this.docs = undefined;
    this.entries = undefined;
    this.book = undefined;
    return text;
  }
}
