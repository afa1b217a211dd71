import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterAll } from 'vitest';

// The unit lane runs in process (test/lanes.ts): starting a process — the CLI, jing, poppler,
// EPUBCheck, a browser — from the code under test, a test or a library is an error that says where
// the test file belongs. (node:child_process itself is patched, so an import made before this ran
// is refused too; the functions are put back when the file is done.)
const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
const names = ['exec', 'execFile', 'execFileSync', 'execSync', 'fork', 'spawn', 'spawnSync'];
const originals = new Map(names.map((name) => [name, childProcess[name]]));

for (const name of names)
  childProcess[name] = (command: unknown): never => {
    throw new Error(
      `the unit lane starts no process (${name} ${String(command)}): move this test file to the integration lane (test/lanes.ts)`,
    );
  };
syncBuiltinESMExports();

afterAll(() => {
  for (const [name, fn] of originals) childProcess[name] = fn;
  syncBuiltinESMExports();
});
