import type { Rule } from '../rule.ts';
import type { Span } from './footnote-refs.ts';

/**
 * Rule `damage`: OCR and typing slips that a reader would stumble on — a stray `I` fused to a word
 * in capitals (`IPRACTICAL`, `POLICYI`, the remains of bold markers), `ce` read for `oe`
 * (`manceuvring`). Reported as warnings with their position, never changed silently: the editor
 * corrects them through the manifest (`corrections`), which encodes them as choice/sic/corr.
 */
export interface Suspect {
  offset: number;
  word: string;
  why: string;
}

const CHECKS: { re: RegExp; why: string }[] = [
  { re: /\bI(?![NSTDMGLRCFV])[A-Z]{4,}\b/g, why: 'capitals word with a stray leading "I"' },
  { re: /\b[A-Z]{3,}[^AEIOUHLN\sI]I\b/g, why: 'capitals word with a stray trailing "I"' },
  { re: /\b[A-Z]{4,}YI\b/g, why: 'capitals word with a stray trailing "I"' },
  { re: /\b\w*[mn]ceuv\w*\b/gi, why: '"ce" where "oe" (œ) is likely, an OCR confusion' },
];

export function findSuspects(spans: Span[]): Suspect[] {
  const found = new Map<number, Suspect>();
  for (const span of spans) {
    for (const { re, why } of CHECKS) {
      for (const m of span.text.matchAll(re)) {
        const offset = span.offset + (m.index ?? 0);
        if (!found.has(offset)) found.set(offset, { offset, word: m[0], why });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

/** The rule: it only reports (`ocr-suspect`); the manifest's corrections make the `choice`. */
export const damage: Rule = { id: 'damage', family: 'generic' };
