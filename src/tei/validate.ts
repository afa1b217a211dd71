import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ToolMissingError } from '../errors.ts';

/** TEI P5 `tei_all.rng`: RECTO_TEI_SCHEMA, else the shared copy beside the project. */
export function teiSchemaPath(): string {
  const candidates = [
    process.env.RECTO_TEI_SCHEMA,
    join(import.meta.dirname, '../../../shared/schema/tei_all.rng'),
    join(process.cwd(), '../shared/schema/tei_all.rng'),
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new ToolMissingError('tei_all.rng', 'set RECTO_TEI_SCHEMA to TEI P5 tei_all.rng');
  return found;
}

export interface ValidationResult {
  ok: boolean;
  messages: string[]; // jing's, as `file:line:col: error: …`
}

/** Validates files against TEI P5 with jing, in one JVM run for all of them. */
export function validateTei(files: string[]): Promise<ValidationResult> {
  const schema = teiSchemaPath();
  return new Promise((resolve, reject) => {
    execFile('jing', [schema, ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT') {
        reject(new ToolMissingError('jing', 'install it with `apt-get install jing` (Debian)'));
        return;
      }
      const messages = `${stdout}`
        .split('\n')
        .filter((l) => l.trim() !== '')
        .concat(
          `${stderr}`.split('\n').filter((l) => /error|fatal/i.test(l) && !l.includes('Unable to locate')),
        );
      resolve({ ok: !error && messages.length === 0, messages });
    });
  });
}
