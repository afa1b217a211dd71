import type { BlockOf, FigureMedia } from '../../model/types.ts';
import { type FigureImages, type FoundImage, mediaKey, type StandIn, showsIn, standIns } from '../figures.ts';
import { fill, readTemplate } from '../template.ts';
import { escapeAttr, escapeHtml } from './escape.ts';

/**
 * A figure in HTML (and, with its own templates and image folder, in the EPUB): each image the
 * format holds as an `img` (alternative text: the figure's description), each other thing it
 * shows as a visible placeholder — the notice, the address (a link when it is a URL), the
 * description — and the caption under them. The markup is the publisher's:
 * `templates/<html|epub>/figure.html`, `figure-image.html`, `figure-placeholder.html`.
 */
export interface HtmlFigures {
  /** `html` or `epub`: whose templates and which image types. */
  format: 'html' | 'epub';
  images: FigureImages;
  /** An image's address in the page, from its name in the output (`../assets/figures/x.png`). */
  src: (name: string) => string;
  /** The images drawn, by name: the writer copies them into its output. */
  used: Map<string, { found: FoundImage; media: FigureMedia }>;
}

export function newFigures(
  format: HtmlFigures['format'],
  images: FigureImages | undefined,
  src: HtmlFigures['src'],
  used: HtmlFigures['used'] = new Map(),
): HtmlFigures {
  return { format, images: images ?? {}, src, used };
}

const template = (format: string, name: string): string => readTemplate(format, name).trimEnd();

/** A CSS-free size attribute: only a whole number of pixels becomes one (`26pc` stays the print's). */
const pixels = (name: string, value: string | undefined): string =>
  value && /^\d+(px)?$/.test(value.trim()) ? ` ${name}="${Number.parseInt(value, 10)}"` : '';

function placeholder(format: string, s: StandIn): string {
  const address = s.address
    ? `: ${s.href ? `<a class="figure-address" href="${escapeAttr(s.href)}">${escapeHtml(s.address)}</a>` : `<span class="figure-address">${escapeHtml(s.address)}</span>`}`
    : '';
  const description = s.description
    ? ` <span class="figure-description">${escapeHtml(s.description)}</span>`
    : '';
  return fill(
    template(format, 'figure-placeholder.html'),
    { notice: s.notice, address, description },
    'figure-placeholder.html',
  );
}

/** The figure's HTML; `caption`: its caption already drawn (inline HTML), empty when it has none. */
export function figureHtml(
  b: BlockOf<'figure'>,
  given: HtmlFigures | undefined,
  caption: string,
  id: string | undefined,
): string {
  const figures = given ?? newFigures('html', {}, (n) => n);
  const { format } = figures;
  const shown = showsIn(format, figures.images);
  const stand = standIns(b, shown);
  let k = 0;
  const media = b.media
    .map((m) => {
      const key = mediaKey(m);
      const found = key ? figures.images[key] : undefined;
      if (found && shown(m)) {
        figures.used.set(found.name, { found, media: m });
        return fill(
          template(format, 'figure-image.html'),
          {
            src: figures.src(found.name),
            alt: b.description,
            size: `${pixels('width', m.width)}${pixels('height', m.height)}`,
          },
          'figure-image.html',
        );
      }
      const s = stand[k++];
      return s ? placeholder(format, s) : '';
    })
    .join('');
  // (a figure with nothing to show and no caption still says that it is there)
  const rest = stand
    .slice(k)
    .map((s) => placeholder(format, s))
    .join('');
  return fill(
    template(format, 'figure.html'),
    {
      id: id ? ` id="${escapeAttr(id)}"` : '',
      media: media + rest,
      caption: caption ? `<figcaption>${caption}</figcaption>` : '',
    },
    'figure.html',
  );
}
