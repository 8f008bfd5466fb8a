// `star-stories coverage --format html|markdown` as a process: the coverage
// matrix as one self-contained page or a GitHub table, links to each story's
// file and line relative to where the report goes, titles shown as text, and
// the committed sample report (docs/sample-report.html) what the CLI writes now.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, show, workspace } from './helpers';
import { checkoutStory, cloudCostStory, storyBank } from './stories';

const XSS = '<img src=x onerror=alert(1)>';
const CMD = '[x](command:workbench.action.terminal.new)';

const titled = (title: string, principles: string) =>
  `---\ntitle: '${title}'\nprinciples: [${principles}]\n---\n\n**Situation:** A client left us after a bad release.\n\n**Task:** I had to win them back.\n\n**Action:** I called them every week and shared our test plans.\n\n**Result:** They came back.\n`;

function bank(): string {
  return workspace({
    'stories/checkout.md': checkoutStory(),
    'stories/cloud.md': cloudCostStory(),
    'bank.md': storyBank(),
    'drafts/xss.md': titled(XSS, 'Earn Trust'),
    'drafts/cmd.md': titled(CMD, 'Earn Trust, Ownership'),
  });
}

describe('coverage --format html', () => {
  it('writes one self-contained page: the matrix, links to file and line, titles as text, nothing remote', () => {
    const dir = bank();
    const r = run(dir, ['coverage', '--format', 'html']);
    assert.equal(r.status, 0, show(r));
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<table class="matrix"/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    // every story links to its file at its line, relative to the current folder
    assert.ok(html.includes('href="stories/checkout.md#L1"'), html.slice(0, 400));
    assert.ok(html.includes('href="drafts/xss.md#L1"'));
    // the titles show as text
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes(CMD));
    assert.ok(!html.includes('href="command:'));
    assert.ok(!/\b(?:src|href)="(?:https?:)?\/\//i.test(html));
    // Earn Trust's two stories are weak (no number in their Results)
    const row = /<tr class="[a-z]+"[^>]*data-name="Earn Trust">.*?<\/tr>/s.exec(html)?.[0] ?? '';
    assert.equal((row.match(/class="c weak/g) ?? []).length, 2, row);
  });

  it('-o FILE writes the page there, with links relative to its folder', () => {
    const dir = bank();
    const r = run(dir, ['coverage', '--format', 'html', '-o', 'reports/matrix.html']);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stdout, '');
    const html = fs.readFileSync(path.join(dir, 'reports', 'matrix.html'), 'utf8');
    assert.ok(html.includes('href="../stories/checkout.md#L1"'));
    assert.ok(html.includes('../drafts/xss.md:1'));
  });

  it('--format markdown writes the matrix as a GitHub table, titles escaped', () => {
    const dir = bank();
    const r = run(dir, ['coverage', '--format', 'markdown']);
    assert.equal(r.status, 0, show(r));
    const md = r.stdout;
    assert.match(md, /^# Coverage matrix: Amazon Leadership Principles/);
    assert.match(md, /^\| Principle \| Ready \/ tagged \| Events \| 1 \| 2 \|/m);
    assert.ok(md.includes('](stories/checkout.md#L1)'));
    assert.ok(!md.includes('<img'));
    assert.ok(!md.includes('[x](command:'));
    assert.ok(md.includes('\\[x\\](command:workbench.action.terminal.new)'));
  });

  it('refuses html for other commands, and --output without html or markdown', () => {
    const dir = bank();
    const a = run(dir, ['check', '--format', 'html']);
    assert.equal(a.status, 2, show(a));
    assert.match(a.stderr, /--format must be one of text, json, sarif for check/);
    const b = run(dir, ['coverage', '-o', 'x.txt']);
    assert.equal(b.status, 2, show(b));
    assert.match(b.stderr, /--output is for coverage --format html or markdown/);
    const c = run(dir, ['coverage', '--format', 'html', '-o', 'bank.md/x.html']);
    assert.equal(c.status, 2, show(c));
    assert.match(c.stderr, /cannot write/);
  });

  it('docs/sample-report.html is what the CLI writes for samples/ now (npm run gen:sample-report)', () => {
    const out = path.join(workspace(), 'sample-report.html');
    const r = run(ROOT, ['coverage', 'samples', '--format', 'html', '-o', out]);
    assert.equal(r.status, 0, show(r));
    // links are relative to the report's folder: write it beside docs/ to compare
    const made = fs.readFileSync(out, 'utf8');
    const committed = fs.readFileSync(path.join(ROOT, 'docs', 'sample-report.html'), 'utf8');
    const rel = path.relative(path.dirname(out), path.join(ROOT, 'samples')).split(path.sep).join('/');
    const normalise = (s: string, from: string) =>
      s
        .split(`${from}/`)
        .join('SAMPLES/')
        .replace(/nonce-[A-Za-z0-9]+|nonce="[A-Za-z0-9]+"/g, 'NONCE');
    assert.equal(normalise(made, rel), normalise(committed, '../samples'), 'run npm run gen:sample-report');
  });
});
