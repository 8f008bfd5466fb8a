// The coverage matrix (core/matrix.ts) and its renderers (core/report-html.ts):
// principles by need against stories by event, each cell ready, weak or
// tagged; the HTML page and the markdown table show every title as text.
import assert from 'node:assert/strict';
import {
  coverageMatrix,
  escapeHtml,
  escapeMarkdown,
  eventOptions,
  matrixHtml,
  matrixMarkdown,
  safeHref,
  Workspace,
  type CoverageMatrix,
  type Diagnostic,
} from '../../server/src/core';

// Words no other story uses (made-up, so no two stories look like one event): 40 a sentence, four of
// them make a story of the default spoken length (150 to 450 words)
const SYL = ['ba', 'ko', 'ri', 'tu', 'me', 'sa', 'lo', 'ne', 'pi', 'du', 'ga', 'fe'];
let storyNo = 0;
const filler = (n: number) => {
  const k = storyNo++;
  return Array.from(
    { length: n },
    (_, j) =>
      `I checked ${Array.from({ length: 38 }, (_, i) => `${SYL[k % 12]}${SYL[(k / 12) | 0]}${SYL[(j * 38 + i) % 12]}${SYL[(((j * 38 + i) / 12) % 12) | 0]}n`).join(' ')}.`,
  ).join(' ');
};

interface Spec {
  title: string;
  /** The heading as written, when it is not the title itself (markdown read as text: `\\<img …\\>`). */
  heading?: string;
  principles?: string;
  event?: string;
  task?: boolean;
  result?: string;
  /** Sentences of filler in the Action (default 4: long enough to be ready). */
  filler?: number;
}

const story = (s: Spec) =>
  [
    `## ${s.heading ?? s.title}`,
    '',
    ...(s.principles ? [`Principles: ${s.principles}`] : []),
    ...(s.event ? [`Event: ${s.event}`] : []),
    '',
    '**Situation:** Our team ran the nightly billing export for a regional grocer, and it failed twice a week.',
    '',
    ...(s.task === false ? [] : ['**Task:** I had to make the export dependable before the quarterly audit.', '']),
    `**Action:** I rebuilt the export with validation of every row. ${filler(s.filler ?? 4)}`,
    '',
    `**Result:** ${s.result ?? 'Export failures fell by 90%, from 40 a month to 4, and the audit passed'}.`,
    '',
  ].join('\n');

function bank(files: Record<string, Spec[]>): Workspace {
  const ws = new Workspace();
  for (const [uri, specs] of Object.entries(files)) ws.set(uri, `# Stories\n\n${specs.map(story).join('\n')}`);
  return ws;
}

/** The matrix of a workspace as the language server makes it. */
function matrixOfWorkspace(ws: Workspace, diagnosticsOf?: (uri: string) => readonly Diagnostic[]): CoverageMatrix {
  return coverageMatrix(ws.files(), ws.getMatcher().framework, ws.getConfig().coverageTarget, ws.getRules(), eventOptions(ws.getRules()), diagnosticsOf);
}

function matrixOf(ws: Workspace): CoverageMatrix {
  const cross = ws.workspaceFindings();
  return matrixOfWorkspace(ws, (uri) => ws.diagnosticsFor(uri, cross));
}

const cellOf = (m: CoverageMatrix, principle: string, title: string) => {
  const p = m.principles.find((x) => x.name === principle)!;
  const i = m.stories.findIndex((s) => s.title === title);
  assert.ok(p && i >= 0, `${principle} × ${title}`);
  return p.cells[i];
};

describe('coverage matrix', () => {
  const ws = bank({
    'file:///a.md': [
      { title: 'Rebuilding the billing export', principles: 'Ownership, Dive Deep', event: 'billing export' },
      { title: 'Auditing the grocer invoices', principles: 'Dive Deep', result: 'The audit went well and everyone was pleased' },
    ],
    'file:///b.md': [
      { title: 'Owning the export failure', principles: 'Ownership', event: 'billing export' },
      { title: 'A quick fix on a Friday', principles: 'Bias for Action', filler: 0 },
      { title: 'Skipping the plan', principles: 'Bias for Action', task: false },
      { title: 'A story with no principle' },
    ],
  });
  const m = matrixOf(ws);

  it('a cell is ready, weak (a part or the number in the Result missing) or tagged (told in full, the length out of range)', () => {
    assert.equal(cellOf(m, 'Ownership', 'Rebuilding the billing export'), 'ready');
    assert.equal(cellOf(m, 'Dive Deep', 'Rebuilding the billing export'), 'ready');
    assert.equal(cellOf(m, 'Dive Deep', 'Auditing the grocer invoices'), 'weak');
    assert.equal(cellOf(m, 'Bias for Action', 'Skipping the plan'), 'weak');
    assert.equal(cellOf(m, 'Bias for Action', 'A quick fix on a Friday'), 'tagged');
    // not tagged: no cell
    assert.equal(cellOf(m, 'Ownership', 'Auditing the grocer invoices'), null);
    const skipping = m.stories.find((s) => s.title === 'Skipping the plan')!;
    assert.deepEqual([skipping.ready, skipping.weak, skipping.why], [false, true, ['no Task']]);
    assert.match(m.stories.find((s) => s.title === 'A quick fix on a Friday')!.why.join(), /too short/);
  });

  it('stories of one event sit side by side, events in the order their first story appears', () => {
    assert.deepEqual(
      m.stories.map((s) => s.title),
      [
        'Rebuilding the billing export',
        'Owning the export failure',
        'Auditing the grocer invoices',
        'A quick fix on a Friday',
        'Skipping the plan',
        'A story with no principle',
      ],
    );
    assert.equal(m.stories[0]!.event, m.stories[1]!.event);
    assert.equal(m.stories[0]!.eventSize, 2);
    assert.equal(m.events, 5);
    // file and 1-based line of each story
    assert.deepEqual(
      m.stories.slice(0, 2).map((s) => [s.uri, s.line]),
      [
        ['file:///a.md', 3],
        ['file:///b.md', 3],
      ],
    );
  });

  it('principles by need: no story first, then below the target (fewer ready first), then met; framework order within', () => {
    const names = m.principles.map((p) => p.name);
    const state = (n: string) => m.principles.find((p) => p.name === n)!.state;
    const firstBelow = names.findIndex((n) => state(n) === 'below');
    const firstMet = names.findIndex((n) => state(n) === 'met');
    assert.ok(names.slice(0, firstBelow).every((n) => state(n) === 'none'));
    assert.equal(names[0], 'Customer Obsession');
    // Bias for Action (0 ready) comes before Dive Deep (1 ready), both below the target of 2
    assert.ok(names.indexOf('Bias for Action') < names.indexOf('Dive Deep'));
    assert.equal(names[firstMet], 'Ownership');
    assert.equal(firstMet, names.length - 1);
    // totals as coverage counts them
    const coverage = ws.coverage();
    for (const p of m.principles) {
      const c = coverage.find((e) => e.principle === p.name)!;
      assert.deepEqual([p.stories, p.ready, p.events], [c.stories.length, c.ready, c.events ?? 0], p.name);
      assert.equal(p.cells.length, m.stories.length);
      assert.equal(p.cells.filter(Boolean).length, p.stories);
    }
    assert.equal(m.principles.find((p) => p.name === 'Ownership')!.events, 1);
  });

  it('each story carries its findings by level', () => {
    const weak = m.stories.find((s) => s.title === 'Auditing the grocer invoices')!;
    // unquantified-result is a warning by default
    assert.ok(weak.findings.warning >= 1, JSON.stringify(weak.findings));
    const cross = ws.workspaceFindings();
    const total = m.stories.reduce((n, s) => n + s.findings.error + s.findings.warning + s.findings.information + s.findings.hint, 0);
    const all = ws.uris().reduce((n, u) => n + ws.diagnosticsFor(u, cross).filter((d) => d.range.start.line >= 2).length, 0);
    assert.equal(total, all);
  });

  it('an empty workspace gives every principle with no story, and no column', () => {
    const empty = matrixOfWorkspace(new Workspace());
    assert.equal(empty.stories.length, 0);
    assert.equal(empty.principles.length, 16);
    assert.ok(empty.principles.every((p) => p.state === 'none' && p.cells.length === 0));
    assert.doesNotThrow(() => matrixHtml(empty));
    assert.doesNotThrow(() => matrixMarkdown(empty));
  });

  it('without diagnostics: the same cells, and no findings counted', () => {
    const direct = coverageMatrix(ws.files(), ws.getMatcher().framework, ws.getConfig().coverageTarget, ws.getRules(), eventOptions(ws.getRules()));
    assert.deepEqual(
      direct.principles.map((p) => p.cells),
      m.principles.map((p) => p.cells),
    );
    assert.ok(direct.stories.every((s) => Object.values(s.findings).every((n) => n === 0)));
  });
});

describe('coverage matrix renderers', () => {
  const XSS = '<img src=x onerror=alert(1)>';
  const CMD = '[x](command:workbench.action.terminal.new)';
  const ws = bank({
    'file:///bank/one.md': [
      { title: XSS, heading: '\\<img src=x onerror=alert(1)\\>', principles: 'Ownership' },
      { title: CMD, heading: '\\[x\\](command:workbench.action.terminal.new)', principles: 'Ownership, Dive Deep' },
      { title: 'Plain & simple | piped "quoted"', principles: 'Dive Deep', task: false },
    ],
  });
  const m = matrixOf(ws);
  it('the titles are the characters written', () => {
    assert.deepEqual(
      m.stories.map((s) => s.title),
      [XSS, CMD, 'Plain & simple | piped "quoted"'],
    );
  });
  const names = {
    file: (u: string) => u.replace('file:///bank/', 'stories/'),
    href: (s: { uri: string; line: number }) => `${s.uri.replace('file:///bank/', 'stories/')}#L${s.line}`,
  };

  it('HTML: titles are text, the page is self-contained and its only script and style carry the nonce', () => {
    const html = matrixHtml(m, names);
    assert.ok(!html.includes('<img'), 'no img element from a title');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!/ onerror=/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')));
    assert.ok(!html.includes('href="command:'));
    assert.ok(html.includes('[x](command:workbench.action.terminal.new)'));
    assert.ok(html.includes('Plain &amp; simple | piped &quot;quoted&quot;'));
    // a strict CSP, every script and style with its nonce, nothing remote
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, 'a CSP meta');
    assert.match(csp!, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp!)?.[1];
    assert.ok(nonce);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.ok(scripts.every((s) => s.includes(`nonce="${nonce}"`)));
    assert.ok((html.match(/<style\b[^>]*>/g) ?? []).every((s) => s.includes(`nonce="${nonce}"`)));
    assert.ok(!/\b(?:src|href)="(?:https?:)?\/\//i.test(html), 'no remote source or link');
    assert.ok(!/ on[a-z]+=/i.test(html.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no inline handler');
    // each story links to its file and line; no URI or event id (which may hold a full path) shows
    assert.ok(html.includes('href="stories/one.md#L3"'));
    assert.ok(!html.includes('file:///'), 'no URI in the page');
    // the same matrix, the same page (the report's nonce is made from its content)
    assert.equal(matrixHtml(m, names), html);
    // readable without the script
    assert.ok(matrixHtml(m, { ...names, script: false }).includes('<table class="matrix"'));
    assert.ok(!matrixHtml(m, { ...names, script: false }).includes('<script'));
  });

  it('HTML for the webview: the given nonce and cspSource, links that stay in the page', () => {
    const html = matrixHtml(m, { ...names, webview: true, nonce: 'abc123', cspSource: 'https://*.vscode-cdn.net' });
    assert.match(html, /style-src https:\/\/\*\.vscode-cdn\.net 'nonce-abc123'; script-src 'nonce-abc123'/);
    assert.ok(html.includes('id="export"'));
    assert.ok(!html.includes('stories/one.md#L'), 'no file link: a cell posts a message');
    assert.ok(html.includes('data-story="0"'));
    // a nonce or source cannot break out of the attribute
    const odd = matrixHtml(m, { webview: true, nonce: '"><script>alert(1)</script>', cspSource: "x' 'unsafe-inline" });
    assert.ok(!odd.includes('<script>alert'));
    assert.ok(!odd.includes("'unsafe-inline'"));
  });

  it('markdown: titles are text on GitHub (escaped brackets, angle brackets, pipes), stories link to file and line', () => {
    const md = matrixMarkdown(m, names);
    assert.ok(!md.includes('<img'));
    assert.ok(md.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!md.includes('[x](command:'), 'no link from a title');
    assert.ok(md.includes('\\[x\\](command:workbench.action.terminal.new)'));
    assert.ok(md.includes('Plain &amp; simple \\| piped "quoted"'));
    assert.ok(md.includes('](stories/one.md#L3)'));
    // every table row has as many cells as the header
    const table = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #'));
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    const head = table[0]!;
    for (const row of table.slice(0, m.principles.length + 1)) assert.equal(cells(row), cells(head), row);
  });

  it('escapers and link targets', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeHtml('a\u0000b\u001bc'), 'a\ufffdb\ufffdc');
    assert.equal(escapeMarkdown('see https://example.com and www.example.com'), 'see https\\://example.com and www\\.example.com');
    assert.equal(escapeMarkdown('**bold** `code` ~~s~~ ![i](u)'), '\\*\\*bold\\*\\* \\`code\\` \\~\\~s\\~\\~ \\!\\[i\\](u)');
    assert.equal(safeHref('javascript:alert(1)'), './javascript:alert%281%29');
    assert.equal(safeHref('my stories/a "b".md#L3'), 'my%20stories/a%20%22b%22.md#L3');
    assert.equal(safeHref('..\\notes\\a.md#L1'), '../notes/a.md#L1');
  });
});
