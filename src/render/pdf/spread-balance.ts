/**
 * Facing pages balanced spread by spread: a right-hand page that ends one to three lines short of
 * its verso (a block kept whole went overleaf) has the spread laid out again with the verso as
 * deep as the recto was; further short (a document's headings went overleaf with two lines of its
 * text), with the verso half the shortfall shallower, so the two pages share it; when that is no
 * better, as it was. What each spread's tries gave is kept
 * by its verso's number, so that making the calls again settles every spread the same way.
 */
/** The most lines a recto may end short of its verso and still have its spread laid out again. */
const MOST = 16;

export type SpreadVerdict = 'keep' | 'shallower verso' | 'as it was';

export class SpreadBalance {
  private readonly tries = new Map<number, { tries: number; off: number }>(); // by verso
  private readonly depths = new Map<number, number>(); // a verso's depth, to balance its spread

  constructor(private readonly leading: number) {}

  /** The depth a verso is laid out to, when its spread asked for it. */
  versoDepth(verso: number): number | undefined {
    return this.depths.get(verso);
  }

  /** A spread is complete: the depths its pages' text reaches (null: a page with none, or a fixed one). */
  settle(verso: number, versoDepth: number | null, rectoDepth: number | null): SpreadVerdict {
    const tried = this.tries.get(verso) ?? { tries: 0, off: 0 };
    if (versoDepth === null || rectoDepth === null || tried.tries >= 2) return 'keep';
    const off = versoDepth - rectoDepth;
    if (tried.tries === 0 && off > this.leading && off <= MOST * this.leading) {
      // a few lines short: the verso as deep as the recto was; more (a document's title, source
      // note and dateline went overleaf with its first lines): the two pages share the shortfall,
      // the verso's lines it gives up going on to the recto
      this.tries.set(verso, { tries: 1, off });
      this.depths.set(verso, (off <= 3 * this.leading + 0.01 ? rectoDepth : versoDepth - off / 2) + 0.01);
      return 'shallower verso';
    }
    if (Math.abs(off) > this.leading && tried.tries === 1 && Math.abs(off) >= Math.abs(tried.off)) {
      this.tries.set(verso, { tries: 2, off: tried.off });
      this.depths.delete(verso);
      return 'as it was';
    }
    this.tries.set(verso, { tries: 2, off });
    return 'keep';
  }
}
