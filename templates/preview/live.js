// Recto preview: follows the build over server-sent events, reloads this page when a build
// changed it (keeping the place you were reading), shows whether the EPUB and PDF are up to date,
// and shows the last build's diagnostics. `recto preview` adds this script to each page as it
// serves it; it is never written into output/.
(() => {
  const here = () => {
    const path = decodeURIComponent(location.pathname).replace(/^\/+/, '');
    return path === '' || path.endsWith('/') ? `${path}index.html` : path;
  };
  const KEY = 'recto-preview-place';
  const place = sessionStorage.getItem(KEY);
  if (place) {
    sessionStorage.removeItem(KEY);
    const { path, y } = JSON.parse(place);
    if (path === here()) addEventListener('load', () => scrollTo(0, y));
  }
  const reload = () => {
    sessionStorage.setItem(KEY, JSON.stringify({ path: here(), y: scrollY }));
    location.reload();
  };

  const status = document.createElement('div');
  status.id = 'recto-preview';
  status.setAttribute('role', 'status');
  const overlay = document.createElement('div');
  overlay.id = 'recto-preview-errors';
  overlay.setAttribute('role', 'alertdialog');
  overlay.setAttribute('aria-labelledby', 'recto-preview-errors-title');
  overlay.hidden = true;
  addEventListener('DOMContentLoaded', () => document.body.append(status, overlay));

  const item = (d) => {
    const li = document.createElement('li');
    li.className = `recto-${d.severity}`;
    const where = document.createElement(d.href ? 'a' : 'span');
    where.className = 'recto-where';
    if (d.href) where.href = d.href;
    where.textContent = `${d.file}:${d.position.line}:${d.position.column}`;
    li.append(where, ` ${d.severity} [${d.ruleId}] ${d.message}`);
    return li;
  };

  let shownError = false;
  const draw = (s) => {
    const warnings = s.diagnostics.filter((d) => d.severity !== 'error');
    const books = s.formats.filter((f) => f === 'epub' || f === 'pdf').map((f) => f.toUpperCase());
    status.textContent = s.building
      ? 'Building…'
      : s.error
        ? 'Last build failed'
        : books.length && s.books !== 'off'
          ? `${books.join(' and ')}: ${s.books}`
          : 'Up to date';
    status.dataset.books = s.books;
    if (warnings.length && !s.error) {
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
      const list = document.createElement('ul');
      list.append(...warnings.slice(0, 200).map(item));
      details.append(summary, list);
      status.append(' · ', details);
    }
    overlay.replaceChildren();
    overlay.hidden = !s.error;
    if (s.error) {
      const title = document.createElement('h2');
      title.id = 'recto-preview-errors-title';
      title.textContent = 'The last build failed — these are the last good pages';
      const list = document.createElement('ul');
      list.append(...s.diagnostics.filter((d) => d.severity === 'error').map(item));
      if (!list.children.length) {
        const pre = document.createElement('pre');
        pre.textContent = s.error;
        list.append(pre);
      }
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Hide';
      close.addEventListener('click', () => {
        overlay.hidden = true;
      });
      overlay.append(title, list, close);
    }
    // The build that failed is fixed: show the page it makes.
    if (shownError && !s.error && !s.building) reload();
    shownError = Boolean(s.error);
  };

  const events = new EventSource('/__recto/events');
  events.addEventListener('state', (e) => {
    const s = JSON.parse(e.data);
    if (s.formats) draw(s);
  });
  events.addEventListener('reload', (e) => {
    const { pages } = JSON.parse(e.data);
    if (pages.includes('*') || pages.includes(here())) reload();
  });
})();
