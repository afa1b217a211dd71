import { readFileSync } from 'node:fs';
import { timeSync } from '../profile.ts';
import { writeFileAtomic } from './atomic-write.ts';

/**
 * Writes a file only when its bytes change, so unchanged outputs keep their times: make and
 * rsync (a static edition deployed after a one-document edit uploads that page, not all of them).
 */
export async function writeIfChanged(path: string, data: string | Uint8Array): Promise<boolean> {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  try {
    // (read synchronously: for the hundreds of small files of an edition, several times faster)
    if (timeSync('file writes', () => Buffer.compare(readFileSync(path), bytes)) === 0) return false;
  } catch {
    // not there yet
  }
  await writeFileAtomic(path, bytes);
  return true;
}
