import { monthNumber } from '../../text/months.ts';

/** Dates as the sources write them: `January 9, 1958`, `4 July 1918`, `February 1946`. */
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December)';
const MDY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`);
const DMY = new RegExp(`\\b(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})\\b`);
const MY = new RegExp(`\\b${MONTH}\\s+(\\d{4})\\b`);

export interface FoundDate {
  index: number; // where the date text starts
  text: string;
  when: string; // ISO 8601 (YYYY-MM-DD or YYYY-MM)
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function findDate(text: string): FoundDate | null {
  let m = MDY.exec(text);
  if (m)
    return {
      index: m.index,
      text: m[0],
      when: `${m[3]}-${pad(monthNumber(m[1] ?? ''))}-${pad(Number(m[2]))}`,
    };
  m = DMY.exec(text);
  if (m)
    return {
      index: m.index,
      text: m[0],
      when: `${m[3]}-${pad(monthNumber(m[2] ?? ''))}-${pad(Number(m[1]))}`,
    };
  m = MY.exec(text);
  if (m) return { index: m.index, text: m[0], when: `${m[2]}-${pad(monthNumber(m[1] ?? ''))}` };
  return null;
}
