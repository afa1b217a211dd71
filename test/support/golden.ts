import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares an output with its golden file. A missing golden file is written when UPDATE_GOLDEN=1
 * (review it, then commit it), and so is a differing one; otherwise either is a failure.
 */
export function golden(path: string, actual: string): void {
  if (!existsSync(path) || process.env.UPDATE_GOLDEN === '1') {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`missing golden file ${path} (run with UPDATE_GOLDEN=1, review, commit)`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
