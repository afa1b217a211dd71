/**
 * Where a build's time goes (`recto build --profile`): seconds per stage, summed in each thread.
 * Always on (a clock read per timed step costs nothing measurable); a worker thread hands its
 * figures back with each task's result (pipeline/pool.ts) and the main thread adds them up.
 */
export type Profile = Record<string, number>;

let spent: Profile = {};

export function addTime(label: string, seconds: number): void {
  spent[label] = (spent[label] ?? 0) + seconds;
}

export function timeSync<T>(label: string, run: () => T): T {
  const started = performance.now();
  try {
    return run();
  } finally {
    addTime(label, (performance.now() - started) / 1000);
  }
}

export async function timeAsync<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    addTime(label, (performance.now() - started) / 1000);
  }
}

const inFlight = new Map<string, { count: number; since: number }>();

/**
 * For steps that run many at once on a thread (file writes, dozens in flight): the time during which
 * at least one was running, not the sum of their waits (which grows with their number, not their cost).
 */
export async function timeOverlapping<T>(label: string, run: () => Promise<T>): Promise<T> {
  const state = inFlight.get(label) ?? { count: 0, since: 0 };
  inFlight.set(label, state);
  if (state.count++ === 0) state.since = performance.now();
  try {
    return await run();
  } finally {
    if (--state.count === 0) addTime(label, (performance.now() - state.since) / 1000);
  }
}

/** This thread's figures since the last call, which starts them again from zero. */
export function takeProfile(): Profile {
  const taken = spent;
  spent = {};
  return taken;
}

/** Adds another thread's figures to this thread's. */
export function mergeProfile(other: Profile): void {
  for (const [label, seconds] of Object.entries(other)) addTime(label, seconds);
}

/** A task as a worker thread runs it: its result, and the figures of this thread while it ran. */
export async function profiled<T>(
  run: () => Promise<T>,
): Promise<{ value: T; profile: Profile; seconds: number }> {
  takeProfile(); // (what the thread did before this task was another task's, already handed back)
  const started = performance.now();
  const value = await run();
  return { value, profile: takeProfile(), seconds: (performance.now() - started) / 1000 };
}
