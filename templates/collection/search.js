// The collection's search: one search over every volume, from an index cut into small files
// (search/meta.js, word chunks i/<n>.js, entry texts x/<n>.js, document records d/<n>.js; see
// src/collection/search-shards.ts). A query fetches only the chunks of its words and the texts of
// the entries it checks or shows. The ranking is the volumes' own (templates/html/app.js): documents
// that hold every quoted phrase, then register entries named by the words, then documents holding
// the most of the words, then the query whole (a title, a sentence), then score.
(() => {
  const base = document.currentScript?.src.replace(/[^/]*$/, '') ?? 'search/';
  const waiting = new Map();
  const loaded = new Map();
  window.RECTO_SHARD = (key, data) => {
    loaded.set(key, data);
    waiting.get(key)?.resolve(data);
  };
  /** One file of the index, by key (`meta`, `i12`, `x340`, `d7`, `t12`), fetched once. */
  const shard = (key) => {
    if (loaded.has(key)) return Promise.resolve(loaded.get(key));
    if (!waiting.has(key)) {
      let resolve;
      let reject;
      const promise = new Promise((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      waiting.set(key, { promise, resolve });
      const script = document.createElement('script');
      const m = /^([a-z]+)(\d*)$/.exec(key);
      script.src = m[2] ? `${base}${m[1]}/${m[2]}.js` : `${base}${key}.js`;
      script.onerror = () => {
        waiting.delete(key);
        reject(new Error(script.src));
      };
      document.head.append(script);
    }
    return waiting.get(key).promise;
  };
  const BOOST_FIELDS = ['h', 'm', 't'];
  const NAMED_KIND = 8;
  const PREFIX_WEIGHT = 0.4;
  const FUZZY_WEIGHT = 0.2;
  const { norm } = window.rectoSearchText; // search-text.js, the edition's own
  // MiniSearch's tokenizer, and the volumes' term processing (lower case, stop words left out)
  const tokenize = (s) => s.split(/[\n\r\p{Z}\p{P}]+/u).filter(Boolean);
  const chunkOf = (chunks, term) => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  /** The chunks a term's exact and prefix matches stand in. */
  const chunksFor = (chunks, term, prefix) => {
    const first = chunkOf(chunks, term);
    const out = [first];
    if (prefix) for (let k = first + 1; k < chunks.length && chunks[k].startsWith(term); k++) out.push(k);
    return out;
  };
  const decode = (flat) => {
    const out = [];
    let entry = 0;
    let doc = 0;
    for (let k = 0; k < flat.length; k += 4) {
      entry += flat[k];
      doc += flat[k + 1];
      out.push({ entry, doc, score: flat[k + 2] / 100, flags: flat[k + 3] });
    }
    return out;
  };
  const distance = (a, b, max) => {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        least = Math.min(least, row[j]);
      }
      if (least > max) return max + 1;
      prev = row;
    }
    return prev[b.length];
  };
  /** The words' postings, scored and combined as MiniSearch's OR search (prefix and fuzzy included). */
  const match = async (meta, terms, { prefix = true, fuzzy = true } = {}, holders = new Map()) => {
    const results = new Map();
    for (const term of terms) {
      const wantPrefix = prefix && term.length > 3;
      const maxFuzzy = fuzzy && term.length > 5 ? Math.min(6, Math.round(term.length * 0.2)) : 0;
      const keys = chunksFor(meta.chunks, term, wantPrefix);
      const chunks = await Promise.all(keys.map((k) => shard(`i${k}`)));
      const derived = [];
      for (const chunk of chunks)
        for (const word of Object.keys(chunk)) {
          if (word === term) derived.push([word, 1]);
          else if (wantPrefix && word.startsWith(term))
            derived.push([
              word,
              (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * (word.length - term.length)),
            ]);
          else if (maxFuzzy) {
            const d = distance(term, word, maxFuzzy);
            if (d <= maxFuzzy) derived.push([word, (FUZZY_WEIGHT * word.length) / (word.length + d)]);
          }
        }
      const held = new Set();
      holders.set(term, held);
      for (const [word, weight] of derived) {
        const [, flat, bits] = chunks.find((c) => c[word])[word];
        if (bits && word === term) {
          const bytes = atob(bits);
          for (let d = 0; d < bytes.length * 8; d++)
            if (bytes.charCodeAt(d >> 3) & (1 << (d & 7))) held.add(d);
        }
        for (const p of decode(flat)) {
          held.add(p.doc);
          const fields = BOOST_FIELDS.filter((_, k) => p.flags & (1 << k));
          let r = results.get(p.entry);
          if (!r) {
            r = {
              entry: p.entry,
              d: p.doc,
              named: (p.flags & NAMED_KIND) !== 0,
              score: 0,
              queryTerms: [],
              match: {},
            };
            results.set(p.entry, r);
          }
          r.score += weight * p.score;
          if (!r.queryTerms.includes(term)) r.queryTerms.push(term);
          r.match[word] = [...new Set([...(r.match[word] ?? []), ...fields])];
        }
      }
    }
    return [...results.values()].map((r) => ({
      ...r,
      score: r.score * r.queryTerms.length,
      terms: Object.keys(r.match),
    }));
  };
  const texts = async (meta, entries) => {
    const keys = [...new Set(entries.map((e) => Math.floor(e / meta.textChunk)))];
    await Promise.all(keys.map((k) => shard(`x${k}`)));
    return (e) => loaded.get(`x${Math.floor(e / meta.textChunk)}`)?.[e % meta.textChunk];
  };
  const records = async (meta, docs) => {
    const keys = [...new Set(docs.map((d) => Math.floor(d / meta.docChunk)))];
    await Promise.all(keys.map((k) => shard(`d${k}`)));
    return (d) => loaded.get(`d${Math.floor(d / meta.docChunk)}`)[d % meta.docChunk];
  };
  const pairHash = (key) => {
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) {
      h ^= key.charCodeAt(k);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  const pairsOf = (termsOf, text) => {
    const t = termsOf(text);
    return [...new Set(t.slice(1).map((w, k) => `${t[k]} ${w}`))];
  };
  /** The entries that hold every pair, or all but one in the entry and the next; most pairs first. */
  const pairCandidates = async (meta, pairs) => {
    if (!pairs.length) return [];
    const lists = await Promise.all(
      pairs.map(async (pair) => {
        const chunk = await shard(`b${pairHash(pair) % meta.pairs}`);
        let e = 0;
        return (chunk[pair] ?? []).map((d) => {
          e += d;
          return e;
        });
      }),
    );
    // in one entry: every pair
    const sets = lists.map((list) => new Set(list));
    const inEntry = new Map();
    for (const set of sets) for (const e of set) inEntry.set(e, (inEntry.get(e) ?? 0) + 1);
    const whole = [...inEntry].filter(([, n]) => n === pairs.length).map(([e]) => ({ e, next: false }));
    // running on into the next entry: all pairs but the one across, in the entry and the next
    const across = [];
    if (pairs.length >= 2)
      for (const [e, n] of inEntry) {
        if (n === pairs.length) continue;
        const both = sets.filter((l) => l.has(e) || l.has(e + 1)).length;
        if (both >= pairs.length - 1) across.push({ e, next: true });
      }
    return [...whole.sort((x, y) => x.e - y.e), ...across.sort((x, y) => x.e - y.e)];
  };
  const CHECKED = 24;
  const BATCH = 6; // the documents whose text is read to check a phrase or the query whole
  const PER_DOCUMENT = 3;
  /**
   * The search: returns [{ doc, volume, hits: [{ url, anchor, kind, text, page, score, terms }] }],
   * best first, with the records and texts of the first `shown` documents.
   */
  const search = async (query, shown = 10) => {
    const meta = await shard('meta');
    const stop = new Set(meta.stop);
    const termsOf = (s) => tokenize(s.toLowerCase()).filter((t) => !stop.has(t));
    const phrases = Array.from(query.matchAll(/["“”]([^"“”]+)["“”]?/g), (m) => norm(m[1])).filter(Boolean);
    const unquoted = query.replace(/["“”][^"“”]*["“”]?/g, ' ');
    const excluded = Array.from(unquoted.matchAll(/(?:^|\s)-([\p{L}\p{N}][\p{L}\p{N}'’-]*)/gu), (m) => m[1]);
    const words = query
      .replace(/(?:^|\s)-[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu, ' ')
      .replace(/["“”]/g, ' ')
      .trim();
    if (!words) return [];
    const without = new Set(
      (await match(meta, excluded.flatMap(termsOf), { prefix: false, fuzzy: false })).map((h) => h.d),
    );
    const terms = [...new Set(termsOf(words))];
    const holders = new Map();
    const hits = await match(meta, terms, {}, holders);
    const groups = new Map();
    for (const hit of hits) {
      if (without.has(hit.d)) continue;
      let g = groups.get(hit.d);
      if (!g) {
        g = { d: hit.d, hits: [], covered: new Set(), held: new Set(), exact: 0, verbatim: 0 };
        groups.set(hit.d, g);
      }
      for (const t of hit.queryTerms) g.covered.add(t);
      g.hits.push(hit);
    }
    // A word's best entries only are shipped for a common word, but every document that holds it
    // is known: a document counts as holding each word it holds, and one that holds them all is
    // among the results even where none of its entries is among the words' best.
    for (const [term, docs] of holders)
      for (const d of docs) {
        if (without.has(d)) continue;
        const g = groups.get(d);
        if (g) g.covered.add(term);
        else if (terms.every((t) => holders.get(t)?.has(d)))
          groups.set(d, { d, hits: [], covered: new Set(terms), held: new Set(), exact: 0, verbatim: 0 });
      }
    const asked = new Set((words.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stop.has(w)));
    let ranked = [...groups.values()];
    for (const g of ranked) {
      g.named =
        asked.size > 0 &&
        g.hits.some(
          (h) =>
            h.named && h.queryTerms.length >= asked.size && h.terms.every((t) => h.match[t].includes('h')),
        );
      g.hits.sort((a, b) => b.score - a.score);
      g.score = (g.hits[0]?.score ?? 0) + 0.3 * g.hits.slice(1, 4).reduce((a, h) => a + h.score, 0);
    }
    const order = (a, b) =>
      Number(b.named) - Number(a.named) ||
      b.exact - a.exact ||
      b.covered.size - a.covered.size ||
      b.verbatim - a.verbatim ||
      b.score - a.score;
    ranked.sort(order);
    // A quoted phrase, or several words (a title, a sentence remembered): looked for in the text of
    // the entries that hold its pairs of words (or all but one of them in an entry and the next: a
    // phrase running on into the next paragraph), whichever documents they are in.
    const whole = phrases.length ? '' : norm(words);
    const asks = phrases.length ? phrases : whole.includes(' ') ? [whole] : [];
    const candidates = new Map();
    for (const asked of asks)
      for (const { e, next } of await pairCandidates(meta, pairsOf(termsOf, asked)))
        candidates.set(e, (candidates.get(e) ?? false) || next);
    if (asks.length) {
      // the likeliest first (in one entry, then by the words' scores there), read a few at a time
      // until a page of documents is found: a phrase found in many places costs no more to show
      const entryScore = new Map(hits.map((h) => [h.entry, h.score]));
      const likely = ([e, next]) =>
        (next ? 0 : 1e9) + (entryScore.get(e) ?? 0) + (next ? (entryScore.get(e + 1) ?? 0) : 0);
      // (a phrase running on: both entries hold some of the words asked for)
      const chosen = [...candidates]
        .filter(([e, next]) => !next || (entryScore.has(e) && entryScore.has(e + 1)))
        .sort((a, b) => likely(b) - likely(a))
        .slice(0, CHECKED);
      const running = (k) => k === 'p' || k === 'l';
      const needed = [...new Set(asks.flatMap(termsOf))];
      const found = new Set();
      for (let from = 0; from < chosen.length && found.size < shown; from += BATCH) {
        const batch = chosen.slice(from, from + BATCH);
        // (the next entry's text only where the phrase may run on into it)
        const text = await texts(
          meta,
          batch.flatMap(([e, next]) => (next ? [e, e + 1] : [e])),
        );
        for (const [e] of batch) {
          const t = text(e);
          if (!t) continue;
          const flat = norm(t[4]);
          const after = text(e + 1);
          const next = after && after[0] === t[0] && running(t[2]) && running(after[2]) ? norm(after[4]) : '';
          const held = phrases.filter(
            (p) => flat.includes(p) || (next && !next.includes(p) && `${flat} ${next}`.includes(p)),
          );
          const verbatim = whole
            ? t[5] !== undefined && norm(t[5]) === whole
              ? 2
              : flat.includes(whole)
                ? 1
                : 0
            : 0;
          if ((!held.length && !verbatim) || without.has(t[0])) continue;
          let g = groups.get(t[0]);
          if (!g) {
            // (a document the words' best entries left out: it holds them all, the text says so)
            g = {
              d: t[0],
              hits: [],
              covered: new Set(),
              held: new Set(),
              exact: 0,
              verbatim: 0,
              named: false,
              score: 0,
            };
            groups.set(t[0], g);
            ranked.push(g);
          }
          for (const term of needed) g.covered.add(term);
          let hit = g.hits.find((h) => h.entry === e);
          if (!hit) {
            hit = { entry: e, d: t[0], score: 0, queryTerms: needed, terms: needed, match: {} };
            g.hits.push(hit);
          }
          hit.exact = held.length;
          for (const p of held) g.held.add(p);
          g.exact = Math.max(g.exact, held.length);
          g.verbatim = Math.max(g.verbatim, verbatim);
          found.add(t[0]);
        }
      }
      // (a phrase of one word has no pair: held where the word itself is)
      for (const p of phrases) {
        const t = termsOf(p);
        if (t.length === 1)
          for (const g of ranked)
            for (const h of g.hits)
              if (h.match[t[0]]) {
                g.held.add(p);
                h.exact = Math.max(h.exact ?? 0, 1);
                g.exact = Math.max(g.exact, 1);
              }
      }
      if (phrases.length) ranked = ranked.filter((g) => g.held.size === phrases.length);
      ranked.sort(order);
    }
    // The first documents shown: their records and their best hits' texts.
    const top = ranked.slice(0, shown);
    for (const g of top) {
      if (phrases.length) g.hits = g.hits.filter((h) => h.exact > 0);
      g.hits.sort((a, b) => (b.exact ?? 0) - (a.exact ?? 0) || b.score - a.score);
    }
    const record = await records(
      meta,
      top.map((g) => g.d),
    );
    const text = await texts(
      meta,
      top.flatMap((g) => g.hits.slice(0, PER_DOCUMENT + 1).map((h) => h.entry)),
    );
    const phraseWords = phrases.flatMap((p) => p.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !stop.has(w));
    return ranked.map((g, k) => {
      if (k >= shown) return { index: g.d };
      const doc = record(g.d);
      const list = g.hits
        .map((h) => ({ h, t: text(h.entry) }))
        .filter(({ t }) => t && (t[2] !== 'm' || g.hits.length === 1))
        .slice(0, PER_DOCUMENT);
      return {
        index: g.d,
        doc,
        volume: meta.volumes[doc.v],
        marks: [...new Set([...phraseWords, ...g.hits.flatMap((h) => h.terms)])],
        hits: list.map(({ h, t }) => ({
          url: t[1] ? `${doc.u}#${t[1]}` : doc.u,
          anchor: t[1],
          kind: t[2],
          page: t[3],
          text: t[4],
          score: h.score,
          exact: (h.exact ?? 0) > 0,
          terms: h.terms,
          phrases,
        })),
      };
    });
  };
  // For the page (search-page.js) and for tests: the search itself.
  window.rectoCollectionSearch = { search };
})();
