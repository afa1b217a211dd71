import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support/run.ts';

/**
 * scripts/compile.js, which bin/recto.js runs before every start in a clone: dist/ follows src/ —
 * an edit is compiled before it runs, a removed source's JavaScript goes, and compilers started
 * at once (the test suite starts the CLI in parallel) all succeed. On a copy of the script in a
 * project of its own (two source files), about 2 s.
 */
function project(): string {
  const root = tempDir('recto-compile-');
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src'));
  copyFileSync(join(ROOT, 'scripts/compile.js'), join(root, 'scripts/compile.js'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(root, 'tsconfig.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(
    join(root, 'src/main.ts'),
    "import { word } from './word.ts';\nconsole.log(word satisfies string);\n",
  );
  writeFileSync(join(root, 'src/word.ts'), "export const word: string = 'first';\n");
  return root;
}

const compile = (root: string) =>
  spawnSync(process.execPath, [join(root, 'scripts/compile.js')], { encoding: 'utf8' });
const run = (root: string) => spawnSync(process.execPath, [join(root, 'dist/main.js')], { encoding: 'utf8' });

describe('compiling src/ to dist/', () => {
  it('compiles what changed, removes what is gone, and is never stale', () => {
    const root = project();
    expect(compile(root).stdout).toMatch(/2 files compiled/);
    expect(run(root).stdout).toBe('first\n');
    expect(compile(root).stdout).toMatch(/0 files compiled/);

    // an edit of the same size, its time set back to the old one's second: the content decides
    writeFileSync(join(root, 'src/word.ts'), "export const word: string = 'again';\n");
    utimesSync(join(root, 'src/word.ts'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(compile(root).stdout).toMatch(/1 file compiled/);
    expect(run(root).stdout).toBe('again\n');

    rmSync(join(root, 'src/word.ts'));
    writeFileSync(join(root, 'src/main.ts'), "console.log('alone');\n");
    compile(root);
    expect(existsSync(join(root, 'dist/word.js'))).toBe(false);
    expect(run(root).stdout).toBe('alone\n');
  });

  it('lets several processes compile at once', async () => {
    const root = project();
    const codes = await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<number | null>((resolve) => {
            spawn(process.execPath, [join(root, 'scripts/compile.js')], { stdio: 'ignore' }).on(
              'exit',
              resolve,
            );
          }),
      ),
    );
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(run(root).stdout).toBe('first\n');
  });
});
