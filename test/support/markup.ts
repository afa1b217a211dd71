/**
 * The markup check for hostile input: every tag in a page must be one Recto writes, with
 * attributes Recto writes, quoted as Recto quotes them; any other `<` means text got through
 * unescaped. Returns what is foreign (empty: the page is Recto's own markup around escaped text).
 */
const TAGS = new Set(
  (
    'html head meta title link script body header nav main footer article section aside div p span a ' +
    'em strong i b sup sub br hr del ins q ol ul li dl dt dd h1 h2 h3 h4 h5 h6 blockquote cite small ' +
    'button table thead tbody tr th td figure figcaption abbr time mark s u details summary caption'
  ).split(' '),
);
const ATTRIBUTES =
  /^(?:class|id|href|title|role|rel|lang|dir|type|name|content|charset|src|hidden|popover|datetime|colspan|rowspan|scope|start|value|tabindex|download|aria-[a-z]+|data-[a-z-]+)$/;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s="'<>/]+(?:="[^"<]*")?)*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s="'<>/]+)(?:="([^"]*)")?/g;

export function foreignMarkup(html: string): string[] {
  const found: string[] = [];
  let at = html.startsWith('<!DOCTYPE html>') ? '<!DOCTYPE html>'.length : 0;
  while (true) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (!m) {
      found.push(`unescaped < at ${lt}: ${html.slice(lt, lt + 40)}`);
      at = lt + 1;
      continue;
    }
    const [, closing, name = '', attrs = ''] = m;
    if (!TAGS.has(name.toLowerCase())) found.push(`element <${name}>`);
    for (const [, attr = '', value = ''] of attrs.matchAll(ATTRIBUTE)) {
      if (!ATTRIBUTES.test(attr)) found.push(`attribute ${attr} on <${name}>`);
      if (/^\s*(?:javascript|data|vbscript):/i.test(value)) found.push(`script URL in ${attr}: ${value}`);
    }
    if (name === 'script' && !closing) {
      // Recto's scripts are files of its own; none has inline code
      if (!/ src="(?:\.\.\/)?assets\/[a-z-]+\.js"/.test(attrs)) found.push(`script ${attrs}`);
      if (!html.startsWith('</script>', TAG.lastIndex)) found.push('inline script');
    }
    at = TAG.lastIndex;
  }
  return found;
}

/** How many `a` elements open inside another `a` (links cannot nest: issue #27). */
export function nestedLinks(html: string): number {
  let depth = 0;
  let nested = 0;
  for (const m of html.matchAll(/<(\/?)a\b[^>]*>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else {
      if (depth > 0) nested++;
      depth++;
    }
  }
  return nested;
}
