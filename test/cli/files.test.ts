import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, runJson, show, textDiagnostics, workspace } from './helpers';
import { checkoutStory, cloudCostStory, README, refundStory, storyBank } from './stories';

const BINARY = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01, 0x02, 0x00, 0xff, 0xfe,
]);

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

  it('gives notes with numbers and a checklist no diagnostics', () => {
    const notes = `# Onsite checklist

Loose notes for the Q3 2024 loop; the polished answers live in the story bank.

- [ ] Print 5 copies of my resume
- [x] Mark which of the 16 principles have 2 stories
- [ ] Time every answer out loud: aim for 2 minutes, never more than 3

| round | length |
|---|---|
| phone screen | 45 minutes |
| onsite | 4 rounds |
`;
    const r = runJson(workspace({ 'notes.md': notes }), ['check', '--format', 'json']);
    assert.deepEqual(r.json.stories, [], show(r));
    assert.deepEqual(r.json.diagnostics, []);
    assert.equal(r.status, 0);
  });

  it('does not make a story of a heading whose sibling headings are part names', () => {
    const meeting = `# Weekly sync, 14 March

## Attendees

Priya, Tom, Ana.

## Context

We are two weeks behind on the migration and the budget is down 15%.

## Action items

- [ ] Tom: book the load test for next Tuesday
- [x] Ana: send the 3 vendor quotes

## Outcome

We agreed to move the launch to April.
`;
    const r = runJson(workspace({ 'meeting.md': meeting }), ['check', '--format', 'json']);
    const titles = r.json.stories.map((s: any) => s.title);
    assert.ok(!titles.includes('Attendees'), show(r));
    assert.ok(!titles.includes('Action items'), show(r));
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
    assert.ok(
      textDiagnostics(r.stdout).some((d) => d.file === 'stories/refund.md' && d.rule === 'unknown-principle'),
      show(r),
    );
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

  it('reports a file that is not UTF-8 on stderr and exits 2', () => {
    const latin1 = Buffer.from('# Caf\xe9 stories\n\n## Situation\n\nI ran the caf\xe9 till at weekends.\n', 'latin1');
    const dir = workspace({ 'cafe.md': latin1, 'refund.md': refundStory() });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /cafe\.md/);
    assert.match(r.stderr, /UTF-8/);
    assert.ok(
      textDiagnostics(r.stdout).some((d) => d.file === 'refund.md'),
      show(r),
    );
  });

  it('checks a large folder (over 300 KB, read on several threads) completely and in order', function () {
    this.timeout(20_000);
    const files: Record<string, string> = {};
    const names: string[] = [];
    for (let i = 1; i <= 260; i++) {
      const name = `bank/story-${String(i).padStart(3, '0')}.md`;
      names.push(name);
      files[name] = refundStory().replace('Fixing a confusing refund flow', `Fixing refund flow number ${i}`);
    }
    assert.ok(Object.values(files).reduce((n, t) => n + Buffer.byteLength(t), 0) > 300_000);
    const r = runJson(workspace(files), ['check', '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.json.files, names);
    assert.deepEqual(
      r.json.stories.map((s: any) => s.file),
      names,
    );
    // every copy has the same two faults (and, being copies, the same figure in 260 stories: recycled)
    assert.deepEqual(
      r.json.diagnostics.filter((d: any) => d.rule !== 'recycled-metric').map((d: any) => `${d.file} ${d.rule}`),
      names.flatMap((n) => [`${n} missing-section`, `${n} unknown-principle`]),
    );
    assert.equal(new Set(r.json.diagnostics.filter((d: any) => d.rule === 'recycled-metric').map((d: any) => d.file)).size, 260);
    assert.equal(r.json.coverage.find((c: any) => c.principle === 'Earn Trust').stories.length, 260);
  });

  it('reads a story with a byte-order mark and CRLF line ends like the plain one', () => {
    const crlf = `\ufeff${refundStory().replace(/\n/g, '\r\n')}`;
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
