// Special files through the CLI: links to devices, FIFOs, folders and loops,
// huge files, UTF-16, and configuration or framework paths that point at
// them. Nothing blocks, nothing reads without end, every skip is named.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, runJson, show, workspace } from './helpers';
import { checkoutStory, refundStory } from './stories';

/** Run and time it: every case here must finish at once. */
function timed(dir: string, args: string[]) {
  const t0 = Date.now();
  const r = run(dir, args);
  const ms = Date.now() - t0;
  assert.ok(ms < 8000, `took ${ms} ms\n${show(r)}`);
  return r;
}

describe('check: special files', () => {
  it('skips links to /dev/zero, to a FIFO, to a folder, to nothing and link loops, naming each on stderr, and checks the rest', () => {
    const dir = workspace({ 'stories/refund.md': refundStory(), 'stories/checkout.md': checkoutStory() });
    const s = (p: string) => path.join(dir, 'stories', p);
    fs.symlinkSync('/dev/zero', s('zero.md'));
    execFileSync('mkfifo', [s('pipe')]);
    fs.symlinkSync(s('pipe'), s('fifo.md'));
    execFileSync('mkfifo', [s('named.md')]);
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), s('folder.md'));
    fs.symlinkSync('loop-b.md', s('loop-a.md'));
    fs.symlinkSync('loop-a.md', s('loop-b.md'));
    fs.symlinkSync('missing', s('dangling.md'));
    fs.symlinkSync('refund.md', s('alias.md'));
    const r = timed(dir, ['check', '--format', 'json']);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(json.files, ['stories/alias.md', 'stories/checkout.md', 'stories/refund.md'], show(r));
    assert.match(r.stderr, /stories\/zero\.md: a device, not a story file; skipped/);
    assert.match(r.stderr, /stories\/fifo\.md: a named pipe \(FIFO\), not a story file; skipped/);
    assert.match(r.stderr, /stories\/named\.md: a named pipe \(FIFO\), not a story file; skipped/);
    assert.match(r.stderr, /stories\/folder\.md: a link to a folder \(folders reached through links are not searched\); skipped/);
    assert.match(r.stderr, /stories\/loop-a\.md: a symbolic link loop; skipped/);
    assert.match(r.stderr, /stories\/dangling\.md: no such file; skipped/);
    // skipped special files are not read failures: the status is the findings' (refund has an error)
    assert.equal(r.status, 1, show(r));
  });

  it('a link to a folder named x.md alone does not exit 2', () => {
    const dir = workspace({ 'notes/a.txt': 'not a story' });
    fs.symlinkSync(path.join(dir, 'notes'), path.join(dir, 'x.md'));
    const r = timed(dir, ['check']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stderr, /x\.md: a link to a folder/);
  });

  it('a device or FIFO named on the command line is skipped at once with a message', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    const r = timed(dir, ['check', 'zero.md', 'pipe.md', 'refund.md', '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).files, ['refund.md'], show(r));
    assert.match(r.stderr, /zero\.md: a device, not a story file; skipped/);
    assert.match(r.stderr, /pipe\.md: a named pipe \(FIFO\), not a story file; skipped/);
  });

  it('refuses a file over the size cap unread, saying what the limit is, and checks the others', () => {
    const dir = workspace({ 'refund.md': refundStory(), 'huge.md': `# Notes\n\n${'word '.repeat(1_800_000)}\n` });
    const r = timed(dir, ['check', '--format', 'json']);
    assert.deepEqual(JSON.parse(r.stdout).files, ['refund.md'], show(r));
    assert.match(r.stderr, /huge\.md: too large \(8\.6 MB; files over 8 MB are not read\); skipped/);
    assert.equal(r.status, 2, 'a regular file that could not be read');
  });

  it('reads UTF-16 files with a byte order mark as text, little- and big-endian', () => {
    const text = checkoutStory();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const dir = workspace({ 'le.md': le, 'be.md': be, 'utf8.md': text });
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual(r.json.files, ['be.md', 'le.md', 'utf8.md'], show(r));
    const titles = r.json.stories.map((s: any) => `${s.file} ${s.title}`);
    const title = r.json.stories.find((s: any) => s.file === 'utf8.md').title;
    assert.deepEqual(titles, [`be.md ${title}`, `le.md ${title}`, `utf8.md ${title}`]);
    assert.equal(r.stderr, '');
  });
});

describe('check: configuration and framework paths', () => {
  it('framework: /dev/zero is refused at once as outside the workspace', () => {
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'framework: /dev/zero\n' });
    const r = timed(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /the framework file \/dev\/zero is outside the configuration file's folder and the workspace/);
  });

  it('a framework link inside the folder that leads outside it is refused too', () => {
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'framework: fw.yaml\n' });
    fs.symlinkSync('/dev/zero', path.join(dir, 'fw.yaml'));
    const r = timed(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /fw\.yaml is outside/);
  });

  it('a framework file that is a FIFO in the folder is refused without blocking', () => {
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'framework: fw.yaml\n' });
    execFileSync('mkfifo', [path.join(dir, 'fw.yaml')]);
    const r = timed(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /cannot read the framework file .*fw\.yaml: a named pipe \(FIFO\)/);
  });

  it('a folder named .starstories.yaml is a clear problem, not a crash', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    fs.mkdirSync(path.join(dir, '.starstories.yaml'));
    const r = timed(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /^star-stories: Cannot read .*\.starstories\.yaml: a folder\n$/);
  });

  it('a .starstories.yaml without read permission is a clear problem (skipped as root, who reads any file)', function () {
    if (process.getuid?.() === 0) this.skip();
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'rules: {}\n' });
    fs.chmodSync(path.join(dir, '.starstories.yaml'), 0o000);
    const r = timed(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /Cannot read .*\.starstories\.yaml: permission denied/);
  });

  it('YAML warnings in the configuration do not reach stderr', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rules: !custom\n  story-length: warning\n' });
    const r = run(dir, ['check']);
    assert.equal(r.stderr, '', show(r));
  });

  it('says that include does not apply to files outside the configuration folder', () => {
    const dir = workspace({
      'bank/.starstories.yaml': 'include: ["stories/**"]\n',
      'bank/stories/refund.md': refundStory(),
      'bank/drafts/checkout.md': checkoutStory(),
      'other/checkout.md': checkoutStory(),
    });
    const r = runJson(path.join(dir, 'bank'), ['check', '.', '../other', '--format', 'json']);
    assert.deepEqual(r.json.files, ['stories/refund.md', '../other/checkout.md'], show(r));
    assert.match(r.stderr, /note: include applies only to files under \. \(the configuration's folder\); 1 file outside it is checked as named/);
  });
});
