import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelEdition } from '../src/model/edition.ts';
import { modelFromJson, modelToJson } from '../src/model/json.ts';
import { modelOutline } from '../src/model/outline.ts';
import { build } from '../src/pipeline/build.ts';
import { silentReporter } from '../src/report.ts';
import { CORPUS } from './support/corpus-truth.ts';
import { golden } from './support/golden.ts';
import { modelOf } from './support/model.ts';
import { SEEDS, tempDir } from './support/run.ts';

/**
 * The edition model as JSON (src/model/json.ts), both ways: a model written and read back is the
 * model (its `mentions` a Map again), for the seeds' master and a whole FRUS volume; a model file
 * with a mistake is refused at the mistake's line:column. And the outline `recto model` prints.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures/writers');

function roundTrip(model: ModelEdition): void {
  const json = modelToJson(model);
  const back = modelFromJson(json, 'model.json');
  expect(back.mentions).toBeInstanceOf(Map);
  expect(back).toEqual(model);
  // (written again, it says the same: nothing was lost or added on the way)
  expect(JSON.parse(modelToJson(back))).toEqual(JSON.parse(json));
}

describe('the model as JSON', () => {
  it('reads back equal for the seeds’ master', async () => {
    const out = tempDir();
    await build({ sources: SEEDS, out, formats: ['tei'], reporter: silentReporter, jobs: 1 });
    const model = await modelOf(join(out, 'tei', 'edition.xml'));
    expect(model.mentions.size).toBeGreaterThan(0);
    expect(model.introduction?.length).toBeGreaterThan(0);
    roundTrip(model);
  });

  it('reads back equal for a FRUS volume (TEI we did not write)', async () => {
    const model = await modelOf(join(CORPUS, 'volume.xml'));
    expect(model.documents.length).toBe(512);
    roundTrip(model);
  });

  it('gives the Map its documented shape: `mentions` as [entry id, mentions] pairs', () => {
    const letter = readFileSync(join(FIXTURES, 'letter.model.json'), 'utf8');
    const json = JSON.parse(modelToJson(modelFromJson(letter, 'letter.model.json'))) as {
      mentions: [string, { anchor: string }[]][];
    };
    expect(json.mentions.map(([id, list]) => [id, list.map((m) => m.anchor)])).toEqual([
      ['bullitt', ['d1-m1', 'd1-m4']],
      ['radek', ['d1-m2', 'd1-m3']],
    ]);
  });

  it('refuses a model with a mistake, at its line:column, every mistake at once', () => {
    const text = `{
  "meta": { "id": "e", "title": "T", "language": "en" },
  "documents": [{ "id": "d1", "title": "D", "kind": "document", "record": { "editors": [] }, "blocks": [
    { "kind": "paragraf", "continued": false, "children": [] },
    { "kind": "paragraph", "children": [{ "kind": "emphasis", "style": "red", "children": [] }] }
  ] }],
  "unknown": [], "register": [], "mentions": {}
}`;
    expect(() => modelFromJson(text, 'bad.model.json')).toThrow(
      new RegExp(
        [
          'bad\\.model\\.json:4:7: error \\[model-invalid\\] documents\\[0\\]\\.blocks\\[0\\]\\.kind: .*paragraph',
          'bad\\.model\\.json:5:5: error \\[model-missing-field\\] documents\\[0\\]\\.blocks\\[1\\]\\.continued',
          'bad\\.model\\.json:5:63: error \\[model-invalid\\] documents\\[0\\]\\.blocks\\[1\\]\\.children\\[0\\]\\.style',
          'bad\\.model\\.json:7:34: error \\[model-invalid\\] mentions: .*array',
        ].join('[\\s\\S]*'),
      ),
    );
    expect(() => modelFromJson('{ "meta": ', 'cut.model.json')).toThrow(
      /^cut\.model\.json:1:\d+: error \[model-json\] not valid JSON/,
    );
  });
});

describe('the model as an outline (`recto model FILE.xml`)', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.model.json'))) {
    const name = file.replace(/\.model\.json$/, '');
    it(`${name}: one line a block, text abridged (golden)`, () => {
      const model = modelFromJson(readFileSync(join(FIXTURES, file), 'utf8'), file);
      golden(join(FIXTURES, `${name}.outline.txt`), modelOutline(model));
    });
  }
});
