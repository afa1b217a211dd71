// Recto edition pages: reading/diplomatic toggle, footnote popovers, citation page, offline search.
// Everything here enhances a page that already works without scripts.
(() => {
  const root = document.documentElement;
  // A locator as the edition prints it (src/model/pages.ts): `p. 12`, or `pp. 696–709` for a range.
  const pagesLabel = (page) => (page.includes('–') ? `pp. ${page}` : `p. ${page}`);

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

  // --- Anchors below the sticky header: --header-height follows the header (it wraps on phones) -
  // style.css scrolls every in-page target (scroll-padding-top) below it. The browser has scrolled
  // to the URL's target before this runs, with the no-script guess: once measured, a target left
  // under the header is brought back into view.
  const header = document.querySelector('.site-header');
  const headerBottom = () => (header ? header.getBoundingClientRect().bottom : 0);
  const setHeaderHeight = () => {
    if (header) root.style.setProperty('--header-height', `${Math.ceil(header.offsetHeight)}px`);
  };
  const hashTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    return id ? document.getElementById(id) : null;
  };
  let markScrolled = false; // the page scrolled to the first word a search result marked
  const revealTarget = () => {
    if (markScrolled) return;
    const target = hashTarget();
    if (target && target.getBoundingClientRect().top < headerBottom()) target.scrollIntoView();
  };
  if (header) {
    setHeaderHeight();
    revealTarget();
    if (typeof ResizeObserver === 'function') new ResizeObserver(setHeaderHeight).observe(header);
    window.addEventListener('load', revealTarget, { once: true });
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
    citePage.textContent = current.page ? `, ${pagesLabel(current.page)}` : '';
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
    // Closed by its own button, by Escape, or by a tap anywhere outside it (that tap only closes
    // the drawer: it does not follow the link under the finger); focus goes back to the toggle.
    const summary = drawer.querySelector('summary');
    const closeDrawer = () => {
      drawer.open = false;
      summary?.focus({ preventScroll: true });
    };
    drawer.querySelector('.drawer-close')?.addEventListener('click', closeDrawer);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && drawer.open) closeDrawer();
    });
    document.addEventListener(
      'click',
      (event) => {
        if (!drawer.open || drawer.contains(event.target)) return;
        event.preventDefault();
        event.stopPropagation();
        closeDrawer();
      },
      true,
    );
  }

  // --- Offline full-text search (MiniSearch index shipped as a script) ------------------------
  // The index (every paragraph, heading, note and document record: megabytes for a volume) is
  // fetched when the reader first turns to the search box, not with the contents page (a phone
  // pays for it only if used). Results come grouped by document, best first; each hit links to
  // the paragraph or note it was found in, which the page then marks (`:target`).
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
      for (const src of (form?.dataset.scripts ?? '').split(' ').filter(Boolean)) await loadScript(src);
      const data = window.RECTO_SEARCH;
      const stop = new Set(data.stop);
      const processTerm = (term) => {
        const t = term.toLowerCase();
        return stop.has(t) ? null : t;
      };
      const mini = window.MiniSearch.loadJS(data.index, { ...data.options, processTerm });
      return { mini, docs: data.docs, stop };
    })();
    return searcher;
  };
  const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const BOOST = { h: 3, m: 2, t: 1 };
  const PER_DOCUMENT = 3;
  /**
   * The search itself: documents ranked by the quoted phrases they hold, then by how many of the
   * query's words they hold (in any of their paragraphs, notes or record), then by holding the
   * query whole (its title, or a passage), then by score; in each document its best hits. Returns [{ doc, hits: [{ url, anchor, kind, text, page, score, terms }] }].
   */
  const searchEdition = ({ mini, docs, stop }, query) => {
    const { norm } = window.rectoSearchText;
    const phrases = Array.from(query.matchAll(/["“”]([^"“”]+)["“”]?/g), (m) => norm(m[1])).filter(Boolean);
    // `-word` (outside quotation marks) leaves out every document that holds the word.
    const unquoted = query.replace(/["“”][^"“”]*["“”]?/g, ' ');
    const excluded = Array.from(unquoted.matchAll(/(?:^|\s)-([\p{L}\p{N}][\p{L}\p{N}'’-]*)/gu), (m) => m[1]);
    const words = query
      .replace(/(?:^|\s)-[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu, ' ')
      .replace(/["“”]/g, ' ')
      .trim();
    if (!words) return [];
    const without = new Set();
    for (const word of excluded)
      for (const hit of mini.search(word, { prefix: false, fuzzy: false })) without.add(hit.d);
    const hits = mini.search(words, {
      boost: BOOST,
      combineWith: 'OR',
      prefix: (term) => term.length > 3,
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      weights: { prefix: 0.4, fuzzy: 0.2 },
    });
    const recordText = (doc) =>
      [doc.t, doc.n && `Document ${doc.n}`, doc.w, doc.m, doc.s].filter(Boolean).join(' · ');
    // A phrase may run on into the next paragraph (a sentence the print edition breaks at a page).
    const runOn = (hit) => {
      const running = (k) => k === 'p' || k === 'l';
      if (!running(hit.k)) return '';
      const next = mini.getStoredFields(hit.id + 1);
      return next && next.d === hit.d && running(next.k) ? norm(next.x ?? '') : '';
    };
    // The words typed, taken whole: a title given in full, or a sentence remembered verbatim.
    const whole = phrases.length ? '' : norm(words);
    const groups = new Map();
    for (const hit of hits) {
      if (without.has(hit.d)) continue;
      const doc = docs[hit.d];
      const text = hit.k === 'm' ? recordText(doc) : (hit.x ?? '');
      const flat = norm(text);
      const next = phrases.length ? runOn(hit) : '';
      const held = phrases.filter(
        (p) => flat.includes(p) || (next && !next.includes(p) && `${flat} ${next}`.includes(p)),
      );
      const exact = held.length;
      let verbatim = 0;
      if (whole.includes(' ')) {
        if (norm(doc.t) === whole) verbatim = 2;
        else if (flat.includes(whole)) verbatim = 1;
      }
      let group = groups.get(hit.d);
      if (!group) {
        group = {
          doc,
          index: hit.d,
          hits: [],
          covered: new Set(),
          held: new Set(),
          exact: 0,
          verbatim: 0,
          score: 0,
        };
        groups.set(hit.d, group);
      }
      for (const p of held) group.held.add(p);
      for (const t of hit.queryTerms) group.covered.add(t);
      group.exact = Math.max(group.exact, exact);
      group.verbatim = Math.max(group.verbatim, verbatim);
      group.hits.push({ ...hit, text, exact });
    }
    // A document whose number is asked for ("Document 12", "no. 12", "12") comes first.
    const numberAsked = /^(?:doc(?:ument)?\.?|no\.?|#)?\s*(\d+[A-Za-z]?)$/i.exec(words)?.[1];
    // A quoted phrase is a condition: only the documents that hold every phrase asked for (its
    // words adjacent and in order, in one paragraph, note or record, or running on into the next
    // paragraph); in them, the hits that hold a phrase.
    const ranked = Array.from(groups.values()).filter((g) => g.held.size === phrases.length);
    // A register entry (a person, place or organisation) whose name or variant spellings hold
    // every word asked for comes before the documents: "Lippmann" finds Lippmann's page first.
    const asked = new Set((words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stop?.has(w)));
    for (const g of ranked) {
      // (so does a term of a list of terms whose words are the ones asked for: "BAR")
      g.named =
        asked.size > 0 &&
        g.hits.some(
          (h) =>
            (h.k === 'r' || h.k === 't') &&
            h.queryTerms.length >= asked.size &&
            h.terms.every((t) => h.match?.[t]?.includes('h')),
        );
    }
    for (const g of ranked) {
      if (phrases.length) g.hits = g.hits.filter((h) => h.exact > 0);
      g.hits.sort((a, b) => b.exact - a.exact || b.score - a.score);
      const scores = g.hits.map((h) => h.score);
      g.score = (scores[0] ?? 0) + 0.3 * scores.slice(1, 4).reduce((a, b) => a + b, 0);
      g.numbered = numberAsked !== undefined && g.doc.n === numberAsked;
    }
    ranked.sort(
      (a, b) =>
        Number(b.numbered) - Number(a.numbered) ||
        Number(b.named) - Number(a.named) ||
        b.exact - a.exact ||
        b.covered.size - a.covered.size ||
        b.verbatim - a.verbatim ||
        b.score - a.score,
    );
    // The words the opened page marks: those each hit matched, and the phrases' words.
    const phraseWords = phrases.flatMap((p) => p.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stop?.has(w));
    return ranked.map((g) => ({
      doc: g.doc,
      marks: Array.from(new Set([...phraseWords, ...g.hits.flatMap((h) => h.terms)])),
      hits: g.hits
        .filter((h) => h.k !== 'm' || g.hits.length === 1)
        .slice(0, PER_DOCUMENT)
        .map((h) => ({
          url: h.a ? `${g.doc.u}#${h.a}` : g.doc.u,
          anchor: h.a ?? '',
          kind: h.k,
          text: h.text,
          page: h.p ?? '',
          score: h.score,
          exact: h.exact > 0,
          terms: h.terms,
          phrases,
        })),
    }));
  };
  const MAX_DOCUMENTS = 25;
  const show = (groups) => {
    const { KIND, snippet } = window.rectoSearchText;
    results.replaceChildren();
    const summary = document.createElement('p');
    summary.className = 'search-summary';
    const count = groups.length;
    summary.textContent = count
      ? `${count} document${count === 1 ? '' : 's'}${count > MAX_DOCUMENTS ? ` (the first ${MAX_DOCUMENTS} shown)` : ''}`
      : 'No results';
    results.append(summary);
    if (!count) return;
    const list = document.createElement('ol');
    list.className = 'search-groups';
    for (const group of groups.slice(0, MAX_DOCUMENTS)) {
      const item = document.createElement('li');
      item.className = group.doc.r ? 'search-group search-entry' : 'search-group';
      item.dataset.doc = group.doc.i;
      const head = document.createElement('h3');
      const link = document.createElement('a');
      link.href = group.doc.u;
      link.dataset.mark = group.marks.join(' ');
      link.textContent = group.doc.t;
      head.append(link);
      item.append(head);
      const meta = [group.doc.n && `Document ${group.doc.n}`, group.doc.w, group.doc.m]
        .filter(Boolean)
        .join(' · ');
      if (meta) {
        const line = document.createElement('p');
        line.className = 'search-meta';
        line.textContent = meta;
        item.append(line);
      }
      const hits = document.createElement('ul');
      hits.className = 'search-hits';
      for (const hit of group.hits) {
        const entry = document.createElement('li');
        const to = document.createElement('a');
        // The paragraph's or note's own anchor, no text fragment (`:~:text=`): Chrome would make the
        // words' element the target, and the paragraph would not be the one marked.
        to.href = hit.url;
        to.className = 'search-hit';
        to.dataset.mark = group.marks.join(' ');
        const where = document.createElement('span');
        where.className = 'search-where';
        where.textContent = `${KIND[hit.kind]}${hit.page ? `, ${pagesLabel(hit.page)}` : ''}`;
        to.append(where, snippet(hit));
        entry.append(to);
        hits.append(entry);
      }
      item.append(hits);
      list.append(item);
    }
    results.append(list);
  };
  // For tests and for pages that embed the edition: the same search the box runs.
  window.rectoSearch = { load: loadSearch, search: searchEdition };
  // A result opened marks the words searched for on its page (handed over in sessionStorage: the
  // URL keeps only the paragraph's or note's anchor, so `:target` is the hit).
  const MARK_KEY = 'recto-mark';
  results?.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-mark]');
    if (!link) return;
    try {
      sessionStorage.setItem(
        MARK_KEY,
        JSON.stringify({
          path: new URL(link.href).pathname,
          words: link.dataset.mark.split(' ').filter(Boolean),
        }),
      );
    } catch (_) {
      /* not marked, still opened */
    }
  });
  let marking = null;
  try {
    marking = JSON.parse(sessionStorage.getItem(MARK_KEY) ?? 'null');
    sessionStorage.removeItem(MARK_KEY);
  } catch (_) {
    /* nothing to mark */
  }
  if (marking?.path === location.pathname && marking.words?.length) {
    const words = marking.words.map(escapeRe).sort((a, b) => b.length - a.length);
    const find = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    const found = [];
    for (const scope of document.querySelectorAll('main h1, .doc-text, .footnotes, .register-entry > p')) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) =>
          n.parentElement?.closest('.visually-hidden, script, mark')
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        find.lastIndex = 0;
        if (find.test(n.data)) found.push(n);
      }
    }
    for (const node of found) {
      const text = node.data;
      const parts = [];
      let at = 0;
      find.lastIndex = 0;
      for (const m of text.matchAll(find)) {
        parts.push(text.slice(at, m.index));
        const mark = document.createElement('mark');
        mark.className = 'search-mark';
        mark.textContent = m[0];
        parts.push(mark);
        at = m.index + m[0].length;
      }
      parts.push(text.slice(at));
      node.replaceWith(...parts);
    }
    // the first marked word of the hit (else of the page) in view, below the header
    const target = hashTarget();
    const first = target?.querySelector('mark.search-mark') ?? document.querySelector('mark.search-mark');
    if (first) {
      const r = first.getBoundingClientRect();
      if (r.top < headerBottom() || r.bottom > window.innerHeight) {
        first.scrollIntoView({ block: 'center' });
        markScrolled = true;
      }
    }
  }
  if (form && results) {
    form.addEventListener('focusin', () => {
      loadSearch().catch(() => {});
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const query = form.elements.q.value;
      let index;
      try {
        index = await loadSearch();
      } catch {
        searcher = undefined; // try again on the next search
        results.textContent = 'The search index could not be loaded.';
        return;
      }
      show(searchEdition(index, query));
    });
  }
})();
