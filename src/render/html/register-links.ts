import type { ModelEdition } from '../../model/edition.ts';
import type { RegisterEntry } from '../../register/types.ts';

/** Where a register entry's page is, and what a mention's card says: shared by the pages that link to it. */
export const registerFile = (id: string): string => `register/${id === 'index' ? 'index_' : id}.html`;

/** The words of a mention's card: the preferred name and the description. */
export const registerCard = (e: RegisterEntry): string =>
  e.description ? `${e.name} — ${e.description}` : e.name;

const lookups = new WeakMap<ModelEdition, Map<string, RegisterEntry>>();

/** The HTML context's `register`: an entry's page (from a page `root` below the site's top) and card. */
export function registerLinks(
  edition: ModelEdition,
  root: string,
): (id: string) => { href: string; card: string } | undefined {
  let byId = lookups.get(edition);
  if (!byId) {
    byId = new Map(edition.register.map((e) => [e.id, e]));
    lookups.set(edition, byId);
  }
  const entries = byId;
  return (id) => {
    const e = entries.get(id);
    return e ? { href: `${root}${registerFile(id)}`, card: registerCard(e) } : undefined;
  };
}
