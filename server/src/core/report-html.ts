// The coverage matrix as a page and as a table: a self-contained, printable
// HTML report (inline CSS, no external resource, a small optional script for
// sorting and filtering that the page does not need to be read) and a
// markdown table that renders on GitHub. Pure: matrix in, string out. The
// editor's webview renders the same page with its own options (a CSP nonce,
// the theme's colours, links that post a message instead of navigating).
//
// Everything the user wrote (titles, file names, event ids) and everything a
// framework file names (principles, descriptions) is escaped: a story titled
// `<img src=x onerror=alert(1)>` shows as those characters and loads nothing.

import type { CoverageMatrix, MatrixCell, MatrixStory } from './matrix';

export interface MatrixRenderOptions {
  /** Where a story's link goes (the report: its file relative to the page, with `#L<line>`). Without it, to the story's row in the page. */
  href?: (story: MatrixStory) => string;
  /** How a story's file is named (a path relative to the page or the workspace); default its URI. */
  file?: (uri: string) => string;
}

export interface MatrixHtmlOptions extends MatrixRenderOptions {
  /** The page's title; default "Coverage matrix: <framework>". */
  title?: string;
  /**
   * The nonce of the page's `<style>` and `<script>` (its Content-Security-Policy
   * allows only them). Default: one made from the page's content, so the same
   * matrix gives the same page.
   */
  nonce?: string;
  /** The webview's `cspSource`, allowed as a style source beside the nonce. */
  cspSource?: string;
  /** For the editor's webview: links and the export button post a message (`{ type: 'open', story }`, `{ type: 'export' }`). */
  webview?: boolean;
  /** Include the small script (filtering, ordering, arrow keys; the webview's messages). Default true. */
  script?: boolean;
}

const CELL_MARK: Record<MatrixCell, string> = { ready: '✓', tagged: '○', weak: '!' };
const CELL_WORDS: Record<MatrixCell, string> = {
  ready: 'ready to tell',
  tagged: 'tagged, not ready',
  weak: 'weak: a part or a number missing',
};
const STATE_WORDS = { none: 'no story', below: 'below target', met: 'met' } as const;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Text safe anywhere in HTML: in an element or a quoted attribute. Control characters become U+FFFD. */
export function escapeHtml(s: string): string {
  return s
    .replace(CONTROL, '\ufffd')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/**
 * Text that renders as itself in GitHub markdown (a table cell too): emphasis,
 * link, code and table punctuation backslash-escaped, `<` and `&` inert (no
 * HTML, no entity), autolinks broken (`http:\/\/`, `www\.`), lines joined.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(CONTROL, '\ufffd')
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*_[\]<>&|~!]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/:(?=\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** A link target that stays one: spaces, brackets, quotes and angle brackets percent-encoded; only relative or file-less targets. */
export function safeHref(target: string): string {
  // a scheme (javascript:, command:, http:) is never taken from a path: make it relative
  const t = /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target) ? `./${target}` : target;
  return encodeURI(t.replace(/\\/g, '/')).replace(/[()'"<>[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A story's state in words: "ready", or why not. */
export function storyState(s: MatrixStory): string {
  return s.ready ? 'ready' : s.why.length ? s.why.join('; ') : 'not ready';
}

function findingWords(s: MatrixStory): string {
  const f = s.findings;
  const parts: string[] = [];
  if (f.error) parts.push(`${f.error} ${f.error === 1 ? 'error' : 'errors'}`);
  if (f.warning) parts.push(`${f.warning} ${f.warning === 1 ? 'warning' : 'warnings'}`);
  if (f.information) parts.push(`${f.information} info`);
  if (f.hint) parts.push(`${f.hint} ${f.hint === 1 ? 'hint' : 'hints'}`);
  return parts.join(', ');
}

/** FNV-1a over the text, as 16 hex digits: a nonce the same page always gets. */
function contentNonce(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

const STYLE = `
:root {
  color-scheme: light dark;
  --fg: var(--vscode-editor-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d0d7de);
  --link: var(--vscode-textLink-foreground, #0969da);
  --focus: var(--vscode-focusBorder, #0969da);
  --ready: var(--vscode-testing-iconPassed, #1a7f37);
  --tagged: var(--vscode-editorWarning-foreground, #9a6700);
  --weak: var(--vscode-errorForeground, #cf222e);
  --head: var(--vscode-sideBar-background, #f6f8fa);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --size: var(--vscode-font-size, 13px);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 12px 16px; color: var(--fg); background: var(--bg); font: var(--size)/1.4 var(--font); }
h1 { font-size: 1.4em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 20px 0 6px; }
p.summary, .legend { color: var(--muted); margin: 4px 0; }
.legend span.k { display: inline-block; margin-right: 14px; }
.t { unicode-bidi: isolate; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.controls { margin: 8px 0; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
.controls[hidden] { display: none; }
input, select, button { font: inherit; color: inherit; background: var(--vscode-input-background, transparent); border: 1px solid var(--border); padding: 2px 6px; }
button { cursor: pointer; background: var(--vscode-button-background, var(--head)); color: var(--vscode-button-foreground, var(--fg)); }
.scroll { overflow: auto; max-width: 100%; border: 1px solid var(--border); }
table { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid var(--border); padding: 0; text-align: center; }
table.matrix thead th { background: var(--head); vertical-align: bottom; font-weight: normal; }
table.matrix th.story { height: 11em; min-width: 1.9em; max-width: 1.9em; }
table.matrix th.story a, table.matrix th.story span.n { writing-mode: vertical-rl; transform: rotate(180deg); display: block; margin: 4px auto; max-height: 10.5em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: left; }
table.matrix th.event { font-size: 0.85em; color: var(--muted); padding: 1px 4px; }
table.matrix th.principle { text-align: left; padding: 2px 8px; white-space: nowrap; background: var(--bg); position: sticky; left: 0; z-index: 1; font-weight: 600; }
table.matrix thead th.corner { position: sticky; left: 0; z-index: 2; text-align: left; padding: 4px 8px; }
table.matrix td.num { padding: 2px 6px; font-variant-numeric: tabular-nums; color: var(--muted); white-space: nowrap; }
table.matrix td.c { width: 1.9em; height: 1.9em; }
table.matrix td.c a { display: block; width: 100%; height: 100%; line-height: 1.9em; font-weight: 700; text-decoration: none; }
.ev0 { border-left: 2px solid var(--muted) !important; }
td.ready { background: color-mix(in srgb, var(--ready) 22%, transparent); }
td.ready a, .mark-ready { color: var(--ready); }
td.tagged { background: color-mix(in srgb, var(--tagged) 18%, transparent); }
td.tagged a, .mark-tagged { color: var(--tagged); }
td.weak { background: color-mix(in srgb, var(--weak) 18%, transparent); }
td.weak a, .mark-weak { color: var(--weak); }
tr.none th.principle { color: var(--weak); }
tr.below th.principle { color: var(--tagged); }
tr.none th.principle::after { content: " — no story"; font-weight: normal; }
.state-below, .state-none { color: var(--weak); }
.state-met { color: var(--ready); }
table.stories { margin-top: 4px; }
table.stories th, table.stories td { border: 1px solid var(--border); padding: 2px 8px; text-align: left; vertical-align: top; }
table.stories thead th { background: var(--head); }
table.stories td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.stories tr:target { outline: 2px solid var(--focus); }
.hide { display: none !important; }
@media print {
  body { padding: 0; font-size: 9pt; }
  .controls, button { display: none !important; }
  .scroll { overflow: visible; border: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.matrix th.principle { position: static; }
  table.stories { page-break-before: auto; }
  a { color: inherit; }
}
`;

const SCRIPT = `
(function () {
  var api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var controls = document.querySelector('.controls');
  if (controls) controls.hidden = false;
  var filter = document.getElementById('filter');
  var gaps = document.getElementById('gaps');
  var order = document.getElementById('order');
  var tbody = document.querySelector('table.matrix tbody');
  function apply() {
    var q = filter ? filter.value.trim().toLowerCase() : '';
    var heads = document.querySelectorAll('th.story');
    var hidden = {};
    for (var i = 0; i < heads.length; i++) {
      var h = heads[i];
      var show = !q || (h.getAttribute('data-title') || '').toLowerCase().indexOf(q) >= 0;
      if (!show) hidden[h.getAttribute('data-c')] = true;
      h.classList.toggle('hide', !show);
    }
    // the events' row spans columns: hidden while a filter hides some of them
    var evs = document.querySelectorAll('tr.events th.event');
    for (var e = 0; e < evs.length; e++) evs[e].classList.toggle('hide', !!q);
    var cells = document.querySelectorAll('td.c');
    for (var j = 0; j < cells.length; j++) cells[j].classList.toggle('hide', !!hidden[cells[j].getAttribute('data-c')]);
    var rows = document.querySelectorAll('table.matrix tbody tr');
    for (var k = 0; k < rows.length; k++) rows[k].classList.toggle('hide', !!(gaps && gaps.checked && rows[k].classList.contains('met')));
  }
  function sort() {
    if (!tbody || !order) return;
    var key = order.value;
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      if (key === 'name') return a.getAttribute('data-name').localeCompare(b.getAttribute('data-name'));
      return Number(a.getAttribute('data-' + key)) - Number(b.getAttribute('data-' + key));
    });
    for (var i = 0; i < rows.length; i++) tbody.appendChild(rows[i]);
  }
  if (filter) filter.addEventListener('input', apply);
  if (gaps) gaps.addEventListener('change', apply);
  if (order) order.addEventListener('change', sort);
  document.addEventListener('click', function (e) {
    var t = e.target instanceof Element ? e.target.closest('[data-story]') : null;
    if (t && api) { e.preventDefault(); api.postMessage({ type: 'open', story: Number(t.getAttribute('data-story')) }); }
    var x = e.target instanceof Element ? e.target.closest('#export') : null;
    if (x && api) { e.preventDefault(); api.postMessage({ type: 'export' }); }
  });
  // arrow keys move between the cells of the matrix (Tab and Enter work as on any link)
  document.addEventListener('keydown', function (e) {
    var a = document.activeElement;
    if (!a || !a.hasAttribute || !a.hasAttribute('data-r')) return;
    var dr = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    var dc = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!dr && !dc) return;
    var links = Array.prototype.slice.call(document.querySelectorAll('a[data-r]')).filter(function (l) { return !l.closest('.hide'); });
    var row = a.closest('tr');
    var rowsShown = Array.prototype.slice.call(document.querySelectorAll('table.matrix tbody tr')).filter(function (r) { return !r.classList.contains('hide'); });
    var r = rowsShown.indexOf(row), c = Number(a.getAttribute('data-c'));
    var best = null, bestD = Infinity;
    for (var i = 0; i < links.length; i++) {
      var l = links[i], lr = rowsShown.indexOf(l.closest('tr')), lc = Number(l.getAttribute('data-c'));
      if (dr && (lr - r) * dr <= 0) continue;
      if (dc && (lr !== r || (lc - c) * dc <= 0)) continue;
      var d = dr ? Math.abs(lr - r) * 100000 + Math.abs(lc - c) : Math.abs(lc - c);
      if (d < bestD) { bestD = d; best = l; }
    }
    if (best) { e.preventDefault(); best.focus(); }
  });
})();
`;

/**
 * The matrix as one self-contained HTML page: a legend, principles (rows, by
 * need) against stories (columns, by event) with the per-principle totals,
 * then the stories with their file and line, event, state and findings.
 */
export function matrixHtml(m: CoverageMatrix, options: MatrixHtmlOptions = {}): string {
  const fileOf = options.file ?? ((u: string) => u);
  const hrefOf = (s: MatrixStory, i: number) => (options.href && !options.webview ? safeHref(options.href(s)) : `#story-${i + 1}`);
  const script = options.script !== false;
  const title = options.title ?? `Coverage matrix: ${m.framework}`;
  const b: string[] = [];
  const tagged = m.principles.filter((p) => p.stories > 0).length;
  const ready = m.principles.filter((p) => p.ready > 0).length;
  const met = m.principles.filter((p) => p.state === 'met').length;
  b.push(`<h1 class="t">${escapeHtml(title)}</h1>`);
  b.push(
    `<p class="summary">${m.stories.length} ${m.stories.length === 1 ? 'story' : 'stories'} telling ${m.events} ${m.events === 1 ? 'event' : 'events'}; ` +
      `${ready} of ${m.principles.length} principles have a ready story, ${tagged} a tagged one, ${met} meet the target of ${m.target} ready.</p>`,
  );
  b.push(
    `<p class="legend"><span class="k"><b class="mark-ready">${CELL_MARK.ready}</b> ready to tell (all four parts, a number in the Result, a spoken length in range)</span>` +
      `<span class="k"><b class="mark-weak">${CELL_MARK.weak}</b> weak (a part or the number in the Result missing)</span>` +
      `<span class="k"><b class="mark-tagged">${CELL_MARK.tagged}</b> tagged, not ready (told in full; the length is out of range)</span>` +
      `<span class="k">empty: not tagged</span><span class="k">“one event”: stories that tell the same event, between lines</span></p>`,
  );
  b.push(
    `<div class="controls" hidden><label>Filter stories <input id="filter" type="search" placeholder="title"></label>` +
      `<label><input id="gaps" type="checkbox"> gaps only</label>` +
      `<label>Principles <select id="order"><option value="need">by need</option><option value="fw">in framework order</option><option value="name">by name</option></select></label>` +
      (options.webview ? `<button id="export" type="button">Export HTML report…</button>` : '') +
      `</div>`,
  );

  // the matrix
  b.push('<div class="scroll"><table class="matrix" aria-label="Principles by stories">');
  b.push('<thead>');
  // events that more than one story tells, spanning their stories
  const evRow: string[] = [];
  // a line before and after each event told more than once
  const starts = new Set<number>();
  for (let i = 0; i < m.stories.length; ) {
    const ev = m.stories[i]!.event;
    let j = i;
    while (j < m.stories.length && m.stories[j]!.event === ev) j++;
    if (j - i > 1) {
      if (i) starts.add(i);
      if (j < m.stories.length) starts.add(j);
    }
    i = j;
  }
  for (let i = 0; i < m.stories.length; ) {
    const ev = m.stories[i]!.event;
    let j = i;
    while (j < m.stories.length && m.stories[j]!.event === ev) j++;
    const sep = starts.has(i) ? ' ev0' : '';
    // (an event's id may name a file by its full path: the page says which stories instead)
    if (j - i > 1) evRow.push(`<th class="event${sep}" colspan="${j - i}" title="stories ${i + 1} to ${j} tell one event">one event</th>`);
    else for (let k = i; k < j; k++) evRow.push(`<th class="event${starts.has(k) ? ' ev0' : ''}"></th>`);
    i = j;
  }
  b.push(
    `<tr class="events"><th class="corner" rowspan="2" scope="col">Principle</th><th rowspan="2" scope="col">Ready / tagged</th><th rowspan="2" scope="col">Events</th>${evRow.join('')}</tr>`,
  );
  const heads = m.stories.map((s, i) => {
    const t = escapeHtml(s.title);
    const tip = escapeHtml(`${i + 1}. ${s.title} (${fileOf(s.uri)}:${s.line}): ${storyState(s)}`);
    return `<th class="story${starts.has(i) ? ' ev0' : ''}" scope="col" data-c="${i}" data-title="${t}"><a class="t" href="${hrefOf(s, i)}" data-story="${i}" title="${tip}">${i + 1}. ${t}</a></th>`;
  });
  b.push(`<tr>${heads.join('')}</tr>`);
  b.push('</thead><tbody>');
  m.principles.forEach((p, r) => {
    const cells: string[] = [];
    p.cells.forEach((c, i) => {
      const ev = starts.has(i) ? ' ev0' : '';
      if (!c) {
        cells.push(`<td class="c${ev}" data-c="${i}"></td>`);
        return;
      }
      const s = m.stories[i]!;
      const label = escapeHtml(`${p.name} × ${s.title}: ${CELL_WORDS[c]}${s.ready ? '' : ` (${storyState(s)})`}`);
      cells.push(
        `<td class="c ${c}${ev}" data-c="${i}"><a href="${hrefOf(s, i)}" data-story="${i}" data-r="${r}" data-c="${i}" title="${label}" aria-label="${label}">${CELL_MARK[c]}</a></td>`,
      );
    });
    const name = escapeHtml(p.name);
    b.push(
      `<tr class="${p.state}" data-need="${r}" data-fw="${p.index}" data-name="${name}">` +
        `<th class="principle t" scope="row" title="${escapeHtml(`${p.description} (${STATE_WORDS[p.state]})`)}">${name}</th>` +
        `<td class="num">${p.ready} / ${p.stories}</td><td class="num">${p.events}</td>${cells.join('')}</tr>`,
    );
  });
  b.push('</tbody></table></div>');

  // the stories
  b.push('<h2>Stories</h2>');
  b.push(
    '<table class="stories"><thead><tr><th scope="col">#</th><th scope="col">Story</th><th scope="col">File</th><th scope="col">Principles</th><th scope="col">State</th><th scope="col">Findings</th></tr></thead><tbody>',
  );
  m.stories.forEach((s, i) => {
    const link = options.href && !options.webview ? safeHref(options.href(s)) : undefined;
    const file = `${escapeHtml(fileOf(s.uri))}:${s.line}`;
    const shared = s.eventSize > 1 ? ` <span class="mark-tagged">(one event with ${s.eventSize - 1} other${s.eventSize > 2 ? 's' : ''})</span>` : '';
    b.push(
      `<tr id="story-${i + 1}"><td class="num">${i + 1}</td>` +
        `<td class="t">${escapeHtml(s.title)}${shared}</td>` +
        `<td>${link ? `<a class="t" href="${link}">${file}</a>` : options.webview ? `<a class="t" href="#story-${i + 1}" data-story="${i}">${file}</a>` : `<span class="t">${file}</span>`}</td>` +
        `<td class="t">${s.principles.map(escapeHtml).join(', ') || '<span class="state-none">none</span>'}</td>` +
        `<td class="${s.ready ? 'state-met' : s.weak ? 'state-none' : ''}">${escapeHtml(storyState(s))}</td>` +
        `<td>${escapeHtml(findingWords(s))}</td></tr>`,
    );
  });
  b.push('</tbody></table>');
  const body = b.join('\n');
  const nonce = escapeHtml(options.nonce ?? contentNonce(body));
  const styleSrc = options.cspSource ? `${sanitizeSource(options.cspSource)} 'nonce-${nonce}'` : `'nonce-${nonce}'`;
  const csp = `default-src 'none'; style-src ${styleSrc}; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    body,
    script ? `<script nonce="${nonce}">${SCRIPT}</script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A CSP source as VS Code gives it (`https://*.vscode-cdn.net`, `vscode-webview:`): only the characters a source may hold. */
function sanitizeSource(s: string): string {
  return s.replace(/[^\w:/.*\-+]/g, '');
}

/**
 * The matrix as GitHub markdown: a table of principles (by need) against
 * numbered stories (by event), then the stories with links to their file and
 * line. Every user- or framework-written word is escaped.
 */
export function matrixMarkdown(m: CoverageMatrix, options: MatrixRenderOptions = {}): string {
  const fileOf = options.file ?? ((u: string) => u);
  const lines: string[] = [`# Coverage matrix: ${escapeMarkdown(m.framework)}`, ''];
  lines.push(
    `${m.stories.length} ${m.stories.length === 1 ? 'story' : 'stories'} telling ${m.events} ${m.events === 1 ? 'event' : 'events'}. ` +
      `${CELL_MARK.ready} ready to tell · ${CELL_MARK.weak} weak (a part or the number in the Result missing) · ${CELL_MARK.tagged} tagged, not ready (length out of range) · empty: not tagged. ` +
      `Target: ${m.target} ready per principle.`,
    '',
  );
  const head = ['Principle', 'Ready / tagged', 'Events', ...m.stories.map((_, i) => String(i + 1))];
  lines.push(`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 1 ? '---' : ':-:')).join('|')}|`);
  for (const p of m.principles) {
    const name = p.state === 'met' ? escapeMarkdown(p.name) : `**${escapeMarkdown(p.name)}**`;
    lines.push(`| ${[name, `${p.ready} / ${p.stories}`, String(p.events), ...p.cells.map((c) => (c ? CELL_MARK[c] : ' '))].join(' | ')} |`);
  }
  lines.push('', '## Stories', '', '| # | Story | Event | State | Findings |', '|--:|---|---|---|---|');
  const eventNo = new Map<string, number>();
  m.stories.forEach((s, i) => {
    if (!eventNo.has(s.event)) eventNo.set(s.event, eventNo.size + 1);
    const target = options.href ? safeHref(options.href(s)) : undefined;
    const title = escapeMarkdown(s.title);
    const where = `${escapeMarkdown(fileOf(s.uri))}:${s.line}`;
    const story = target ? `[${title}](${target}) (${where})` : `${title} (${where})`;
    const ev = s.eventSize > 1 ? `${eventNo.get(s.event)} (told ${s.eventSize} times)` : String(eventNo.get(s.event));
    lines.push(`| ${i + 1} | ${story} | ${ev} | ${escapeMarkdown(storyState(s))} | ${escapeMarkdown(findingWords(s)) || ' '} |`);
  });
  lines.push('');
  return lines.join('\n');
}
