import type PDFDocument from 'pdfkit';

/**
 * The PDF's links: contents entries and cross-references as link annotations that go to the page
 * (and the height on it) where their target is drawn, URLs as URI links; each annotation's object
 * reference in the `Link` element that holds the link's words (draw.ts), under the paragraph or
 * note it stands in. A target
 * further on is not drawn yet: its annotation's action is written once the whole book is.
 */
type Doc = InstanceType<typeof PDFDocument>;
type Ref = ReturnType<Doc['ref']>;
type StructElement = ReturnType<Doc['struct']>;

/** A link's box on the page (top-down points) and where it goes. */
export interface LinkBox {
  x: number;
  y: number; // top of the box
  w: number;
  h: number;
  to: { internal: string } | { uri: string };
}

interface Place {
  page: Ref; // the page dictionary
  top: number; // PDF user space (from the bottom of the page)
}

export class Links {
  private readonly places = new Map<string, Place>();
  private readonly pending: { action: Ref; target: string }[] = [];

  constructor(
    private readonly doc: Doc,
    /** The document an xml:id is in (a reference to an id not drawn goes to its document's opening). */
    private readonly documentOf: Map<string, string>,
  ) {}

  private get page(): { dictionary: Ref; height: number } {
    return (this.doc as unknown as { page: { dictionary: Ref; height: number } }).page;
  }

  /** A target is drawn on the current page with its top at `y` (top-down): the first time counts. */
  target(id: string, y: number): void {
    if (this.places.has(id)) return;
    this.places.set(id, { page: this.page.dictionary, top: this.page.height - y });
  }

  /** A link annotation on the current page, its object reference in `link` (the `Link` element holding its words). */
  annotate(box: LinkBox, link: StructElement): void {
    if ('uri' in box.to) {
      this.doc.link(box.x, box.y, box.w, box.h, box.to.uri, {
        structParent: link,
        Contents: new String(box.to.uri),
      } as unknown as Parameters<Doc['link']>[5]); // (the typings lack structParent)
    } else {
      // the action is written at the end, when the target's page is known
      const action = this.doc.ref({ S: 'GoTo' });
      this.pending.push({ action, target: box.to.internal });
      this.doc.annotate(box.x, box.y, box.w, box.h, {
        Subtype: 'Link',
        A: action,
        structParent: link,
        Contents: new String('Go to the page'),
      } as unknown as Parameters<Doc['annotate']>[4]);
    }
  }

  /**
   * Writes every internal link's destination, now that every target is drawn: a named
   * destination (the target's xml:id, so `book.pdf#d45` opens there too), or its document's when
   * the id itself is nothing drawn (a paragraph's).
   */
  finish(): void {
    const names = (this.doc as unknown as { _root: { data: { Names: { data: { Dests: NameTree } } } } })._root
      .data.Names.data.Dests;
    const named = new Set<string>();
    for (const { action, target } of this.pending) {
      const name = this.places.has(target) ? target : (this.documentOf.get(target) ?? target);
      const place = this.places.get(name);
      if (place && !named.has(name)) {
        names.add(name, [place.page, 'XYZ', null, place.top, null]);
        named.add(name);
      }
      if (place) (action.data as Record<string, unknown>).D = new String(name);
      (action as unknown as { end(): void }).end(); // (a dictionary: no stream to end it with)
    }
    this.pending.length = 0;
  }
}

/** pdfkit's name tree of the document's named destinations. */
interface NameTree {
  add(name: string, value: unknown[]): void;
}
