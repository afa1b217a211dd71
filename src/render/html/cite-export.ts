import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslItem } from './cite.ts';

/**
 * A document's citation as files a reference manager imports: CSL-JSON (the item itself), and
 * BibTeX and RIS written by citation-js from it (a well-kept converter, not our own).
 */
export function citationExports(item: CslItem): { json: string; bib: string; ris: string } {
  const cite = new Cite([item]);
  return {
    json: `${JSON.stringify([item], null, 2)}\n`,
    bib: cite.format('bibtex'),
    ris: unwrapRis(cite.format('ris')),
  };
}

/**
 * plugin-ris writes a page range whole as the start page, and breaks every value after 70 characters, inside words, and readers (citation-js
 * itself, Zotero) join the pieces with a space ("S oviets"): the pieces are joined back, each tag
 * on one line.
 */
function unwrapRis(ris: string): string {
  const lines: string[] = [];
  // (and a page range goes in SP and EP, as RIS has it, not whole in SP)
  for (const line of ris.replace(/^SP {2}- (\S+?)[-–](\S+)$/m, 'SP  - $1\nEP  - $2').split('\n')) {
    if (/^[A-Z][A-Z0-9] {2}-( |$)/.test(line) || line === '' || lines.length === 0) lines.push(line);
    else lines[lines.length - 1] += line;
  }
  return lines.join('\n');
}
