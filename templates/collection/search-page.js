// The collection's search page: the form, and the results written under it (the search itself is
// search.js: window.rectoCollectionSearch).
(() => {
  const { search } = window.rectoCollectionSearch;
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
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const snippet = (hit, length = 200) => {
    const text = hit.text;
    const pattern = (t) => escapeRe(t).replace(/ /g, '\\s+').replace(/'/g, "['‘’]").replace(/-/g, '[-–—]');
    const regex = (list) =>
      list.length
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(pattern).join('|')})[\\p{L}\\p{N}]*`, 'giu')
        : null;
    const find = regex([...(hit.exact ? hit.phrases : []), ...hit.terms].filter(Boolean));
    const first = find?.exec(text)?.index ?? 0;
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
  const form = document.querySelector('.collection-search');
  const results = document.getElementById('search-results');
  const show = (groups) => {
    results.replaceChildren();
    const summary = document.createElement('p');
    summary.className = 'search-summary';
    const count = groups.length;
    const shown = groups.filter((g) => g.doc);
    summary.textContent = count
      ? `${count} document${count === 1 ? '' : 's'}${count > shown.length ? ` (the first ${shown.length} shown)` : ''}`
      : 'No results';
    results.append(summary);
    if (!shown.length) return;
    const list = document.createElement('ol');
    list.className = 'search-groups';
    for (const group of shown) {
      const item = document.createElement('li');
      item.className = 'search-group';
      item.dataset.doc = `${group.volume.id}/${group.doc.i}`;
      const head = document.createElement('h2');
      const link = document.createElement('a');
      link.href = group.doc.u;
      link.textContent = group.doc.t;
      head.append(link);
      item.append(head);
      const meta = document.createElement('p');
      meta.className = 'search-meta';
      const volume = document.createElement('a');
      volume.href = group.volume.u;
      volume.className = 'search-volume';
      volume.textContent = group.volume.t;
      meta.append(volume);
      const about = [group.doc.n && `Document ${group.doc.n}`, group.doc.w, group.doc.m].filter(Boolean);
      if (about.length) meta.append(` · ${about.join(' · ')}`);
      item.append(meta);
      const hits = document.createElement('ul');
      hits.className = 'search-hits';
      for (const hit of group.hits) {
        const entry = document.createElement('li');
        const to = document.createElement('a');
        to.href = hit.url;
        to.className = 'search-hit';
        const where = document.createElement('span');
        where.className = 'search-where';
        where.textContent = `${KIND[hit.kind] ?? 'Entry'}${hit.page ? `, page ${hit.page}` : ''}`;
        to.append(where, ' ', snippet(hit));
        entry.append(to);
        hits.append(entry);
      }
      item.append(hits);
      list.append(item);
    }
    results.append(list);
  };
  if (form && results) {
    const run = async (query) => {
      results.textContent = 'Searching…';
      try {
        show(await search(query));
      } catch {
        results.textContent = 'The search index could not be loaded.';
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = form.elements.q.value;
      history.replaceState(null, '', `?q=${encodeURIComponent(query)}`);
      run(query);
    });
    const asked = new URLSearchParams(location.search).get('q');
    if (asked) {
      form.elements.q.value = asked;
      run(asked);
    }
  }
})();
