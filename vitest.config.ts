import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { CORPUS_LANE, TIMED_LANE, UNIT_LANE } from './test/lanes.ts';

// Three lanes (test/lanes.ts says what goes where): `vitest run` runs them all, the unit lane first,
// then the integration and corpus lanes together, then the timed lane alone; `vitest run --project unit` runs one of them.
export default defineConfig({
  test: {
    setupFiles: ['test/support/cleanup.ts'],
    // the run's shared renders of the official volumes (test/support/render-cache.ts)
    globalSetup: ['test/support/render-cache-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at once even on two cores (vitest's default, one core less, runs one at a time
    // there): a file mostly waits on the processes it starts (the CLI, jing, Chromium). `npm test`
    // on two cores: 9.2 min one file at a time, 6.9 min two at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_LANE,
          setupFiles: ['test/support/unit-lane.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_LANE, ...CORPUS_LANE, ...TIMED_LANE],
          sequence: { groupOrder: 1 },
        },
      },
      { extends: true, test: { name: 'corpus', include: CORPUS_LANE, sequence: { groupOrder: 1 } } },
      // after the others have finished: it times pages on the CPU they would share
      { extends: true, test: { name: 'timed', include: TIMED_LANE, sequence: { groupOrder: 2 } } },
    ],
  },
});
