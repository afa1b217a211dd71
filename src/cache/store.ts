import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { timeSync } from '../profile.ts';

/**
 * The build cache, `output/.cache/<bucket>/<key>.json`, keyed by content hashes. Entries are
 * written like every output (temporary file, then rename) and carry their own checksum, so a build
 * killed mid-write leaves either no entry or a whole one; an entry that does not check out is a
 * miss, never an error.
 */
export const sha256 = (...parts: (string | Uint8Array)[]): string => {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\u0000');
  return hash.digest('hex');
};

interface Entry<T> {
  sum: string;
  value: T;
}

export class BuildCache {
  readonly dir: string;
  private readonly used = new Map<string, Set<string>>();

  constructor(outDir: string) {
    this.dir = join(outDir, '.cache');
  }

  private path(bucket: string, key: string, ext = '.json'): string {
    return join(this.dir, bucket, `${key}${ext}`);
  }

  private use(bucket: string, key: string): void {
    let keys = this.used.get(bucket);
    if (!keys) {
      keys = new Set();
      this.used.set(bucket, keys);
    }
    keys.add(key);
  }

  async get<T>(bucket: string, key: string): Promise<T | undefined> {
    return timeSync('cache', () => this.read<T>(bucket, key));
  }

  private read<T>(bucket: string, key: string): T | undefined {
    this.use(bucket, key);
    let text: string;
    try {
      // (read synchronously: a build reads an entry per document, faster without the thread pool)
      text = readFileSync(this.path(bucket, key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as Entry<T>;
      return entry.sum === sha256(JSON.stringify(entry.value)) ? entry.value : undefined;
    } catch {
      return undefined;
    }
  }

  async put<T>(bucket: string, key: string, value: T): Promise<void> {
    this.use(bucket, key);
    const entry: Entry<T> = { sum: sha256(JSON.stringify(value)), value };
    await writeFileAtomic(this.path(bucket, key), JSON.stringify(entry));
  }

  /**
   * A binary entry (`<key>.bin`: the SHA-256 of the bytes, then the bytes), for what JSON would
   * make slow to read back (a parsed tree, as v8 serializes it). A miss when absent or when the
   * bytes do not check out.
   */
  getBytes(bucket: string, key: string): Buffer | undefined {
    return timeSync('cache', () => {
      this.use(bucket, key);
      let stored: Buffer;
      try {
        stored = readFileSync(this.path(bucket, key, '.bin'));
      } catch {
        return undefined;
      }
      if (stored.length < 32) return undefined;
      const body = stored.subarray(32);
      return createHash('sha256').update(body).digest().equals(stored.subarray(0, 32)) ? body : undefined;
    });
  }

  async putBytes(bucket: string, key: string, bytes: Uint8Array): Promise<void> {
    this.use(bucket, key);
    const sum = createHash('sha256').update(bytes).digest();
    await writeFileAtomic(this.path(bucket, key, '.bin'), Buffer.concat([sum, bytes]));
  }

  /**
   * Drops the entries of a bucket this build did not use (old versions of edited sources). `ifUsed`:
   * only when the build used the bucket at all (one whose formats were all up to date read no
   * member's tree, and its entries are still the edition's).
   */
  async prune(bucket: string, { ifUsed = false } = {}): Promise<void> {
    if (ifUsed && !this.used.has(bucket)) return;
    const keep = this.used.get(bucket) ?? new Set<string>();
    let names: string[];
    try {
      names = await readdir(join(this.dir, bucket));
    } catch {
      return;
    }
    for (const name of names) {
      const key = name.replace(/\.(json|bin)$/, '');
      if (key !== name && !keep.has(key)) await rm(join(this.dir, bucket, name), { force: true });
    }
  }
}
