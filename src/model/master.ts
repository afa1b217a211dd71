import { readFile } from 'node:fs/promises';
import { childElements, isElement, localName, type TeiElement } from '../tei/node.ts';
import { parseTei, readTei } from '../tei/read.ts';
import { editionModel, type ModelEdition } from './edition.ts';

/**
 * A TEI master as a build uses it: read once, on first use (from the text just written, or from
 * the file), and its edition model built once, for every writer. A build whose formats are all up
 * to date reads nothing.
 */
export class TeiMaster {
  private tree: Promise<TeiElement> | undefined;
  private model: Promise<ModelEdition> | undefined;

  /** `text`: the file's content when the caller has it (it has just written it). */
  constructor(
    readonly file: string,
    private readonly text?: string,
  ) {}

  read(): Promise<TeiElement> {
    const { text } = this;
    this.tree ??=
      text === undefined ? readTei(this.file) : Promise.resolve().then(() => parseTei(text, this.file));
    return this.tree;
  }

  edition(): Promise<ModelEdition> {
    this.model ??= this.read().then(editionModel);
    return this.model;
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
    root.children[root.children.indexOf(old)] = parseTei(text, file);
    this.model = undefined;
    return text;
  }
}
