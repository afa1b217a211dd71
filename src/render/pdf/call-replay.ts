/**
 * The caller's calls to the paginator, kept so that they can be made again: a spread of facing
 * pages is laid out again (spread-balance.ts) by setting the state back to where the spread began
 * and repeating the calls made since. The state is the paginator's (`snapshot`/`restore`); this
 * keeps the calls and the snapshots at their starts. A call that finds its spread is to be laid out
 * again says so (`again`) and returns at once; the calls are then made again from the spread's start.
 */
export interface ReplayHooks<S> {
  snapshot(): S;
  restore(state: S): void;
  /** Whether a spread is open (its calls may have to be made again). */
  open(): boolean;
  /** A call ended with no spread open: what was held back is final. */
  settled(): void;
}

export class CallReplay<S> {
  private depth = 0; // of the caller's calls (a call made inside one is not logged)
  private callStart: S | undefined; // the state before the call being made
  private base: S | undefined; // where the open spreads are laid out again from
  private log: (() => unknown)[] = []; // the caller's calls since `base`
  private index = 0; // the one being made
  private rewind = false; // the call being made asked for the open spread to be laid out again

  constructor(private readonly hooks: ReplayHooks<S>) {}

  /** Runs one of the caller's calls; when the open spread is to be laid out again, makes again every call since it began. */
  run<T>(call: () => T): T {
    if (this.depth > 0) return call();
    if (this.base === undefined) this.log = [];
    this.log.push(call);
    this.depth++;
    try {
      let from = this.log.length - 1; // the first call to make: this one, or all since the base
      for (;;) {
        const result = this.make(from);
        if (!this.rewind) return result as T;
        this.rewind = false;
        this.hooks.restore(this.base as S);
        from = 0;
      }
    } finally {
      this.depth--;
      if (!this.hooks.open()) {
        this.base = undefined;
        this.hooks.settled();
      }
    }
  }

  /** Makes the logged calls from `from` on, unless one asks for the spread again; the last one's result. */
  private make(from: number): unknown {
    let result: unknown;
    // (opening a spread drops the calls before the one being made: `index` goes back)
    for (let k = from; k < this.log.length && !this.rewind; k = this.index + 1) {
      this.index = k;
      this.callStart = this.hooks.snapshot();
      result = (this.log[k] as () => unknown)();
    }
    return result;
  }

  /**
   * A spread opens in the call being made: it will be laid out again, if need be, from that call's
   * start. Returns that state when it is a new base (what was complete before it is final: the
   * caller hands it on), else undefined.
   */
  rebase(): S | undefined {
    const base = this.callStart as S;
    if (this.base === base) return undefined;
    this.base = base;
    this.log = this.log.slice(this.index); // from the call being made
    this.index = 0;
    return base;
  }

  /**
   * The open spread is to be laid out again: the call being made must return at once, changing
   * nothing more (the state is set back to the spread's start and every call since made again).
   */
  again(): void {
    this.rewind = true;
  }
}
