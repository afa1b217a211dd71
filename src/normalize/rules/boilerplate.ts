import type { Rule } from '../rule.ts';

/**
 * Rule `boilerplate`: lines a web page wraps around a document (site names, empty facet labels,
 * navigation: skip links, breadcrumbs, footer links).
 * They are kept (as TEI `fw`, forme work) but out of the running text.
 */
const BOILERPLATE: RegExp[] = [
  /^Documents on Diplomacy: The Source$/,
  /^\[Subject\]\s*\[Author\]\s*\[Date\]$/,
  /^(Print|Share|Back to top|Previous|Next)$/,
  // Site navigation around a copied page (issue #15): skip links, the beta banner, breadcrumbs,
  // footer links, a collection's banner and viewer labels, a document viewer's page counter.
  /^(Skip to (main )?content|Learn about the beta|Page View|Text View|Contact Us)$/i,
  // a content management system's list of links after the document
  /^Related (Content|Resources|Links|Documents)$/i,
  /^Home\s*[›>»|/]\s*\S.*$/,
  /^[\p{L} ]{2,30}(\s\|\s[\p{L} ]{2,30}){1,8}$/u,
  /^(Link to )?University of Wisconsin Digital Collections$/,
  /^(You are on page \d+ ?of \d+|Sie sind auf Seite \d+ ?von \d+)$/,
];

export const isBoilerplate = (text: string): boolean => BOILERPLATE.some((re) => re.test(text.trim()));

/** The rule (its `fw` prints its line). */
export const boilerplate: Rule = { id: 'boilerplate', family: 'generic' };
