/** Rule `quotation`: a paragraph that is wholly a quotation (`"…"` or `“…”`) becomes a block quote. */
export function isQuotation(text: string): boolean {
  const t = text.trim();
  return t.length > 40 && /^["“]/.test(t) && /["”](?:\d{1,3})?$/.test(t);
}
