import { join } from 'node:path';
import { builtCollection, type SharedRun } from './render-cache.ts';
import { SHARED } from './shared.ts';

/**
 * The collection of the seven official volumes of ../shared (the three corpora's `volume.xml`, the
 * four of `volumes/`), HTML only, as test/slurm.test.ts (issue #29) and
 * test/collection-search.test.ts build it: one manifest, one build per test run
 * (support/render-cache.ts), which each reads.
 */
export const FRUS_VOLUMES = [
  { id: 'frus1917-72pubdip', tei: 'volumes/frus1917-72PubDip.xml', era: '1917–1972' },
  { id: 'frus1952-54guat', tei: 'volumes/frus1952-54Guat.xml', era: '1952–1954' },
  { id: 'frus1958-60v08', tei: 'corpus/frus1958-60v08/volume.xml', era: '1958–1960', number: 'VIII' },
  { id: 'frus1961-63v08', tei: 'volumes/frus1961-63v08.xml', era: '1961–1963', number: 'VIII' },
  { id: 'frus1964-68v22', tei: 'corpus/frus1964-68v22/volume.xml', era: '1964–1968', number: 'XXII' },
  { id: 'frus1969-76ve09p1', tei: 'volumes/frus1969-76ve09p1.xml', era: '1969–1976', number: 'E–9, Part 1' },
  {
    id: 'frus1969-76v19p1',
    tei: 'corpus/frus1969-76v19p1/volume.xml',
    era: '1969–1976',
    number: 'XIX, Part 1',
  },
].map((v) => ({ ...v, tei: join(SHARED, v.tei) }));

/** The manifest's text (`COLLECTION.json`): its bytes are what a Slurm merge checks the shards against. */
export const FRUS_MANIFEST = JSON.stringify({
  id: 'frus',
  title: 'Foreign Relations of the United States',
  language: 'en',
  url: 'https://example.org/frus/',
  volumes: FRUS_VOLUMES.map(({ id, tei, era, number }) => ({
    id,
    tei,
    series: 'Foreign Relations of the United States',
    era,
    ...(number ? { number } : {}),
  })),
});

export const FRUS_ENV = { SOURCE_DATE_EPOCH: '1700000000' };
// (HTML only: the volumes' EPUB and PDF are tested elsewhere; here the collection is what is tested)
export const FRUS_FORMATS = 'html';

/** `recto collection` of the manifest on one machine: its output folder, messages and time. */
export const frusCollection = (): Promise<SharedRun & { manifest: string }> =>
  builtCollection(
    FRUS_MANIFEST,
    FRUS_VOLUMES.map((v) => v.tei),
    FRUS_FORMATS,
    FRUS_ENV,
  );
