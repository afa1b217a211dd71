// What the edition's search (app.js) and a collection's search (collection/search.js and
// search-page.js) share, so that a query is read, and a hit shown, the same way in both: loaded
// with the search, not with every page. Defines window.rectoSearchText.
(() => {
  // Case, white space, quotation marks and the kind of apostrophe or dash do not matter in a phrase.
  const norm = (s) =>
    s
      .toLowerCase()
      .replace(/[‘’]/g, "'")
      .replace(/["“”]/g, '')
      .replace(/[–—]/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // What a hit is, by the search index's kind letter (src/render/html/search-index.ts).
  const KIND = {
    m: 'Document record',
    h: 'Heading',
    p: 'Paragraph',
    l: 'List item',
    w: 'Table row',
    t: 'Term',
    n: 'Note',
    r: 'In the index',
  };
  // A stretch of the text around the first match, cut at word boundaries, the matched words in <mark>.
  const snippet = (hit, length = 200) => {
    const text = hit.text;
    const pattern = (t) => escapeRe(t).replace(/ /g, '\\s+').replace(/'/g, "['‘’]").replace(/-/g, '[-–—]');
    const regex = (list) =>
      list.length
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(pattern).join('|')})[\\p{L}\\p{N}]*`, 'giu')
        : null;
    const phrases = hit.exact ? hit.phrases : [];
    const find = regex([...phrases, ...hit.terms].filter(Boolean));
    // the window opens on the phrase asked for, else on the first word found
    const first = (regex(phrases) ?? find)?.exec(text)?.index ?? find?.exec(text)?.index ?? 0;
    let from = Math.max(0, first - length / 3);
    let to = Math.min(text.length, from + length);
    if (from > 0) from = text.indexOf(' ', from) + 1 || from;
    if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
    const part = text.slice(from, to);
    const out = document.createElement('span');
    out.className = 'search-snippet';
    if (from > 0) out.append('… ');
    let at = 0;
    if (find) {
      find.lastIndex = 0;
      for (const m of part.matchAll(find)) {
        out.append(part.slice(at, m.index));
        const mark = document.createElement('mark');
        mark.textContent = m[0];
        out.append(mark);
        at = m.index + m[0].length;
      }
    }
    out.append(part.slice(at));
    if (to < text.length) out.append(' …');
    return out;
  };
  window.rectoSearchText = { norm, KIND, snippet };
})();
