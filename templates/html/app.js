// Recto edition pages: reading/diplomatic toggle, footnote popovers, citation page, offline search.
// Everything here enhances a page that already works without scripts.
(() => {
  const root = document.documentElement;

  // --- Reading text ⇄ diplomatic text, remembered across pages -------------------------------
  const toggle = document.querySelector('.mode-toggle');
  const showMode = () => {
    const diplomatic = root.classList.contains('diplomatic');
    toggle.setAttribute('aria-pressed', String(diplomatic));
    toggle.textContent = diplomatic ? 'Show reading text' : 'Show diplomatic text';
  };
  if (toggle) {
    showMode();
    toggle.addEventListener('click', () => {
      root.classList.toggle('diplomatic');
      try {
        localStorage.setItem('recto-mode', root.classList.contains('diplomatic') ? 'diplomatic' : 'reading');
      } catch (_) {
        /* not remembered, still switched */
      }
      showMode();
    });
  }

  // --- Footnotes open in place; Escape or a click outside closes them (popover light dismiss) --
  const popover = document.getElementById('note-popover');
  let opener = null;
  const place = (ref) => {
    const r = ref.getBoundingClientRect();
    const width = Math.min(28 * 16, window.innerWidth - 16);
    popover.style.width = `${width}px`;
    popover.style.left = `${Math.max(8, Math.min(r.left - width / 2, window.innerWidth - width - 8))}px`;
    const below = r.bottom + 8;
    popover.style.top = `${below + 200 < window.innerHeight ? below : Math.max(8, r.top - 8 - popover.offsetHeight)}px`;
  };
  if (popover && typeof popover.showPopover === 'function') {
    document.addEventListener('click', (event) => {
      const ref = event.target.closest?.('a.noteref');
      if (!ref) return;
      const note = document.getElementById(ref.getAttribute('href').slice(1));
      if (!note) return;
      event.preventDefault();
      opener = ref;
      popover.replaceChildren();
      const label = document.createElement('p');
      label.className = 'popover-label';
      label.textContent = `Note ${note.dataset.label}`;
      const body = document.createElement('div');
      body.className = 'popover-body';
      body.append(...Array.from(note.querySelector('.note-body').childNodes, (n) => n.cloneNode(true)));
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'popover-close';
      close.textContent = 'Close';
      close.addEventListener('click', () => popover.hidePopover());
      popover.append(label, body, close);
      popover.setAttribute('tabindex', '-1');
      popover.showPopover();
      place(ref);
      popover.focus();
    });
    popover.addEventListener('toggle', (event) => {
      if (event.newState === 'closed' && opener) {
        opener.focus();
        opener = null;
      }
    });
  }

  // --- "Cite this": the page in view (or chosen by #pN) and the permalink ---------------------
  const citation = document.getElementById('citation');
  const citePage = document.querySelector('.cite-page');
  const citeUrl = document.querySelector('.cite-url');
  const citeAccessed = document.querySelector('.cite-accessed');
  const docText = document.querySelector('.doc-text');
  const pages = Array.from(document.querySelectorAll('.doc-text .pb[data-page]'));
  // The page of the source edition in view: chosen by #pN, else the last page break above the top
  // third of the window while the text is in view; once the reader scrolls past the text (to this
  // box), the page they were reading. Before the first break, the page the document starts on.
  const startPage = citation?.dataset.startPage || '';
  let reading = { page: startPage, id: '' };
  const updateCitation = () => {
    if (!citePage) return;
    const hash = decodeURIComponent(location.hash.slice(1));
    const chosen = pages.find((p) => p.id === hash);
    let current = reading;
    if (chosen) current = { page: chosen.dataset.page, id: chosen.id };
    else if (!docText || docText.getBoundingClientRect().bottom > window.innerHeight * 0.3) {
      current = { page: startPage, id: '' };
      for (const p of pages)
        if (p.getBoundingClientRect().top < window.innerHeight * 0.3)
          current = { page: p.dataset.page, id: p.id };
    }
    reading = current;
    citePage.textContent = current.page ? `, p. ${current.page}` : '';
    if (citeUrl) citeUrl.textContent = location.href.split('#')[0] + (current.id ? `#${current.id}` : '');
  };
  if (citeAccessed) {
    const today = new Date().toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
    citeAccessed.textContent = ` (accessed ${today})`;
  }
  updateCitation();
  window.addEventListener('scroll', updateCitation, { passive: true });
  window.addEventListener('hashchange', updateCitation);

  // --- The contents drawer: every document, by division, loaded when first opened -------------
  const drawer = document.querySelector('.contents-drawer');
  const drawerList = drawer?.querySelector('.drawer-list');
  if (drawer && drawerList) {
    let loaded = false;
    drawer.addEventListener('toggle', () => {
      if (!drawer.open || loaded) return;
      loaded = true;
      const script = document.createElement('script');
      script.src = drawerList.dataset.src;
      script.onload = () => {
        const root = drawerList.dataset.root ?? '';
        const here = location.pathname.split('/').slice(-2).join('/');
        const items = [];
        let group = '';
        for (const entry of window.RECTO_CONTENTS ?? []) {
          if (entry.g && entry.g !== group) {
            const head = document.createElement('li');
            head.className = 'drawer-group';
            head.textContent = entry.g;
            items.push(head);
          }
          group = entry.g;
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = root + entry.h;
          a.textContent = entry.t;
          if (entry.h === here) a.setAttribute('aria-current', 'page');
          li.append(a);
          if (entry.d) {
            const date = document.createElement('span');
            date.className = 'drawer-date';
            date.textContent = ` ${entry.d}`;
            li.append(date);
          }
          items.push(li);
        }
        drawerList.replaceChildren(...items);
        // the current document in view inside the panel (the page itself does not move)
        const current = drawerList.querySelector('[aria-current="page"]');
        const panel = drawer.querySelector('.drawer-panel');
        if (current && panel) panel.scrollTop = current.offsetTop - panel.clientHeight / 2;
      };
      document.head.append(script);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && drawer.open) {
        drawer.open = false;
        drawer.querySelector('summary')?.focus();
      }
    });
  }

  // --- Offline full-text search (MiniSearch index shipped as a script) ------------------------
  // The index holds every paragraph (megabytes for a volume): it is fetched when the reader
  // first turns to the search box, not with the contents page (a phone pays for it only if used).
  const form = document.querySelector('.search-form');
  const results = document.getElementById('search-results');
  const loadScript = (src) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(src));
      document.head.append(script);
    });
  let searcher;
  const loadSearch = () => {
    searcher ??= (async () => {
      for (const src of (form.dataset.scripts ?? '').split(' ').filter(Boolean)) await loadScript(src);
      return window.MiniSearch.loadJS(window.RECTO_SEARCH.index, window.RECTO_SEARCH.options);
    })();
    return searcher;
  };
  if (form && results) {
    const norm = (s) => s.toLowerCase().replace(/\s+/g, ' ').trim();
    const run = (mini, query) => {
      results.replaceChildren();
      const phrase = norm(query.replace(/^["“](.*)["”]$/, '$1'));
      if (!phrase) return;
      let hits = mini.search(phrase, { prefix: true, combineWith: 'AND' });
      const exact = hits.filter((h) => norm(h.text).includes(phrase));
      if (exact.length) hits = exact;
      const summary = document.createElement('p');
      summary.textContent = hits.length
        ? `${hits.length} result${hits.length === 1 ? '' : 's'}`
        : 'No results';
      results.append(summary);
      const list = document.createElement('ol');
      for (const hit of hits.slice(0, 50)) {
        const item = document.createElement('li');
        const link = document.createElement('a');
        const textDirective = exact.length ? `:~:text=${encodeURIComponent(phrase)}` : '';
        link.href = `${hit.url}${textDirective}`;
        link.textContent = hit.title;
        item.append(link);
        if (hit.page) {
          const page = document.createElement('span');
          page.className = 'result-page';
          page.textContent = ` p. ${hit.page}`;
          item.append(page);
        }
        const snippet = document.createElement('p');
        const text = hit.text;
        const at = norm(text).indexOf(phrase);
        snippet.textContent =
          at >= 0
            ? `…${text.slice(Math.max(0, at - 80), at + phrase.length + 80)}…`
            : `${text.slice(0, 160)}…`;
        item.append(snippet);
        list.append(item);
      }
      results.append(list);
    };
    form.addEventListener('focusin', () => {
      loadSearch().catch(() => {});
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const query = form.elements.q.value;
      let mini;
      try {
        mini = await loadSearch();
      } catch {
        searcher = undefined; // try again on the next search
        results.textContent = 'The search index could not be loaded.';
        return;
      }
      run(mini, query);
    });
  }
})();
