import { z } from 'zod';
import type { EditionMeta, SourceRecord, StatedSource } from '../meta.ts';
import type { RegisterEntry } from '../register/types.ts';
import type { ModelDocument, UnknownElement } from './edition.ts';
import type { Mention } from './mentions.ts';
import type { ModelNotice } from './notices.ts';
import type {
  AsideRole,
  Block,
  BlockOf,
  FigureMedia,
  Inline,
  InlineOf,
  ListItem,
  RendFeature,
  Rendition,
  TableCell,
} from './types.ts';

/**
 * The edition model as JSON (src/model/json.ts), checked as it is read: a hand-written fixture
 * with a misspelt kind or field is reported at its line:column, not drawn wrongly by a writer.
 * Every object is strict (an unknown field is an error). The schema mirrors types.ts and cannot
 * drift from it silently: each node schema must produce its kind's type (`satisfies`), a kind
 * without a schema and an enum that lacks a member of its type are compile errors (`every`).
 */

/** A zod enum of every member of a string union: a member missing here is a compile error. */
const every = <T extends string>(members: { [K in T]: K }) => z.enum(members);

const str = z.string();
const opt = str.optional();
const at = z.strictObject({ line: z.number().int(), column: z.number().int() }).optional();

const inlines: z.ZodType<Inline[]> = z.lazy(() => z.array(inline));

const rendition: z.ZodType<Rendition> = z.strictObject({
  features: z.array(
    every<RendFeature>({
      italic: 'italic',
      bold: 'bold',
      strong: 'strong',
      smallcaps: 'smallcaps',
      underline: 'underline',
      superscript: 'superscript',
      subscript: 'subscript',
      center: 'center',
      right: 'right',
      indent: 'indent',
      sectionTitle: 'sectionTitle',
    }),
  ),
  classes: z.array(str).optional(),
});
const blocks: z.ZodType<Block[]> = z.lazy(() => z.array(block));

const INLINE = {
  text: z.strictObject({ kind: z.literal('text'), text: str }),
  emphasis: z.strictObject({
    kind: z.literal('emphasis'),
    style: every<InlineOf<'emphasis'>['style']>({
      italic: 'italic',
      bold: 'bold',
      strong: 'strong',
      smallcaps: 'smallcaps',
      underline: 'underline',
      superscript: 'superscript',
      subscript: 'subscript',
    }),
    children: inlines,
  }),
  citedTitle: z.strictObject({ kind: z.literal('citedTitle'), children: inlines }),
  pageBreak: z.strictObject({ kind: z.literal('pageBreak'), n: str, id: opt }),
  footnote: z.strictObject({ kind: z.literal('footnote'), n: str, id: opt, body: blocks }),
  editorialNote: z.strictObject({ kind: z.literal('editorialNote'), children: inlines }),
  gap: z.strictObject({ kind: z.literal('gap'), words: str, stated: z.boolean() }),
  supplied: z.strictObject({ kind: z.literal('supplied'), conjecture: z.boolean(), children: inlines }),
  correction: z.strictObject({
    kind: z.literal('correction'),
    by: every<InlineOf<'correction'>['by']>({
      source: 'source',
      edition: 'edition',
      regularization: 'regularization',
      expansion: 'expansion',
    }),
    original: inlines,
    corrected: inlines,
  }),
  link: z.strictObject({
    kind: z.literal('link'),
    target: z.union([z.strictObject({ external: str }), z.strictObject({ internal: str })]),
    term: z.boolean().optional(),
    see: z.boolean().optional(),
    children: inlines,
  }),
  name: z.strictObject({
    kind: z.literal('name'),
    type: every<InlineOf<'name'>['type']>({
      person: 'person',
      place: 'place',
      org: 'org',
      date: 'date',
      time: 'time',
      other: 'other',
    }),
    key: opt,
    children: inlines,
  }),
  mention: z.strictObject({
    kind: z.literal('mention'),
    entity: every<InlineOf<'mention'>['entity']>({ person: 'person', place: 'place', org: 'org' }),
    id: str,
    anchor: str,
    children: inlines,
  }),
  lineBreak: z.strictObject({ kind: z.literal('lineBreak') }),
  span: z.strictObject({
    kind: z.literal('span'),
    role: str,
    id: opt,
    rend: rendition.optional(),
    children: inlines,
  }),
  unknown: z.strictObject({ kind: z.literal('unknown'), name: str, at, children: inlines }),
} satisfies { [K in Inline['kind']]: z.ZodType<InlineOf<K>> };

const item: z.ZodType<ListItem> = z.strictObject({ marker: opt, label: inlines.optional(), blocks });
const cell: z.ZodType<TableCell> = z.strictObject({ header: z.boolean(), span: z.number().int(), blocks });
const container = <K extends string>(k: K) => z.strictObject({ kind: z.literal(k), children: blocks });

const BLOCK = {
  paragraph: z.strictObject({
    kind: z.literal('paragraph'),
    id: opt,
    continued: z.boolean(),
    rend: rendition.optional(),
    children: inlines,
  }),
  heading: z.strictObject({
    kind: z.literal('heading'),
    role: every<BlockOf<'heading'>['role']>({
      title: 'title',
      subtitle: 'subtitle',
      section: 'section',
      division: 'division',
    }),
    level: z.number().int(),
    id: opt,
    children: inlines,
  }),
  sourceNote: z.strictObject({ kind: z.literal('sourceNote'), id: opt, lines: z.array(inlines) }),
  editorialNote: z.strictObject({ kind: z.literal('editorialNote'), children: inlines }),
  omission: z.strictObject({
    kind: z.literal('omission'),
    words: str,
    stated: z.boolean(),
    dots: z.boolean(),
  }),
  pageBreak: z.strictObject({ kind: z.literal('pageBreak'), n: str, id: opt }),
  list: z.strictObject({
    kind: z.literal('list'),
    style: every<BlockOf<'list'>['style']>({ dash: 'dash', ordered: 'ordered', plain: 'plain' }),
    head: inlines.optional(),
    items: z.array(item),
  }),
  table: z.strictObject({ kind: z.literal('table'), head: inlines.optional(), rows: z.array(z.array(cell)) }),
  quote: container('quote'),
  dateline: z.strictObject({ kind: z.literal('dateline'), children: inlines }),
  opener: container('opener'),
  closer: container('closer'),
  postscript: container('postscript'),
  attachment: z.strictObject({ kind: z.literal('attachment'), id: opt, children: blocks }),
  division: z.strictObject({ kind: z.literal('division'), id: opt, children: blocks }),
  aside: z.strictObject({
    kind: z.literal('aside'),
    role: every<AsideRole>({
      headnote: 'headnote',
      questions: 'questions',
      unitIntroduction: 'unitIntroduction',
      readingList: 'readingList',
      glossary: 'glossary',
    }),
    id: opt,
    children: blocks,
  }),
  line: z.strictObject({
    kind: z.literal('line'),
    role: every<BlockOf<'line'>['role']>({
      salute: 'salute',
      signed: 'signed',
      byline: 'byline',
      trailer: 'trailer',
      titlePart: 'titlePart',
      imprint: 'imprint',
      label: 'label',
      bibl: 'bibl',
      idno: 'idno',
      verse: 'verse',
      caption: 'caption',
    }),
    number: opt,
    rend: rendition.optional(),
    children: inlines,
  }),
  figure: z.strictObject({
    kind: z.literal('figure'),
    id: opt,
    caption: inlines,
    description: str,
    media: z.array(
      z.strictObject({
        type: every<FigureMedia['type']>({ image: 'image', video: 'video', embedded: 'embedded' }),
        url: opt,
        mimeType: opt,
        width: opt,
        height: opt,
        data: opt,
        at,
      }),
    ),
  }),
  boilerplate: z.strictObject({ kind: z.literal('boilerplate'), children: inlines }),
  unanchoredNote: z.strictObject({ kind: z.literal('unanchoredNote'), n: str, id: opt, body: blocks }),
  unknown: z.strictObject({ kind: z.literal('unknown'), name: str, at, children: blocks }),
} satisfies { [K in Block['kind']]: z.ZodType<BlockOf<K>> };

type InlineSchema = (typeof INLINE)[keyof typeof INLINE];
type BlockSchema = (typeof BLOCK)[keyof typeof BLOCK];
// (the tables are complete, so their values are every option; zod wants them as a non-empty tuple)
const inline: z.ZodType<Inline> = z.discriminatedUnion(
  'kind',
  Object.values(INLINE) as [InlineSchema, ...InlineSchema[]],
);
const block: z.ZodType<Block> = z.discriminatedUnion(
  'kind',
  Object.values(BLOCK) as [BlockSchema, ...BlockSchema[]],
);

/** The node kinds the schema reads, for a test that the fixtures cover every one. */
export const INLINE_KINDS = Object.keys(INLINE) as Inline['kind'][];
export const BLOCK_KINDS = Object.keys(BLOCK) as Block['kind'][];

const entityType = every<RegisterEntry['type']>({ person: 'person', place: 'place', org: 'org' });
const registerEntry: z.ZodType<RegisterEntry> = z.strictObject({
  id: str,
  type: entityType,
  name: str,
  variants: z.array(str),
  description: opt,
  from: opt,
  to: opt,
  authorities: z.record(str, str),
});

const manifestRecord: z.ZodType<StatedSource> = z.strictObject({
  title: opt,
  series: opt,
  volume: opt,
  editors: z.array(str).optional(),
  publisher: opt,
  pubPlace: opt,
  year: opt,
  document: opt,
  pages: opt,
  url: opt,
  idno: opt,
});

const meta: z.ZodType<EditionMeta> = z.strictObject({
  id: str,
  title: str,
  subtitle: opt,
  editor: opt,
  publisher: opt,
  licence: opt,
  licenceUrl: opt,
  language: str,
  date: opt,
  modified: opt,
  sourceEdition: manifestRecord.optional(),
  editors: z.array(z.strictObject({ name: str, role: opt })).optional(),
  register: z.strictObject({ entries: z.array(registerEntry) }).optional(),
});

const record: z.ZodType<SourceRecord> = z.strictObject({
  title: opt,
  series: opt,
  volume: opt,
  editors: z.array(str),
  publisher: opt,
  pubPlace: opt,
  year: opt,
  document: opt,
  pages: z.strictObject({ from: str, to: str }).optional(),
  url: opt,
  idno: opt,
});

const document: z.ZodType<ModelDocument> = z.strictObject({
  id: str,
  title: str,
  kind: every<ModelDocument['kind']>({ front: 'front', document: 'document', back: 'back' }),
  number: opt,
  group: opt,
  author: opt,
  recipient: opt,
  date: opt,
  when: opt,
  place: opt,
  source: opt,
  sourceEdition: opt,
  record,
  excerpt: z.boolean().optional(),
  blocks,
  startPage: opt,
  startLocator: opt,
});

const unknownElement: z.ZodType<UnknownElement> = z.strictObject({ name: str, at, count: z.number().int() });

const notice: z.ZodType<ModelNotice> = z.strictObject({
  ruleId: str,
  severity: every<ModelNotice['severity']>({ warning: 'warning', info: 'info' }),
  message: str,
  at,
  count: z.number().int(),
});

const mention: z.ZodType<Mention> = z.strictObject({
  anchor: str,
  document: z.number().int(),
  page: opt,
  inNote: z.boolean(),
  note: opt,
  words: str,
});

/** The whole file: the model's fields, `mentions` as the Map's entries (`[[entry id, [mention …]] …]`). */
export const MODEL_JSON = z.strictObject({
  meta,
  introduction: blocks.optional(),
  documents: z.array(document),
  unknown: z.array(unknownElement),
  notices: z.array(notice).optional(),
  register: z.array(registerEntry),
  mentions: z.array(z.tuple([str, z.array(mention)])),
});
