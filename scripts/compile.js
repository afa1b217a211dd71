// Compiles src/**/*.ts to dist/**/*.js (same folder depth, so every `import.meta.dirname`-relative
// path — templates/, the schema — stays right), one file at a time with esbuild (which tsx brings),
// type annotations stripped and relative `.ts` specifiers rewritten to `.js`. No type checking: that
// is `tsc --noEmit`'s job. bin/recto.js calls ensureCompiled() before every run in a clone, so the
// README's commands need no build step and an edit to src/ is never run stale; a packed Recto ships
// dist/ alone (package.json `files`) and runs it directly.
//
// Safe to run from many processes at once (the test suite starts the CLI in parallel): every file is
// written to a temporary name and renamed, and two compilers of the same sources write the same bytes.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.stamp.json');

/** src's TypeScript files (declarations aside), relative paths with `/`, sorted. */
function sources(dir = SRC, prefix = '', out = []) {
  // a walk of our own: Node 20's recursive readdir took ~10 ms more on the first call, on every start
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) sources(join(dir, entry.name), `${name}/`, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(name);
  }
  return prefix ? out : out.sort();
}

/**
 * What a quick look at src sees (names, sizes, modification times): equal to the stamp's ⇒ dist is
 * current. Plain text, not a hash, so bin/recto.js can compare it without loading node:crypto.
 */
export function glance(files = sources()) {
  return files.map((f) => {
    const s = statSync(join(SRC, f));
    return `${f} ${s.size} ${s.mtimeMs}`;
  });
}

/** True when dist/ was compiled from src/ as it is now (a few milliseconds: no file is read but the stamp). */
export function isCurrent() {
  return sameList(readStamp().glance, glance());
}

const sameList = (a, b) => Array.isArray(a) && a.length === b.length && a.every((x, k) => x === b[k]);

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return { glance: [], files: {} };
  }
}

function writeAtomic(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** `'./x.ts'` and `"../y/z.ts"` (imports, `new URL(…, import.meta.url)`) → `.js`. */
const rewriteSpecifiers = (code) => code.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.ts\1/g, '$1$2.js$1');

let esbuild;
function transform(source, file, compilerOptions) {
  // esbuild comes with tsx (a development dependency: a packed Recto never compiles): resolved from tsx, not from the working directory.
  esbuild ??= createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
  const { code } = esbuild.transformSync(source, {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: `src/${file}`,
    tsconfigRaw: { compilerOptions },
  });
  return rewriteSpecifiers(code);
}

/**
 * Brings dist/ up to date with src/: files whose content changed are compiled again, files whose
 * source is gone are removed. Returns the number of files compiled (0: dist was current).
 */
export async function ensureCompiled() {
  const files = sources();
  const seen = glance(files);
  const stamp = readStamp();
  if (sameList(stamp.glance, seen)) return 0;
  const { createHash } = await import('node:crypto'); // here: a current dist/ never loads it
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));
  const hashes = {};
  let compiled = 0;
  for (const f of files) {
    const source = readFileSync(join(SRC, f), 'utf8');
    const hash = createHash('sha256').update(source).digest('hex');
    hashes[f] = hash;
    const out = join(DIST, f.replace(/\.ts$/, '.js'));
    if (stamp.files[f] === hash && exists(out)) continue;
    writeAtomic(out, transform(source, f, compilerOptions));
    compiled++;
  }
  for (const f of Object.keys(stamp.files)) {
    if (!(f in hashes)) rmSync(join(DIST, f.replace(/\.ts$/, '.js')), { force: true });
  }
  writeAtomic(STAMP, `${JSON.stringify({ glance: seen, files: hashes })}\n`);
  return compiled;
}

function exists(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// `node scripts/compile.js`: compile now (npm pack's `prepack`, or by hand).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = await ensureCompiled();
  console.log(`dist/: ${n} file${n === 1 ? '' : 's'} compiled (${relative(process.cwd(), DIST) || '.'})`);
}
