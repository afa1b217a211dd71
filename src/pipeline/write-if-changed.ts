import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-write.ts';

/** Writes a file only when its bytes change, so unchanged outputs keep their times (make, rsync). */
export async function writeIfChanged(path: string, data: string): Promise<boolean> {
  try {
    if ((await readFile(path, 'utf8')) === data) return false;
  } catch {
    // not there yet
  }
  await writeFileAtomic(path, data);
  return true;
}
