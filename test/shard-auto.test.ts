import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import { scheduledShard } from '../src/pipeline/shard-auto.ts';

describe('--shard auto: the shard of an array task, read from its scheduler', () => {
  it('reads Slurm arrays from their first id, whatever it is', () => {
    const zero = { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' };
    expect(scheduledShard('auto', zero).shard).toEqual({ index: 1, count: 4 });
    const one = { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' };
    const read = scheduledShard('auto', one);
    expect(read.shard).toEqual({ index: 4, count: 4 });
    expect(read.from).toBe('Slurm: SLURM_ARRAY_TASK_ID=4, SLURM_ARRAY_TASK_COUNT=4, SLURM_ARRAY_TASK_MIN=1');
  });

  it('reads Kubernetes Indexed Jobs with the count given, and the CI parallel runners', () => {
    expect(scheduledShard('auto/3', { JOB_COMPLETION_INDEX: '0' }).shard).toEqual({ index: 1, count: 3 });
    expect(scheduledShard('auto', { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' }).shard).toEqual({
      index: 2,
      count: 2,
    });
    expect(scheduledShard('auto', { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '5' }).shard).toEqual({
      index: 1,
      count: 5,
    });
    expect(
      scheduledShard('auto', { BUILDKITE_PARALLEL_JOB: '3', BUILDKITE_PARALLEL_JOB_COUNT: '4' }).shard,
    ).toEqual({ index: 4, count: 4 });
    expect(scheduledShard('auto', { RECTO_SHARD_INDEX: '1', RECTO_SHARD_COUNT: '2' }).shard).toEqual({
      index: 2,
      count: 2,
    });
  });

  it('says what is wrong, naming the variables, rather than guess', () => {
    const fails = (option: string, env: Record<string, string>): string => {
      try {
        scheduledShard(option, env);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(fails('auto', {})).toMatch(
      /no scheduler's task index found \(looked for SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX/,
    );
    expect(fails('auto', { JOB_COMPLETION_INDEX: '1' })).toMatch(
      /gives no task count .* give it as --shard auto\/N/,
    );
    expect(fails('auto/3', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toMatch(
      /runs 4 tasks .* not 3/,
    );
    expect(fails('auto/2', { JOB_COMPLETION_INDEX: '2' })).toMatch(/task 2 is outside 1…2/);
    expect(fails('automatic', {})).toMatch(/expected i\/n, auto or auto\/n/);
  });
});
