import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stageFingerprint } from '../src/cache/fingerprint.ts';
import type { ModelEdition } from '../src/model/edition.ts';
import { build } from '../src/pipeline/build.ts';
import type { Writer } from '../src/render/writer.ts';
import { knownFormats, WRITERS, writerFor } from '../src/render/writers.ts';
import { silentReporter } from '../src/report.ts';
import { modelOf } from './support/model.ts';
import { SEEDS, tempDir } from './support/run.ts';

/**
 * Issue #28: one writer contract over the model. A format is its writer and one line in the list
 * (src/render/writers.ts): a toy writer added to the list alone is built, fingerprinted, cached and
 * offered for download, and is handed the model the build made once for every writer.
 */
const handed: ModelEdition[] = [];

const toy = (format: string, download?: string): Writer => ({
  format,
  cost: 5,
  outputs: (meta) => [`${meta.id}.${format}.txt`],
  download,
  inputs: { code: ['../test/writers.test.ts'], templates: [], env: [] },
  warm: async () => {},
  write: async (edition, out, options) => {
    handed.push(edition);
    const file = join(out, `${edition.meta.id}.${format}.txt`);
    await mkdir(out, { recursive: true });
    // every document's title, and what the writer was told of the other formats
    const titles = edition.documents.map((d) => d.title).join('\n');
    await writeFile(file, `${titles}\n--\n${options.formats.join(',')}\n`);
    return [file];
  },
});

afterEach(() => {
  for (const name of ['toy', 'toy2']) {
    const k = WRITERS.findIndex((w) => w.format === name);
    if (k >= 0) WRITERS.splice(k, 1);
  }
  handed.length = 0;
});

describe('the one list of writers', () => {
  it('a toy writer added to the list is built, fingerprinted, cached and offered for download', async () => {
    WRITERS.push(toy('toy', 'Plain titles'));
    expect(knownFormats()).toContain('toy');
    const out = tempDir();
    const options = { sources: SEEDS, out, reporter: silentReporter, jobs: 1 };
    const first = await build({ ...options, formats: ['tei', 'html', 'toy'] });
    const file = join(out, 'soviet-conduct.toy.txt');
    expect(first.rendered).toEqual(['html', 'toy']);
    expect(first.files).toContain(file);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^Report on Soviet Foreign Policy[\s\S]*\nThe Long Telegram\n[\s\S]*\n--\ntei,html,toy\n$/,
    );
    // fingerprinted from what it declares, apart from every other stage
    const prints = ['normalize', 'html', 'epub', 'pdf', 'toy'].map(stageFingerprint);
    expect(new Set(prints).size).toBe(5);
    // offered for download on the site, the file copied beside the TEI master
    const index = readFileSync(join(out, 'html', 'index.html'), 'utf8');
    expect(index).toContain('href="downloads/soviet-conduct.toy.txt"');
    expect(index).toContain('Plain titles');
    expect(existsSync(join(out, 'html', 'downloads', 'soviet-conduct.toy.txt'))).toBe(true);
    // cached: nothing changed, nothing written again
    const again = await build({ ...options, formats: ['tei', 'html', 'toy'] });
    expect(again.rendered).toEqual([]);
    expect(readdirSync(join(out, '.cache', 'render'))).toContain('toy.json');
  }, 120_000);

  it('every writer of a build is handed the one model the build made', async () => {
    WRITERS.push(toy('toy'), toy('toy2'));
    const out = tempDir();
    await build({ sources: SEEDS, out, formats: ['tei', 'toy', 'toy2'], reporter: silentReporter, jobs: 1 });
    expect(handed).toHaveLength(2);
    expect(handed[0]).toBe(handed[1]);
    // a writer without a download is not offered
    expect(existsSync(join(out, 'html'))).toBe(false);
  }, 120_000);
});

/** Freezes an object graph (Maps' entries too): a writer that changed it would throw. */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen);
      deepFreeze(v, seen);
    }
    // a frozen Map still takes set(): make it throw too
    const map = value as Map<unknown, unknown>;
    map.set = () => {
      throw new TypeError('the model is read-only');
    };
    map.delete = map.set as unknown as Map<unknown, unknown>['delete'];
    map.clear = map.set as unknown as Map<unknown, unknown>['clear'];
  } else for (const v of Object.values(value)) deepFreeze(v, seen);
  return Object.freeze(value);
}

describe('the model a build hands its writers', () => {
  it('is not changed by any writer (one model serves them all, in one thread or several)', async () => {
    const out = tempDir();
    await build({ sources: SEEDS, out, formats: ['tei'], reporter: silentReporter, jobs: 1 });
    const file = join(out, 'tei', 'edition.xml');
    const edition = deepFreeze(await modelOf(file));
    for (const w of WRITERS) {
      const options = {
        reporter: silentReporter,
        formats: ['tei', 'html', 'epub', 'pdf'],
        downloads: [],
        masterFile: file,
        documentTei: new Map<string, string>(),
      };
      await expect(writerFor(w.format)?.write(edition, out, options)).resolves.not.toHaveLength(0);
    }
  }, 120_000);
});
