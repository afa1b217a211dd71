import type { EditionMeta } from './meta.ts';

/** SOURCE_DATE_EPOCH (reproducible builds): the moment every dated output uses, when it is set. */
export function sourceDateEpoch(): Date | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/**
 * The date an EPUB or PDF says it was made: SOURCE_DATE_EPOCH, else the later of the edition's
 * date and its TEI's last revision, else now.
 */
export function modifiedDate(meta: EditionMeta): Date {
  const epoch = sourceDateEpoch();
  if (epoch) return epoch;
  // the TEI's last revision, when it is not older than the edition's publication date (a FRUS
  // volume printed in 1999 was last revised as TEI in 2008: its book was not made in 1999)
  const last = [meta.date, meta.modified]
    .filter((d): d is string => Boolean(d && /^\d{4}(-\d\d(-\d\d)?)?$/.test(d)))
    .sort()
    .at(-1);
  if (last) return new Date(`${last.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
  return new Date();
}

export const w3cDateTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
