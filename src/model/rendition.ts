import type { TeiElement } from '../tei/node.ts';
import type { Notices } from './notices.ts';
import type { EmphasisStyle, Inline, RendFeature, Rendition, SourcePosition } from './types.ts';

const positionOf = (e: TeiElement): SourcePosition | undefined =>
  e.line ? { line: e.line, column: e.column ?? 1 } : undefined;

/**
 * `@rend`, `@rendition` and `@style` read once, here, into the model's closed set of
 * presentational features (`RendFeature`); every writer draws the features, none reads the
 * attributes. A value the model does not know is kept (`Rendition.classes`, a class in HTML and
 * EPUB) and reported once per value, at its first use (rule `tei-unknown-rend`).
 */

/** The rend values (and `@rendition` pointers' names) the model maps, in lower case. */
const TOKENS: Record<string, RendFeature[]> = {
  italic: ['italic'],
  italics: ['italic'],
  ital: ['italic'],
  i: ['italic'],
  it: ['italic'],
  bold: ['bold'],
  b: ['bold'],
  strong: ['strong'],
  smallcaps: ['smallcaps'],
  'small-caps': ['smallcaps'],
  small_caps: ['smallcaps'],
  sc: ['smallcaps'],
  sup: ['superscript'],
  super: ['superscript'],
  superscript: ['superscript'],
  sub: ['subscript'],
  subscript: ['subscript'],
  underline: ['underline'],
  underlined: ['underline'],
  ul: ['underline'],
  u: ['underline'],
  center: ['center'],
  centre: ['center'],
  centered: ['center'],
  centred: ['center'],
  right: ['right'],
  'align-right': ['right'],
  flushright: ['right'],
  'flush-right': ['right'],
  indent: ['indent'],
  indented: ['indent'],
  // FRUS: a section's title in a document (`I. Iran's Problems`), in italics or not; the heads of
  // the front matter's list of sources
  sectiontitle: ['sectionTitle'],
  sectiontitleital: ['sectionTitle', 'italic'],
  sectiontitlebold: ['sectionTitle', 'bold'],
  sourceheadcenterboldbig: ['sectionTitle', 'center', 'bold'],
  sourcearchiveboldbig: ['sectionTitle', 'bold'],
  sourceparagraphfullindent: ['indent'],
};

/**
 * Values the model knows that ask for no look of their own: the default look (upright, left,
 * the spacing of a list of sources), and the forms Recto's own TEI records for its round trip
 * (`italic underscore`: `_word_` in the plain text; a reader's `code` and `strikethrough`).
 */
const PLAIN: ReadonlySet<string> = new Set([
  'roman',
  'normal',
  'upright',
  'left',
  'flushleft',
  'justify',
  'sourceparagraphtightspacing',
  'sourceparagraphspaceafter',
  'underscore',
  'code',
  'strikethrough',
]);

/** CSS declarations of `@style` the model maps (property: value → features; [] the default look). */
function styleFeatures(property: string, value: string): RendFeature[] | undefined {
  const v = value.trim().toLowerCase();
  switch (property.trim().toLowerCase()) {
    case 'font-style':
      return /^(italic|oblique)$/.test(v) ? ['italic'] : v === 'normal' ? [] : undefined;
    case 'font-weight':
      return /^(bold|bolder|[6-9]00)$/.test(v) ? ['bold'] : /^(normal|[1-4]00)$/.test(v) ? [] : undefined;
    case 'font-variant':
    case 'font-variant-caps':
      return v === 'small-caps' ? ['smallcaps'] : v === 'normal' ? [] : undefined;
    case 'text-decoration':
    case 'text-decoration-line':
      return v.includes('underline') ? ['underline'] : v === 'none' ? [] : undefined;
    case 'vertical-align':
      return v === 'super'
        ? ['superscript']
        : v === 'sub'
          ? ['subscript']
          : v === 'baseline'
            ? []
            : undefined;
    case 'text-align':
      return v === 'center'
        ? ['center']
        : /^(right|end)$/.test(v)
          ? ['right']
          : /^(left|start|justify)$/.test(v)
            ? []
            : undefined;
    case 'text-indent':
    case 'margin-left':
    case 'padding-left':
      return /^0(\.0*)?[a-z%]*$/.test(v) ? [] : ['indent'];
    default:
      return undefined;
  }
}

/** The features of an element's rendition attributes, and the values the model does not know. */
export function renditionOf(e: TeiElement): { features: RendFeature[]; unknown: string[] } {
  const features: RendFeature[] = [];
  const unknown: string[] = [];
  const add = (found: RendFeature[]): void => {
    for (const f of found) if (!features.includes(f)) features.push(f);
  };
  const token = (value: string, shown: string): void => {
    const lower = value.toLowerCase();
    const found = TOKENS[lower];
    if (found) add(found);
    else if (!PLAIN.has(lower)) unknown.push(shown);
  };
  for (const t of (e.attrs.rend ?? '').split(/\s+/).filter(Boolean)) token(t, t);
  for (const t of (e.attrs.rendition ?? '').split(/\s+/).filter(Boolean)) token(t.replace(/^.*#/, ''), t);
  for (const declaration of (e.attrs.style ?? '').split(';')) {
    if (!declaration.trim()) continue;
    const [property = '', ...rest] = declaration.split(':');
    const found = styleFeatures(property, rest.join(':'));
    if (found) add(found);
    else unknown.push(declaration.trim().replace(/\s+/g, ''));
  }
  return { features, unknown };
}

/** The features that are a look of type, nested as emphasis, outermost first. */
const INLINE_FEATURES: ReadonlySet<RendFeature> = new Set<EmphasisStyle>([
  'italic',
  'bold',
  'strong',
  'smallcaps',
  'underline',
  'superscript',
  'subscript',
]);
export const isInlineFeature = (f: RendFeature): f is EmphasisStyle => INLINE_FEATURES.has(f);

/**
 * Reads an element's rendition, reporting each value the model does not know once (at its first
 * use); undefined when the element has none worth keeping.
 */
export function readRendition(e: TeiElement, notices: Notices): Rendition | undefined {
  const { features, unknown } = renditionOf(e);
  for (const value of unknown)
    notices.add(
      'tei-unknown-rend',
      value,
      `rendition "${value}" (on <${e.name}>) is not one the model knows; kept as the class ${renditionClass(value)}`,
      positionOf(e),
    );
  if (!features.length && !unknown.length) return undefined;
  return { features, ...(unknown.length ? { classes: unknown.map(renditionClass) } : {}) };
}

/** The class an unknown value is kept as (`rend-` and the value, letters, digits and hyphens). */
export const renditionClass = (value: string): string =>
  `rend-${value
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()}`;

/**
 * Inline content in a rendition: a feature that is a look of type nests it in emphasis; what
 * remains (a block's feature on a phrase, an unknown value) is kept on a span around it.
 */
export function withRendition(children: Inline[], rend: Rendition | undefined, role = 'hi'): Inline[] {
  if (!rend) return children;
  const rest: Rendition = {
    features: rend.features.filter((f) => !isInlineFeature(f)),
    ...(rend.classes ? { classes: rend.classes } : {}),
  };
  let out = children;
  for (const f of [...rend.features].reverse())
    if (isInlineFeature(f)) out = [{ kind: 'emphasis', style: f, children: out }];
  return rest.features.length || rest.classes ? [{ kind: 'span', role, rend: rest, children: out }] : out;
}
