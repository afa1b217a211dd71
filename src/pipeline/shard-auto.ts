import { UsageError } from '../errors.ts';
import { parseShard, type Shard } from './plan.ts';

/** A shard read from the scheduler that started this process, and what it was read from. */
export interface ScheduledShard {
  shard: Shard;
  /** The scheduler and its variables, as the build reports them (`Slurm: SLURM_ARRAY_TASK_ID=3, …`). */
  from: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The schedulers whose array or parallel jobs tell each task its place, in the order they are
 * tried: each gives the task's index (from `base`) and, where it knows it, the count. Slurm's
 * array may start at any id (`--array=0-3`, `--array=1-4`): the index counts from its minimum.
 */
const SCHEDULERS: { name: string; index: string; count?: string; base: number | string }[] = [
  {
    name: 'Slurm',
    index: 'SLURM_ARRAY_TASK_ID',
    count: 'SLURM_ARRAY_TASK_COUNT',
    base: 'SLURM_ARRAY_TASK_MIN',
  },
  { name: 'Kubernetes Indexed Job', index: 'JOB_COMPLETION_INDEX', base: 0 },
  { name: 'GitLab CI parallel', index: 'CI_NODE_INDEX', count: 'CI_NODE_TOTAL', base: 1 },
  { name: 'CircleCI parallelism', index: 'CIRCLE_NODE_INDEX', count: 'CIRCLE_NODE_TOTAL', base: 0 },
  {
    name: 'Buildkite parallelism',
    index: 'BUILDKITE_PARALLEL_JOB',
    count: 'BUILDKITE_PARALLEL_JOB_COUNT',
    base: 0,
  },
  // a CI matrix that has no variables of its own (GitHub Actions: strategy.job-index, job-total)
  { name: 'RECTO_SHARD_INDEX', index: 'RECTO_SHARD_INDEX', count: 'RECTO_SHARD_COUNT', base: 0 },
];

const whole = (text: string | undefined): number | undefined =>
  text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;

/**
 * `--shard auto` or `--shard auto/N`: the shard of this task of an array job, read from the
 * scheduler's variables; `N` gives the count where the scheduler does not (a Kubernetes Indexed
 * Job's completions). No scheduler, or one that contradicts the count given: a usage error that
 * names what was looked for.
 */
export function scheduledShard(option: string, env: Env): ScheduledShard {
  const m = /^auto(?:\/(\d+))?$/.exec(option.trim());
  if (!m) throw new UsageError(`--shard ${option}: expected i/n, auto or auto/n`);
  const given = m[1] === undefined ? undefined : Number(m[1]);
  for (const s of SCHEDULERS) {
    const raw = whole(env[s.index]);
    if (raw === undefined) continue;
    const base = typeof s.base === 'number' ? s.base : (whole(env[s.base]) ?? 0);
    const counted = s.count ? whole(env[s.count]) : undefined;
    const count = given ?? counted;
    const seen = [`${s.index}=${env[s.index]}`];
    if (s.count && env[s.count] !== undefined) seen.push(`${s.count}=${env[s.count]}`);
    if (typeof s.base === 'string' && env[s.base] !== undefined) seen.push(`${s.base}=${env[s.base]}`);
    if (count === undefined || count < 1)
      throw new UsageError(
        `--shard ${option}: ${s.name} gives no task count (${seen.join(', ')}); give it as --shard auto/N`,
      );
    if (given !== undefined && counted !== undefined && given !== counted)
      throw new UsageError(
        `--shard ${option}: ${s.name} runs ${counted} tasks (${seen.join(', ')}), not ${given}`,
      );
    const index = raw - base + 1;
    if (index < 1 || index > count)
      throw new UsageError(
        `--shard ${option}: ${s.name}'s task ${raw} is outside 1…${count} (${seen.join(', ')})`,
      );
    return { shard: { index, count }, from: `${s.name}: ${seen.join(', ')}` };
  }
  const looked = SCHEDULERS.map((s) => s.index).join(', ');
  throw new UsageError(`--shard ${option}: no scheduler's task index found (looked for ${looked})`);
}

/** `--shard i/n`, or `auto`/`auto/N` read from the scheduler (said through `say`, so the log shows which). */
export function shardOption(option: string, env: Env, say: (message: string) => void): Shard {
  if (!/^\s*auto\b/.test(option)) return parseShard(option);
  const { shard, from } = scheduledShard(option, env);
  say(`shard ${shard.index}/${shard.count} from ${from}`);
  return shard;
}
