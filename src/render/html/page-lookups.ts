import type { HtmlContext } from './context.ts';

/**
 * What a document's page looked up outside its own document while it was drawn: the address of
 * each id it links to (another document's page, a note, a page break) and the register entry of
 * each mention (its page and card). A page kept in the page cache (page-cache.ts) is used again
 * only when every one of these lookups still gives what it gave: an edit elsewhere that moves or
 * renames what the page points at draws it again. `null`: the lookup found nothing.
 */
export interface PageLookups {
  links: Map<string, string | null>;
  register: Map<string, string | null>;
}

export const newLookups = (): PageLookups => ({ links: new Map(), register: new Map() });

/** The register lookup's answer as the cache keeps it (one string: its page and its card). */
export const registerAnswer = (found: { href: string; card: string } | undefined): string | null =>
  found ? JSON.stringify([found.href, found.card]) : null;

/** Records, in `seen`, every lookup the page's context makes. */
export function watchLookups(ctx: HtmlContext, seen: PageLookups): void {
  const { resolve, register } = ctx;
  if (resolve)
    ctx.resolve = (id) => {
      const href = resolve(id);
      seen.links.set(id, href ?? null);
      return href;
    };
  if (register)
    ctx.register = (id) => {
      const found = register(id);
      seen.register.set(id, registerAnswer(found));
      return found;
    };
}
