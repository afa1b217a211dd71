import { describe, expect, it } from 'vitest';
import { recto, tempDir } from './support/run.ts';

/** `recto build --profile`: where the time went, as the README shows it. Two builds of the seeds, ~8 s. */
describe('recto build --profile', () => {
  it('names every stage with its seconds, the threads and the peak memory', () => {
    const out = tempDir();
    const r = recto(['build', '--out', out, '--profile', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^profile: [\d.]+ s wall, [\d.]+ s CPU; .*; peak RSS \d+ MB$/m);
    for (const stage of [
      'read sources',
      'normalize',
      'model',
      'write html',
      'html search index',
      'write epub',
    ])
      expect(r.stderr).toMatch(new RegExp(`^ +${stage} +\\d+\\.\\d\\d s`, 'm'));
    for (const stage of ['epub zip', 'write pdf', 'pdf line breaking', 'file writes'])
      expect(r.stderr).toMatch(new RegExp(`^ +${stage} +\\d+\\.\\d\\d s`, 'm'));

    const json = recto(['build', '--out', out, '--profile', '--json', '--formats', 'tei,html']);
    expect(json.status, json.stderr).toBe(0);
    const line = json.stderr.split('\n').find((l) => l.startsWith('{"profile"'));
    const { profile } = JSON.parse(line ?? '{}') as {
      profile: {
        seconds: number;
        stages: Record<string, number>;
        workers: number;
        cpuSeconds: number;
        peakRssMB: number;
      };
    };
    expect(profile.seconds).toBeGreaterThan(0);
    expect(profile.peakRssMB).toBeGreaterThan(10);
    expect(profile.cpuSeconds).toBeGreaterThan(0);
    // nothing changed since the first build: every document from the cache, nothing normalized
    expect(profile.stages.cache).toBeGreaterThanOrEqual(0);
    expect(profile.stages.normalize).toBeUndefined();
  });
});
