import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, runJson, show, textDiagnostics, workspace } from './helpers';
import { checkoutStory, cloudCostStory, README, refundStory, storyBank } from './stories';

const BINARY = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01, 0x02, 0x00, 0xff, 0xfe]);

describe('check: files and folders', () => {
  it('searches a folder recursively for *.md, skipping node_modules, .git and other files', () => {
    const dir = workspace({
      'README.md': README,
      'stories/2024/checkout.md': checkoutStory(),
      'stories/refund.md': refundStory(),
      'stories/refund.txt': refundStory(),
      'stories/refund.md.bak': refundStory(),
      'node_modules/some-template/story.md': refundStory(),
      'stories/node_modules/deep/story.md': refundStory(),
      '.git/COMMIT_EDITMSG.md': refundStory(),
      'stories/.git/x.md': refundStory(),
    });
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual(r.json.files, ['README.md', 'stories/2024/checkout.md', 'stories/refund.md'], show(r));
    assert.deepEqual([...new Set(r.json.diagnostics.map((d: any) => d.file))], ['stories/refund.md']);
    assert.equal(r.status, 1);
  });

  it('checks the current folder when no path is given, and a named folder when one is', () => {
    const dir = workspace({ 'stories/refund.md': refundStory(), 'elsewhere/cloud.md': cloudCostStory() });
    assert.deepEqual(runJson(dir, ['check', '--format', 'json']).json.files, ['elsewhere/cloud.md', 'stories/refund.md']);
    assert.deepEqual(runJson(dir, ['check', 'stories', '--format', 'json']).json.files, ['stories/refund.md']);
    assert.deepEqual(runJson(dir, ['check', './stories/', '--format', 'json']).json.files, ['stories/refund.md']);
  });

  it('gives a README with no story no diagnostics at all', () => {
    const dir = workspace({ 'README.md': README });
    const r = run(dir, ['check']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /^No problems in 0 stories in 1 file\.\n$/, show(r));
  });

  it('checks only the files named on the command line, as a pre-commit hook passes them', () => {
    const dir = workspace({
      'stories/refund.md': refundStory(),
      'stories/checkout.md': checkoutStory({ principles: [] }),
      'stories/cloud.md': cloudCostStory({ principles: ['Frugalty'] }),
      'bank.md': storyBank(),
    });
    const r = runJson(dir, ['check', '--format', 'json', 'stories/checkout.md', 'stories/refund.md']);
    assert.deepEqual(r.json.files, ['stories/checkout.md', 'stories/refund.md'], show(r));
    assert.deepEqual([...new Set(r.json.diagnostics.map((d: any) => d.file))].sort(), ['stories/checkout.md', 'stories/refund.md']);
    assert.equal(r.status, 1);
    const one = run(dir, ['check', 'stories/checkout.md']);
    assert.deepEqual(
      textDiagnostics(one.stdout).map((d) => `${d.file} ${d.rule}`),
      ['stories/checkout.md missing-principles'],
      show(one),
    );
    assert.equal(one.status, 0);
  });

  it('checks a file once when it is named twice or also found in a named folder', () => {
    const dir = workspace({ 'stories/refund.md': refundStory() });
    const r = runJson(dir, ['check', '--format', 'json', 'stories/refund.md', 'stories', './stories/refund.md']);
    assert.deepEqual(r.json.files, ['stories/refund.md']);
    assert.equal(r.json.stories.length, 1);
    assert.ok(!r.json.diagnostics.some((d: any) => d.rule === 'duplicate-title'), 'a story is not a duplicate of itself');
  });

  it('shows paths relative to the current folder, also above it', () => {
    const dir = workspace({ 'stories/refund.md': refundStory(), 'notes/todo.md': README });
    const r = run(path.join(dir, 'notes'), ['check', '../stories']);
    const ds = textDiagnostics(r.stdout);
    assert.ok(ds.length > 0, show(r));
    for (const d of ds) assert.equal(d.file, '../stories/refund.md');
  });

  it('reports a binary .md file on stderr, exits 2, and still checks the other files', () => {
    const dir = workspace({ 'stories/x.md': BINARY, 'stories/refund.md': refundStory(), 'stories/checkout.md': checkoutStory() });
    const text = run(dir, ['check']);
    assert.equal(text.status, 2, show(text));
    assert.match(text.stderr, /stories\/x\.md/, show(text));
    assert.match(text.stderr, /binary|not a text file/i, show(text));
    assert.ok(
      textDiagnostics(text.stdout).some((d) => d.file === 'stories/refund.md' && d.rule === 'unknown-principle'),
      show(text),
    );
    const json = runJson(dir, ['check', '--format', 'json']);
    assert.equal(json.status, 2);
    assert.deepEqual(json.json.files, ['stories/checkout.md', 'stories/refund.md'], 'the unreadable file is not in the report');
    assert.ok(json.json.diagnostics.some((d: any) => d.file === 'stories/refund.md' && d.rule === 'unknown-principle'));
    assert.equal(json.json.stories.length, 2);
  });

  it('reports a path that does not exist on stderr, exits 2, and still checks the other paths', () => {
    const dir = workspace({ 'stories/refund.md': refundStory() });
    const r = run(dir, ['check', 'stories/missing.md', 'stories']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /stories\/missing\.md/);
    assert.match(r.stderr, /no such file/i);
    assert.ok(textDiagnostics(r.stdout).some((d) => d.file === 'stories/refund.md' && d.rule === 'unknown-principle'), show(r));
    const json = runJson(dir, ['check', '--format', 'json', 'stories', 'nope']);
    assert.equal(json.status, 2);
    assert.deepEqual(json.json.files, ['stories/refund.md']);
    assert.match(json.stderr, /nope/);
  });

  it('exits 2 for a missing path even when the other files are clean', () => {
    const dir = workspace({ 'checkout.md': checkoutStory() });
    const r = run(dir, ['check', 'checkout.md', 'typo.md']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /typo\.md/);
    assert.match(r.stdout, /No problems in 1 story in 1 file/);
  });

  it('reads a story with a byte-order mark and CRLF line ends like the plain one', () => {
    const crlf = '\ufeff' + refundStory().replace(/\n/g, '\r\n');
    const dir = workspace({ 'lf.md': refundStory(), 'crlf.md': crlf });
    const r = runJson(dir, ['check', '--format', 'json']);
    const of = (file: string) =>
      r.json.diagnostics.filter((d: any) => d.file === file).map((d: any) => `${d.rule} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
    assert.ok(of('lf.md').length >= 2, show(r));
    assert.deepEqual(of('crlf.md'), of('lf.md'));
    const [a, b] = ['crlf.md', 'lf.md'].map((f) => {
      const s = r.json.stories.find((x: any) => x.file === f);
      return { ...s, file: undefined };
    });
    assert.deepEqual(a, b);
  });

  it('leaves out a file whose frontmatter says `star: false`', () => {
    const optedOut = refundStory().replace('company: Pebble Books\n', 'company: Pebble Books\nstar: false\n');
    const dir = workspace({ 'draft.md': optedOut });
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual(r.json.diagnostics, [], show(r));
    assert.deepEqual(r.json.stories, []);
    assert.equal(r.status, 0);
  });
});
