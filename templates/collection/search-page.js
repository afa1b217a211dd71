// The collection's search page: the form, and the results written under it (the search itself is
// search.js: window.rectoCollectionSearch; the snippets are drawn as an edition's, search-text.js).
(() => {
  const { search } = window.rectoCollectionSearch;
  const { KIND, snippet } = window.rectoSearchText; // search-text.js, the edition's own
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
