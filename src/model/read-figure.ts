import { isElement, localName, type TeiElement, type TeiNode, textContent } from '../tei/node.ts';
import { positionOf } from './read-inline.ts';
import { displayText } from './reading-text.ts';
import type { BlockOf, FigureMedia, Inline } from './types.ts';

/**
 * A TEI figure → the model's figure block: its caption (`head`, `p`), its description (the
 * alternative text: `figDesc`, else the head, else the caption) and what it shows, each with its
 * address as the TEI gives it — a `graphic` (`url`, `mimeType`, `width`, `height`), a
 * `binaryObject` (its base64 bytes), a `media` element, or an embedded XHTML object (a video
 * player pasted into the TEI: `object`, `embed`, `iframe`, `video`, `audio`; its scripts and
 * hidden markup are not words). A bare `graphic`, `binaryObject` or `media` outside a figure is a
 * figure of its own. Nothing it holds is dropped without a trace: what a writer cannot show, it
 * shows as a placeholder with the address (src/render/figures.ts).
 */

const XHTML = 'http://www.w3.org/1999/xhtml';
/** The elements of a figure that are what it shows, not words. */
export const FIGURE_MEDIA = new Set(['graphic', 'binaryObject', 'media']);
const EMBEDDED = new Set(['object', 'embed', 'iframe', 'video', 'audio']);
/** XHTML that goes with an embedded player and has no words for a reader. */
const PLAYER_PARTS = new Set(['script', 'noscript', 'style', 'param', 'div', 'span', 'source']);

const isXhtml = (e: TeiElement): boolean => e.attrs.xmlns === XHTML || e.name.startsWith('xhtml:');

const sized = (e: TeiElement): Pick<FigureMedia, 'width' | 'height'> => ({
  ...(e.attrs.width ? { width: e.attrs.width } : {}),
  ...(e.attrs.height ? { height: e.attrs.height } : {}),
});

/** A `graphic`, `binaryObject` or `media` element → what it shows. */
function mediaOf(e: TeiElement): FigureMedia {
  const at = positionOf(e);
  const name = localName(e.name);
  const mimeType = e.attrs.mimeType?.trim() || undefined;
  if (name === 'binaryObject') {
    return {
      type: 'image',
      ...(mimeType ? { mimeType } : {}),
      ...sized(e),
      data: textContent(e).replace(/\s+/g, ''),
      ...(at ? { at } : {}),
    };
  }
  const url = e.attrs.url?.trim() || undefined;
  const type = name === 'graphic' || mimeType?.startsWith('image/') ? 'image' : videoLike(mimeType);
  return {
    type,
    ...(url ? { url } : {}),
    ...(mimeType ? { mimeType } : {}),
    ...sized(e),
    ...(at ? { at } : {}),
  };
}

const videoLike = (mimeType: string | undefined): FigureMedia['type'] =>
  mimeType?.startsWith('video/') || mimeType === undefined ? 'video' : 'embedded';

/** The address of an embedded XHTML object: its own, else a parameter that names what it plays. */
function embeddedAddress(e: TeiElement): string | undefined {
  const own = e.attrs.data ?? e.attrs.src;
  if (own?.trim()) return own.trim();
  const params = e.children
    .filter(isElement)
    .filter((c) => localName(c.name) === 'param' || localName(c.name) === 'source');
  for (const p of params) {
    const key = (p.attrs.name ?? '').toLowerCase();
    if (['movie', 'src', 'url', 'data', 'file'].includes(key) && p.attrs.value?.trim())
      return p.attrs.value.trim();
    if (p.attrs.src?.trim()) return p.attrs.src.trim();
  }
  // (a player that names its video by an id: `@videoPlayer` 3652221451001)
  const video = params.find((p) => /video/i.test(p.attrs.name ?? '') && p.attrs.value?.trim());
  return video ? `${(video.attrs.name ?? '').replace(/^@/, '')} ${video.attrs.value?.trim()}` : undefined;
}

/** An embedded XHTML object → what it shows (a player is a video unless it says otherwise). */
function embeddedOf(e: TeiElement): FigureMedia {
  const at = positionOf(e);
  const url = embeddedAddress(e);
  const name = localName(e.name);
  const mimeType = e.attrs.type?.trim() || undefined;
  const type: FigureMedia['type'] =
    name === 'video' ||
    /video|player|brightcove|youtube|vimeo/i.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`)
      ? 'video'
      : mimeType?.startsWith('image/')
        ? 'image'
        : 'embedded';
  return {
    type,
    ...(url ? { url } : {}),
    ...(mimeType ? { mimeType } : {}),
    ...sized(e),
    ...(at ? { at } : {}),
  };
}

/** What an element of a figure shows, searched through the XHTML wrappers around a player. */
function collectMedia(nodes: TeiNode[], out: FigureMedia[], scripts: TeiElement[]): void {
  for (const c of nodes) {
    if (!isElement(c)) continue;
    const name = localName(c.name);
    if (FIGURE_MEDIA.has(name) && !isXhtml(c)) out.push(mediaOf(c));
    else if (EMBEDDED.has(name) && isXhtml(c)) out.push(embeddedOf(c));
    else if (isXhtml(c) && name === 'script') scripts.push(c);
    else if (isXhtml(c)) collectMedia(c.children, out, scripts);
  }
}

/** Whether an element is part of a figure's showing (media or the XHTML around it), not its words. */
const isShowing = (c: TeiElement): boolean =>
  (FIGURE_MEDIA.has(localName(c.name)) && !isXhtml(c)) ||
  (isXhtml(c) && (EMBEDDED.has(localName(c.name)) || PLAYER_PARTS.has(localName(c.name))));

/**
 * `e` a `figure`, or a `graphic`/`binaryObject`/`media` standing alone; `inlines` reads running
 * text (the block reader's, so notes in a caption are lifted as everywhere else).
 */
export function readFigure(e: TeiElement, inlines: (nodes: TeiNode[]) => Inline[]): BlockOf<'figure'> {
  const name = localName(e.name);
  const at = positionOf(e);
  if (name !== 'figure') return { kind: 'figure', caption: [], description: '', media: [mediaOf(e)] };
  const elements = e.children.filter(isElement);
  const media: FigureMedia[] = [];
  const scripts: TeiElement[] = [];
  collectMedia(elements, media, scripts);
  // a player whose object is gone but whose script is left still was a player
  if (!media.some((m) => m.type !== 'image') && scripts.length && elements.some((c) => isXhtml(c))) {
    const src = scripts.map((s) => s.attrs.src?.trim()).find(Boolean);
    media.push({ type: 'embedded', ...(src ? { url: src } : {}), ...(at ? { at } : {}) });
  }
  const parts = elements
    .filter((c) => ['head', 'p'].includes(localName(c.name)))
    .map((c) => ({ head: localName(c.name) === 'head', inlines: inlines(c.children) }));
  const caption = parts.flatMap((p) => p.inlines);
  const heads = parts.filter((p) => p.head);
  const described = elements.filter((c) => localName(c.name) === 'figDesc');
  const description = squash(
    described.length
      ? described.map(textContent).join(' ')
      : heads.length
        ? heads.map((h) => displayText(h.inlines)).join(' ')
        : displayText(caption),
  );
  // (anything else a figure holds — a nested figure, a table — is not dropped: it is read as blocks
  // by the caller, after the figure)
  return {
    kind: 'figure',
    ...(e.attrs['xml:id'] ? { id: e.attrs['xml:id'] } : {}),
    caption,
    description,
    media,
  };
}

/** The elements of a figure that are neither its caption, its description nor what it shows. */
export const figureRest = (e: TeiElement): TeiElement[] =>
  localName(e.name) !== 'figure'
    ? []
    : e.children
        .filter(isElement)
        .filter((c) => !['head', 'p', 'figDesc'].includes(localName(c.name)) && !isShowing(c));

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
