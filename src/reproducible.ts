import type { EditionMeta } from './meta.ts';

/** SOURCE_DATE_EPOCH (reproducible builds): the moment every dated output uses, when it is set. */
export function sourceDateEpoch(): Date | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** The date an EPUB or PDF says it was made: SOURCE_DATE_EPOCH, else the edition's date, else now. */
export function modifiedDate(meta: EditionMeta): Date {
  const epoch = sourceDateEpoch();
  if (epoch) return epoch;
  if (meta.date && /^\d{4}(-\d\d(-\d\d)?)?$/.test(meta.date))
    return new Date(`${meta.date.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`);
  return new Date();
}

export const w3cDateTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
