import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { timeOverlapping } from '../profile.ts';

/**
 * Write to a temporary file in the same folder, then rename: a reader (or a build killed
 * half-way) sees either the old complete file or the new complete one, never a truncated one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await timeOverlapping('file writes', () => writeAtomic(path, data));
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The same for a stream (a PDF written page by page): temporary file, then rename. */
export async function writeStreamAtomic(path: string, source: Readable): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await pipeline(source, createWriteStream(tmp));
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
