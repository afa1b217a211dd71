/**
 * Rule `running-head`: a page's running head copied with the text, the page number at one end
 * (`FOREIGN RELATIONS, 1950, VOLUME III 130`, `131 PAPERS RELATING TO FOREIGN AFFAIRS`). It marks
 * where that page begins: a page break, the line kept as forme work. Only the series' own heads
 * are read so; a cable's `TO SECSTATE WASHDC PRIORITY 9937` is not one.
 */
const RUNNING_HEAD =
  /^(?:(\d{1,4})\s+)?((?:FOREIGN RELATIONS|PAPERS RELATING TO)[\p{Lu}\d ,.;:'’&()–-]*?)(?:\s+(\d{1,4}))?$/u;

/** The page number a running-head line gives, or null if the line is not one. */
export function runningHeadPage(text: string): string | null {
  const m = RUNNING_HEAD.exec(text.trim());
  if (!m) return null;
  const [, before, , after] = m;
  // The number at one end, not both (and not a year: `VOLUME III` is followed by the page).
  return (before ? 1 : 0) + (after ? 1 : 0) === 1 ? ((before ?? after) as string) : null;
}
