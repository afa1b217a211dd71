import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TEMPLATES } from '../render/template.ts';
import { WRITERS } from '../render/writers.ts';

/**
 * What a stage's output depends on besides its input: the code and templates that make it. A
 * stage's fingerprint hashes those files (and the library versions in the lock file), so editing
 * an HTML template invalidates the HTML and nothing else, and a new Recto version invalidates
 * everything it changed — no version number to forget to bump.
 */
const SRC = join(import.meta.dirname, '..');
const ROOT = join(SRC, '..');
/**
 * Compiled (dist/), the code is the `.js` files: a `.ts` input is read under that name. (Not the
 * `.ts` sources: a packed Recto ships only dist/.)
 */
const COMPILED = import.meta.url.endsWith('.js');
const code = (path: string): string => (COMPILED ? path.replace(/\.ts$/, '.js') : path);

/** Code every stage runs: the TEI model, reader and writer, shared helpers, the locked libraries. */
const COMMON = [
  join(SRC, 'tei'),
  join(SRC, 'model'), // every renderer reads the TEI through the model
  join(SRC, 'text'),
  join(SRC, 'fs'),
  join(SRC, 'register'), // the model reads the register (standOff) for every renderer
  join(SRC, 'meta.ts'),
  join(SRC, 'version.ts'),
  join(SRC, 'diagnostics.ts'),
  join(SRC, 'reproducible.ts'),
  join(ROOT, 'package-lock.json'),
];
/** What every writer runs besides its own folder: the contract, the list, the shared helpers. */
const RENDER = [
  join(SRC, 'render/writer.ts'),
  join(SRC, 'render/writers.ts'),
  join(SRC, 'render/links.ts'),
  join(SRC, 'render/unknown.ts'),
  join(SRC, 'render/template.ts'),
  join(SRC, 'render/figures.ts'),
  join(TEMPLATES, 'figures.json'),
];

/** A stage's inputs: the normalizer's, or a writer's as it declares them (render/writers.ts). */
export function stageInputs(stage: string): { inputs: string[]; env: string[] } {
  // (the TEI reader alone: what a member's parsed tree kept in the cache depends on, model/corpus-parse.ts)
  if (stage === 'parse') return { inputs: [join(SRC, 'tei'), join(ROOT, 'package-lock.json')], env: [] };
  if (stage === 'normalize')
    return { inputs: [join(SRC, 'normalize'), join(SRC, 'edition'), ...COMMON], env: ['SOURCE_DATE_EPOCH'] };
  const writer = WRITERS.find((w) => w.format === stage);
  // A stage no one declares has no fingerprint: a cache keyed on it would never be right.
  if (!writer) throw new Error(`no build stage "${stage}"`);
  return {
    inputs: [
      ...writer.inputs.code.map((p) => join(SRC, p)),
      ...writer.inputs.templates.map((t) => join(TEMPLATES, t)),
      ...RENDER,
      ...COMMON,
    ],
    env: writer.inputs.env,
  };
}

function files(path: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return []; // an optional input (a templates folder without this format)
  }
  if (!stat.isDirectory()) return [path];
  // Not the temporary files of a compiler writing dist/ beside this process (scripts/compile.js
  // writes `<file>.<pid>.tmp`, then renames it): they are no code, and gone a moment later (a
  // build that hashed one would key its cache by a fingerprint no other build has, or stop when
  // the file went between listing and reading it).
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => !name.endsWith('.tmp'))
    .map((name) => join(path, name))
    .filter((p) => statSync(p).isFile())
    .sort();
}

/** A hash of files (folders walked, in name order) and of environment settings. */
export function fingerprint(inputs: string[], env: string[], label = ''): string {
  const hash = createHash('sha256').update(`recto-stage:${label}\n`);
  for (const input of inputs) {
    for (const file of files(code(input)))
      hash.update(`${relative(ROOT, file)}\n`).update(readFileSync(file));
  }
  for (const name of env) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  return hash.digest('hex');
}

const memo = new Map<string, string>();

/** A stage's fingerprint, once per process. */
export function stageFingerprint(stage: string): string {
  let known = memo.get(stage);
  if (!known) {
    const { inputs, env } = stageInputs(stage);
    known = fingerprint(inputs, env, stage);
    memo.set(stage, known);
  }
  return known;
}
