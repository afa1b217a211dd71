import { join } from 'node:path';
import { expect } from 'vitest';
import { recto, tempDir } from './run.ts';
import { serve } from './static-server.ts';

/** The shared FRUS volume, the corpus the site tests are measured on. */
export const SHARED_VOLUME = join(import.meta.dirname, '../../../shared/corpus/frus1958-60v08');

/** Builds the HTML edition of a sources folder and serves it on 127.0.0.1. */
export async function servedSite(
  sources: string,
): Promise<{ site: string; server: Awaited<ReturnType<typeof serve>> }> {
  const out = tempDir();
  const r = recto(['build', '--sources', sources, '--out', out, '--formats', 'tei,html', '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  const site = join(out, 'html');
  return { site, server: await serve(site) };
}
