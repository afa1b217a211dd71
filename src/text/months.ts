/** The months in English, lower case, January first: the normalizer's dates and the register's office dates read them. */
export const MONTHS: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A month's number (1–12) from its English name in any case; 0 for anything else. */
export const monthNumber = (name: string): number => MONTHS.indexOf(name.toLowerCase()) + 1;
