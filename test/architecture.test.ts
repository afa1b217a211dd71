import { join } from 'node:path';
import { cruise, type IModule } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/run.ts';

/**
 * Issue #28, read off the import graph (dependency-cruiser, type-only imports counted: a type
 * cycle is a cycle): no module depends on itself through others; only the model reads TEI; and
 * only the modules that write TEI — the normalizer, the TEI layer, the register's `standOff`, the
 * course reader's TEI, the pipeline composing the master — and the model that reads it, handle TEI
 * trees at all: a writer, the CLI, the preview, the cache draw the model and never see a TEI element.
 */
let modules: IModule[];

beforeAll(async () => {
  const result = await cruise([join(ROOT, 'src')], {
    baseDir: ROOT,
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
  });
  modules = typeof result.output === 'string' ? [] : result.output.modules;
}, 120_000);

const importers = (target: string): string[] =>
  modules.filter((m) => m.dependencies.some((d) => d.resolved === target)).map((m) => m.source);

/** The modules allowed to hold TEI trees: those that write TEI, and the model that reads it. */
const TEI_HANDLERS = [
  /^src\/model\//,
  /^src\/normalize\//,
  /^src\/tei\//,
  /^src\/reader\//,
  /^src\/register\/standoff\.ts$/,
  /^src\/pipeline\/(?:corpus|edition-master)\.ts$/,
];

describe('the import graph of src/', () => {
  it('is read whole (every module of src/)', () => {
    expect(modules.filter((m) => m.source.startsWith('src/')).length).toBeGreaterThan(150);
  });

  it('has no cycle', () => {
    const cycles = modules.flatMap((m) =>
      m.dependencies.filter((d) => d.circular).map((d) => `${m.source} → ${d.resolved}`),
    );
    expect(cycles).toEqual([]);
  });

  it('has the TEI parser imported by src/model/ only', () => {
    const readers = importers('src/tei/read.ts');
    expect(readers.length).toBeGreaterThan(0);
    expect(readers.filter((m) => !m.startsWith('src/model/'))).toEqual([]);
  });

  it('has TEI trees handled only by the modules that write TEI and by the model', () => {
    const handlers = importers('src/tei/node.ts');
    expect(handlers.length).toBeGreaterThan(0);
    expect(handlers.filter((m) => !TEI_HANDLERS.some((re) => re.test(m)))).toEqual([]);
    // the writers draw the model: none of them is among them
    expect(handlers.filter((m) => m.startsWith('src/render/'))).toEqual([]);
  });
});
