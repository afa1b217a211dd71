import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceRecord, StatedSource } from '../src/meta.ts';
import type { ModelDocument, ModelEdition } from '../src/model/edition.ts';
import { type CslItem, documentCitation } from '../src/render/html/cite.ts';
import { citationExports } from '../src/render/html/cite-export.ts';
import { authorToken, citationKeys } from '../src/render/html/cite-keys.ts';
import { modelOf } from './support/model.ts';
import { recto, SEEDS, tempDir } from './support/run.ts';
import { DECLARED_CORPORA, sharedCorpus } from './support/shared.ts';

/**
 * Issue #26, citations: each document's source record knows what it is. A FRUS document cites
 * the volume (series, volume, editors, imprint, document number, pages), never its archival
 * source note or file number; keys are unique across the edition and whole in RIS; CSL-JSON,
 * BibTeX and RIS (written by citation-js) read back with citation-js to the same item.
 * For the seeds (the site's files), and for 20 documents of each shared volume built from its
 * texts and read from its volume.xml (the whole volume's keys checked unique). ~25 s.
 */
const EPOCH = '1767225600';
/** What an archival source note or a file number looks like: never a container. */
const ARCHIVAL = /^(?:\[?Source\b|\d{3}\.[0-9A-Z]+\/)/;

interface Exported {
  key: string;
  item: CslItem;
  json: string;
  bib: string;
  ris: string;
}

/** Checks the three files of one citation read back alike; gives what is wrong, nothing when right. */
function readBack(label: string, e: Exported): string[] {
  const problems: string[] = [];
  const fail = (what: string): void => {
    problems.push(`${label}: ${what}`);
  };
  const [json] = JSON.parse(e.json) as CslItem[];
  if (json?.id !== e.key || json['citation-key'] !== e.key) fail(`JSON id ${json?.id}`);
  for (const [format, text] of [
    ['json', e.json],
    ['bib', e.bib],
    ['ris', e.ris],
  ] as const) {
    const data = new Cite(text).data as Record<string, unknown>[];
    if (data.length !== 1) {
      fail(`${format}: ${data.length} items`);
      continue;
    }
    const back = data[0] as Record<string, unknown>;
    const key = format === 'bib' ? back['citation-key'] : back.id;
    if (key !== e.key) fail(`${format}: key ${String(key)} ≠ ${e.key}`);
    if (String(back.title).trim() !== e.item.title) fail(`${format}: title ${String(back.title)}`);
    if (back['container-title'] !== e.item['container-title'])
      fail(`${format}: container ${String(back['container-title'])}`);
    if (String(back.volume ?? '') !== String(e.item.volume ?? '')) fail(`${format}: volume`);
    const editors = ((back.editor as { literal?: string; family?: string }[] | undefined) ?? []).length;
    if (editors !== (e.item.editor ?? []).length) fail(`${format}: ${editors} editors`);
    const page = back.page ?? back['page-first'];
    // (RIS gives a range back as its first page and the page count, citation-js as a range)
    if (e.item.page && !String(page).startsWith(e.item.page.split('-')[0] as string))
      fail(`${format}: page ${page}`);
  }
  return problems;
}

const cited = (edition: ModelEdition, doc: ModelDocument): Exported => {
  const key = citationKeys(edition.documents).get(doc.id) as string;
  const { csl } = documentCitation(doc, edition.meta, key);
  return { key, item: csl, ...citationExports(csl) };
};

/** `n` documents spread over the volume (its first, its last and between). */
const spread = <T>(list: T[], n: number): T[] =>
  list.length <= n
    ? list
    : Array.from({ length: n }, (_, k) => list[Math.round((k * (list.length - 1)) / (n - 1))] as T);

const volumeOf = (record: SourceRecord): StatedSource => {
  const { pages: _p, document: _d, url: _u, idno: _i, ...volume } = record;
  return volume;
};

describe('citation keys', () => {
  it('are author, year and document, plain ASCII, whole words where they fit', () => {
    expect(authorToken('The Chargé in the Soviet Union (Kennan)')).toBe('Kennan');
    expect(authorToken('Lyndon B. Johnson')).toBe('Johnson');
    expect(authorToken('the Embassy in Iran')).toBe('EmbassyIran');
    expect(authorToken('Department of State')).toBe('Department');
    expect(authorToken('President Johnson')).toBe('Johnson');
    expect(authorToken('the Secretary of State')).toBe('Secretary');
    expect(authorToken(undefined)).toBe('Anon');
  });

  it('are made unique by a letter, in edition order, and never longer than RIS keeps (20)', () => {
    const doc = (id: string, author: string, number?: string): ModelDocument =>
      ({
        id,
        title: id,
        kind: 'document',
        author,
        when: '1964-01-02',
        record: { editors: [], document: number },
        blocks: [],
      }) as ModelDocument;
    const docs = [doc('a', 'the Embassy in Iran'), doc('b', 'the Embassy in Iran'), doc('c', 'Kennan', '3')];
    expect([...citationKeys(docs).values()]).toEqual([
      'EmbassyIran1964a',
      'EmbassyIran1964b',
      'Kennan1964_3',
    ]);
    const many = Array.from({ length: 30 }, (_, k) => doc(`d${k}`, 'Administrator of Agency', '12345'));
    const keys = [...citationKeys(many).values()];
    expect(new Set(keys).size).toBe(30);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(20);
  });
});

describe('the seeds’ citations (the site’s cite/ files)', () => {
  let site = '';
  let edition: ModelEdition;
  beforeAll(async () => {
    const out = tempDir('recto-cite-seeds-');
    const r = recto(['build', '--out', out, '--formats', 'html', '--no-cache', '--quiet'], {
      env: { SOURCE_DATE_EPOCH: EPOCH },
    });
    expect(r.status, r.stderr).toBe(0);
    site = join(out, 'html');
    edition = await modelOf(join(out, 'tei', 'edition.xml'));
  }, 120_000);

  it('read back alike in CSL-JSON, BibTeX and RIS, under keys unique across the edition', () => {
    const keys = citationKeys(edition.documents);
    expect(new Set(keys.values()).size).toBe(edition.documents.length);
    const problems: string[] = [];
    for (const doc of edition.documents) {
      const file = (ext: string): string => readFileSync(join(site, 'cite', `${doc.id}.${ext}`), 'utf8');
      const [item] = JSON.parse(file('json')) as CslItem[];
      const key = keys.get(doc.id) as string;
      problems.push(
        ...readBack(doc.id, {
          key,
          item: item as CslItem,
          json: file('json'),
          bib: file('bib'),
          ris: file('ris'),
        }),
      );
      expect(file('ris')).toContain(`ID  - ${key}\n`);
      expect(file('bib').startsWith(`@`)).toBe(true);
      expect(file('bib')).toContain(`{${key},`);
    }
    expect(problems).toEqual([]);
  });

  it('name the printed volume as the container, never an archival note; without one the document stands alone', () => {
    const manifest = JSON.parse(readFileSync(join(SEEDS, 'edition.json'), 'utf8')) as {
      documents: { file: string; source?: string | StatedSource }[];
    };
    for (const [k, doc] of edition.documents.entries()) {
      const [item] = JSON.parse(readFileSync(join(site, 'cite', `${doc.id}.json`), 'utf8')) as CslItem[];
      const stated = manifest.documents[k]?.source;
      const container = typeof stated === 'string' ? stated : stated?.title;
      expect(item?.['container-title'], doc.id).toBe(container);
      if (container) expect(item?.type).toBe('chapter');
      else {
        // seed 003: the text names only its archive (Roosevelt Papers), which is a note
        expect(item?.type, doc.id).toBe('letter');
        expect(item?.note, doc.id).toContain('Source: Roosevelt Papers');
      }
      expect(item?.['container-title'] ?? '').not.toMatch(ARCHIVAL);
    }
    // seed 003 cites the printed volume it is document 123 of (history.state.gov/historicaldocuments/frus1944Quebec/d123)
    const [d003] = JSON.parse(
      readFileSync(join(site, 'cite', `${edition.documents[3]?.id}.json`), 'utf8'),
    ) as CslItem[];
    expect(d003).toMatchObject({
      type: 'chapter',
      'container-title': 'Foreign Relations of the United States, Conference at Quebec, 1944',
      'collection-title': 'Foreign Relations of the United States',
      editor: [{ literal: 'Richardson Dougall' }],
      issued: { 'date-parts': [[1972]] },
      'chapter-number': '123',
      page: '192-193',
    });
    const [d004] = JSON.parse(
      readFileSync(join(site, 'cite', `${edition.documents[4]?.id}.json`), 'utf8'),
    ) as CslItem[];
    expect(d004).toMatchObject({
      id: 'Kennan1946b',
      'container-title':
        'Foreign Relations of the United States, 1946, Volume VI, Eastern Europe; The Soviet Union',
      'collection-title': 'Foreign Relations of the United States',
      volume: 'VI',
      editor: [{ literal: 'Rogers P. Churchill' }, { literal: 'William Slany' }],
      publisher: 'United States Government Printing Office',
      page: '721-723',
    });
  });
});

describe.each(DECLARED_CORPORA)('the citations of %s', (name) => {
  let volume: ModelEdition;
  let fromTexts: ModelEdition;
  let unstated: ModelEdition;
  beforeAll(async () => {
    volume = await modelOf(sharedCorpus(name, 'volume.xml'));
    // The same volume from its plain texts (20 of them), as a user states it in edition.json:
    // its identity read from the volume's own teiHeader.
    const texts = readdirSync(sharedCorpus(name))
      .filter((f) => /^\d+\.txt$/.test(f))
      .sort();
    const files = spread(texts, 20);
    const build = async (sourceEdition?: StatedSource): Promise<ModelEdition> => {
      const dir = join(tempDir('recto-cite-texts-'), 'sources');
      mkdirSync(dir);
      for (const f of files) symlinkSync(sharedCorpus(name, f), join(dir, f));
      if (sourceEdition)
        writeFileSync(
          join(dir, 'edition.json'),
          JSON.stringify({
            id: name,
            title: `${name} from its texts`,
            editor: 'A Reader',
            publisher: 'Recto tests',
            licence: 'Public domain',
            language: 'en',
            sourceEdition,
            documents: files.map((file) => ({ file })),
          }),
        );
      const out = tempDir('recto-cite-out-');
      const r = recto(['build', '--sources', dir, '--out', out, '--formats', 'tei', '--no-cache', '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      return modelOf(join(out, 'tei', 'edition.xml'));
    };
    const record = (volume.documents.find((d) => d.kind === 'document') as ModelDocument).record;
    fromTexts = await build(volumeOf(record));
    unstated = await build();
  }, 120_000);

  it('from volume.xml: every key unique across the volume, 20 documents read back citing the volume', () => {
    const docs = volume.documents.filter((d) => d.kind === 'document');
    const keys = citationKeys(volume.documents);
    expect(new Set(keys.values()).size).toBe(volume.documents.length);
    const problems: string[] = [];
    for (const doc of spread(docs, 20)) {
      const e = cited(volume, doc);
      problems.push(...readBack(`${name} ${doc.id}`, e));
      expect(e.item.type).toBe('chapter');
      expect(e.item['container-title']).toBe(volume.meta.title);
      expect(e.item['collection-title']).toBe('Foreign Relations of the United States');
      expect(e.item.volume).toMatch(/^[IVXLC]+(?:, Part \d+)?$/);
      expect(e.item.editor?.length).toBeGreaterThan(0);
      expect(e.item['chapter-number']).toBe(doc.number);
      expect(e.item.issued?.['date-parts'][0]?.[0]).toBeGreaterThan(1900);
    }
    expect(problems).toEqual([]);
  });

  it('from its texts with the volume stated: the same container, the source note a note', () => {
    const keys = citationKeys(fromTexts.documents);
    expect(new Set(keys.values()).size).toBe(fromTexts.documents.length);
    const problems: string[] = [];
    for (const doc of fromTexts.documents) {
      const e = cited(fromTexts, doc);
      problems.push(...readBack(`${name} ${doc.id}`, e));
      expect(e.item.type).toBe('chapter');
      expect(e.item['container-title']).toBe(volume.meta.title);
      expect(e.item.volume).toBe(volume.documents[0]?.record.volume);
      expect(e.item.publisher).toBeTruthy();
    }
    expect(problems).toEqual([]);
  });

  it('from its texts with nothing stated: no container made of the source note; it is the note', () => {
    const problems: string[] = [];
    for (const doc of unstated.documents) {
      const e = cited(unstated, doc);
      problems.push(...readBack(`${name} ${doc.id}`, e));
      expect(e.item['container-title'], doc.id).toBeUndefined();
      expect(['letter', 'manuscript', 'document']).toContain(e.item.type);
      if (doc.source?.startsWith('Source:')) expect(e.item.note).toContain(doc.source);
    }
    expect(problems).toEqual([]);
  });
});
