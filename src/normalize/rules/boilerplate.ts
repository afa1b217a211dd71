/**
 * Rule `boilerplate`: lines a web page wraps around a document (site names, empty facet labels).
 * They are kept (as TEI `fw`, forme work) but out of the running text.
 */
const BOILERPLATE: RegExp[] = [
  /^Documents on Diplomacy: The Source$/,
  /^\[Subject\]\s*\[Author\]\s*\[Date\]$/,
  /^(Print|Share|Back to top|Previous|Next)$/,
];

export const isBoilerplate = (text: string): boolean => BOILERPLATE.some((re) => re.test(text.trim()));
