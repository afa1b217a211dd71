import { isElement, type TeiElement, type TeiNode } from './node.ts';
import { childElements, localName, teiDocuments } from './read.ts';

/**
 * TEI → the plain text it was normalized from, in the source's own conventions (`[Page 225]`,
 * `of [on]`, `[by?]`, glued note numbers and the note list at the end). This is the round-trip
 * check: the original reading of every character must come back.
 */
interface Footnote {
  text: string;
  arrow: boolean;
  open: boolean; // an arrow note printed without its `↩`
  number: string; // as the list printed it
  position?: number; // in the list, for a note kept at the end (no reference was found for it)
  mark?: string; // how the list marks it: `slash` (/1/), `bracket` ([1]), `symbol` (*), `alone` (a number on its own line)
}

/** The character a writer's `n="U+0007"` stands for. */
function illegalCharacter(n: string | undefined): string | undefined {
  const code = /^U\+([0-9A-F]{4,6})$/.exec(n ?? '');
  return code ? String.fromCodePoint(Number.parseInt(code[1] as string, 16)) : undefined;
}

/** A token of a note's rend (`arrow`, `list-number:3`, `list-position:2`). */
const rendToken = (rend: string | undefined, name: string): string | undefined =>
  (rend ?? '')
    .split(/\s+/)
    .find((t) => t.startsWith(`${name}:`))
    ?.slice(name.length + 1);

const BLOCKS = new Set([
  'p',
  'head',
  'item',
  'dateline',
  'salute',
  'signed',
  'fw',
  'label',
  'bibl',
  'idno',
  'docDate',
  'byline',
  'trailer',
  'ab',
  'l',
]);
const CONTAINERS = new Set([
  'body',
  'front',
  'back',
  'div',
  'list',
  'closer',
  'opener',
  'postscript',
  'quote',
  'lg',
  'group',
  'text',
  'table',
  'row',
  'cell',
  'figure',
  'floatingText',
]);

class TextWriter {
  readonly blocks: string[] = [];
  readonly notes: Footnote[] = [];

  /**
   * An extraction break (`<milestone type="extraction-break"/>`) is the blank line the source had
   * inside a paragraph: the lines on either side of it were whole lines, so the word space the
   * normalizer keeps beside it (`always<milestone/> be`) and the spaces around a page marker
   * there are not written: `always` / blank line / `be`, as in the source.
   */
  inline(nodes: TeiNode[]): string {
    let out = '';
    let lineStart = false;
    for (const n of nodes) {
      let s = this.inlineNode(n);
      if (isElement(n) && localName(n.name) === 'milestone' && n.attrs.type === 'extraction-break') {
        out = out.replace(/ +$/, '');
        lineStart = true;
      } else if (lineStart) {
        s = s.replace(/^ +/, '');
        if (s !== '') lineStart = false;
      }
      out += s;
    }
    return out;
  }

  private inlineNode(n: TeiNode): string {
    if (typeof n === 'string') return n;
    const name = localName(n.name);
    const a = n.attrs;
    switch (name) {
      case 'note':
        if (a.place === 'foot' || a.place === 'end' || (a.place === undefined && a.type === undefined)) {
          const position = Number(rendToken(a.rend, 'list-position'));
          const paragraphs = childElements(n, 'p');
          const rends = (a.rend ?? '').split(/\s+/);
          this.notes.push({
            text: paragraphs.length
              ? paragraphs.map((p) => this.inline(p.children).trim()).join('\n\n')
              : this.inline(n.children).trim(),
            arrow: rends.includes('arrow'),
            open: rends.includes('arrow-open'),
            number: rendToken(a.rend, 'list-number') ?? a.n ?? '',
            position: position > 0 ? position : undefined,
            mark: rends.find((t) => t.startsWith('mark-'))?.slice(5),
          });
          if (a.type === 'unanchored') return '';
          if (rends.includes('mark-slash')) return `/${a.n ?? ''}/`;
          return rends.includes('mark-bracket') ? `[${a.n ?? ''}]` : (a.n ?? '');
        }
        return `[${this.inline(n.children)}]`;
      case 'pb':
        if (a.rend === 'page-line') return `\nPage ${a.n ?? ''}\n`;
        if (a.rend === 'running-head') return ''; // the running head (fw) that follows prints the number
        return a.type === 'facsimile' ? ` [Facsimile Page ${a.n ?? ''}] ` : ` [Page ${a.n ?? ''}] `;
      case 'lb':
        return '\n';
      case 'milestone':
        return a.type === 'extraction-break' ? '\n\n' : '';
      case 'gap':
        if (a.rend === 'dots') return '\n. . . . . . . . . . . . . .\n';
        if (a.rend === 'asterisks') return `\n${a.n ?? '* * * * *'}\n`;
        return `[${this.inline(childElements(n, 'desc').flatMap((d) => d.children))}]`;
      case 'supplied':
        return a.cert === 'low' ? `[${this.inline(n.children)}?]` : `[${this.inline(n.children)}]`;
      case 'choice': {
        const sic = childElements(n, 'sic')[0] ?? childElements(n, 'orig')[0];
        const corr = childElements(n, 'corr')[0] ?? childElements(n, 'reg')[0];
        const original = sic ? this.inline(sic.children) : '';
        // A correction the source printed in brackets comes back as `of [on]`; one the editor
        // made (type="editorial", from the manifest) was never in the source.
        if (!corr || corr.attrs.type === 'editorial') return original;
        // `telegram 4[48]`: the bracket glued to the number it corrects.
        return `${original}${n.attrs.rend === 'glued' ? '' : ' '}[${this.inline(corr.children)}]`;
      }
      case 'hi':
        if (a.rend === 'xml-illegal-character') return illegalCharacter(a.n) ?? this.inline(n.children);
        if (a.rend === 'bold') return `**${this.inline(n.children)}**`;
        if (a.rend === 'italic') return `*${this.inline(n.children)}*`;
        return this.inline(n.children);
      case 'ref':
        return a.type === 'url' ? `<${a.target ?? this.inline(n.children)}>` : this.inline(n.children);
      case 'desc':
        return '';
      case 'g':
        // a character XML cannot carry, recorded by the writer: give it back
        return (a.type === 'xml-illegal-character' && illegalCharacter(a.n)) || this.inline(n.children);
      default:
        return this.inline(n.children);
    }
  }

  block(n: TeiElement): void {
    const name = localName(n.name);
    if (name === 'teiHeader') return;
    if (name === 'head' && n.attrs.rend === 'bold') {
      this.blocks.push(`**${this.inline(n.children)}**`);
      return;
    }
    if (name === 'note' && (n.attrs.type === 'source' || n.attrs.type === 'editorial')) {
      if (n.attrs.type === 'editorial') this.blocks.push(`[${this.inline(n.children)}]`);
      else for (const part of this.sourceParts(n)) this.blocks.push(part);
      return;
    }
    if (name === 'list') {
      for (const c of n.children.filter(isElement)) {
        if (localName(c.name) === 'item' && n.attrs.rend === 'dash')
          this.blocks.push(`- ${this.inline(c.children)}`);
        else this.block(c);
      }
      return;
    }
    if (BLOCKS.has(name)) {
      this.blocks.push(this.inline(n.children));
      return;
    }
    if (CONTAINERS.has(name)) {
      for (const c of n.children) if (isElement(c)) this.block(c);
      return;
    }
    const text = this.inline([n]);
    if (text.trim()) this.blocks.push(text.trim());
  }

  private sourceParts(n: TeiElement): string[] {
    const parts = n.children.filter(isElement).filter((c) => ['label', 'bibl'].includes(localName(c.name)));
    return parts.length ? parts.map((p) => this.inline(p.children)) : [this.inline(n.children)];
  }

  result(): string {
    // The list in its printed order: referenced notes in reading order, the others back in their place.
    const ordered = this.notes.filter((note) => note.position === undefined);
    const placed = this.notes.filter((note) => note.position !== undefined);
    placed.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    for (const note of placed) ordered.splice(Math.min((note.position ?? 1) - 1, ordered.length), 0, note);
    const list = ordered.map((note, k) => {
      if (note.arrow) return `- ${note.text}${note.open ? '' : '↩'}`;
      const number = note.number || String(k + 1);
      if (note.mark === 'slash') return `/${number}/ ${note.text}`;
      if (note.mark === 'bracket') return `[${number}] ${note.text}`;
      if (note.mark === 'symbol') return `${number} ${note.text}`;
      if (note.mark === 'alone') return `${number}\n\n${note.text}`;
      if (note.mark === 'glued') return `${number}${note.text}`;
      return `  ${number}. ${note.text}`;
    });
    return [...this.blocks, ...(list.length ? [list.join('\n')] : [])].join('\n\n');
  }
}

/** Inline content as the plain text writes it (brackets, glued note numbers), notes left out. */
export function inlineText(nodes: TeiNode[]): string {
  return new TextWriter().inline(nodes);
}

/** The plain text of one TEI document. */
export function documentText(tei: TeiElement): string {
  const writer = new TextWriter();
  const text = childElements(tei, 'text')[0];
  if (text) writer.block(text);
  return writer.result();
}

/** The plain text of every document in a TEI or teiCorpus file, separated by form feeds. */
export function teiToText(root: TeiElement): string {
  return teiDocuments(root)
    .map((doc) => documentText(doc))
    .join('\n\f\n');
}
