import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ANSI, BIN, run, show, textDiagnostics, workspace } from './helpers';
import { checkoutStory, refundStory, storyBank } from './stories';

describe('check: text output', () => {
  it('prints one `path:line:col  severity  message  rule-id` line per diagnostic, with relative forward-slash paths', () => {
    const dir = workspace({ 'stories/refund.md': refundStory(), 'stories/checkout.md': checkoutStory() });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout);
    assert.ok(ds.length >= 2, show(r));
    for (const d of ds) {
      assert.equal(d.file, 'stories/refund.md', show(r));
      assert.ok(d.line >= 1 && d.col >= 1, show(r));
    }
    const unknown = ds.find((d) => d.rule === 'unknown-principle');
    assert.ok(unknown, show(r));
    assert.equal(unknown.severity, 'error');
    assert.equal(unknown.line, 4);
    assert.equal(unknown.col, 5);
    assert.match(unknown.message, /Customer Obssesion/);
    assert.match(unknown.message, /Customer Obsession/, 'the message suggests the nearest name');
    const missing = ds.find((d) => d.rule === 'missing-section');
    assert.ok(missing, show(r));
    assert.equal(missing.severity, 'warning');
    assert.match(missing.message, /Task/);
    // Every non-blank line is a diagnostic, an indented related location, or the summary.
    const lines = r.stdout.split('\n').filter((l) => l.trim());
    assert.equal(lines.length, ds.length + 1, show(r));
  });

  it('ends with a summary counting the problems by severity', () => {
    const dir = workspace({ 'refund.md': refundStory(), 'checkout.md': checkoutStory() });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout);
    const last = r.stdout.trimEnd().split('\n').pop()!;
    const total = new RegExp(`^${ds.length} problems? `);
    assert.match(last, total, show(r));
    assert.match(last, /\b1 error\b/, show(r));
    assert.match(last, new RegExp(`\\b${ds.filter((d) => d.severity === 'warning').length} warnings?\\b`), show(r));
    assert.match(last, /\b1 of 2 files\b/, show(r));
    assert.match(last, /\b2 stories\b/, show(r));
  });

  it('says "No problems" for a clean story and exits 0', () => {
    const dir = workspace({ 'checkout.md': checkoutStory() });
    const r = run(dir, ['check']);
    assert.equal(r.status, 0, show(r));
    assert.deepEqual(textDiagnostics(r.stdout), []);
    assert.match(r.stdout, /^No problems in 1 story in 1 file\.\n$/, show(r));
    assert.equal(r.stderr, '');
  });

  it('exits 0 when there are only warnings', () => {
    // No principle tag at all: a warning (missing-principles), not an error.
    const dir = workspace({ 'checkout.md': checkoutStory({ principles: [] }) });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout);
    assert.deepEqual(
      ds.map((d) => `${d.severity} ${d.rule}`),
      ['warning missing-principles'],
      show(r),
    );
    assert.equal(r.status, 0, show(r));
  });

  it('exits 1 when a diagnostic is an error (an unknown principle)', () => {
    const dir = workspace({ 'checkout.md': checkoutStory({ principles: ['Customer Obssesion'] }) });
    const r = run(dir, ['check']);
    assert.equal(r.status, 1, show(r));
    const ds = textDiagnostics(r.stdout);
    assert.ok(
      ds.some((d) => d.rule === 'unknown-principle' && d.severity === 'error'),
      show(r),
    );
    assert.equal(r.stderr, '', 'an error in a story is not a usage problem');
  });

  it('points at each unknown name on a `Principles:` line of a story bank, with 1-based columns', () => {
    const bank = storyBank().replace('Principles: Dive Deep', 'Principles: Dive Deeep, Frugalty');
    const dir = workspace({ 'bank.md': bank });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout).filter((d) => d.rule === 'unknown-principle');
    // "Principles: " is 12 characters, so the first name starts in column 13.
    assert.deepEqual(
      ds.map((d) => `${d.line}:${d.col}`),
      ['28:13', '28:25'],
      show(r),
    );
    assert.equal(r.status, 1);
  });

  it('uses no ANSI colour codes when stdout is not a terminal', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    const r = run(dir, ['check']);
    assert.ok(r.stdout.length > 0);
    assert.doesNotMatch(r.stdout, ANSI, show(r));
  });

  it('colours the output with --color, and --no-color wins over FORCE_COLOR', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    const coloured = run(dir, ['check', '--color']);
    assert.match(coloured.stdout, ANSI, show(coloured));
    assert.match(coloured.stdout, /\x1b\[31merror\x1b\[39m/, 'errors are red');
    assert.equal(coloured.status, 1);
    // Stripped of colour, it is the same report.
    assert.equal(coloured.stdout.replace(/\x1b\[[0-9;]*m/g, ''), run(dir, ['check']).stdout);

    const plain = run(dir, ['check', '--no-color'], { FORCE_COLOR: '1' });
    assert.doesNotMatch(plain.stdout, ANSI, show(plain));
    const forced = run(dir, ['check'], { FORCE_COLOR: '1' });
    assert.match(forced.stdout, ANSI, 'FORCE_COLOR=1 colours a pipe');
    const noColor = run(dir, ['check'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    assert.doesNotMatch(noColor.stdout, ANSI, 'NO_COLOR=1 turns colour off');
  });

  it('colours the output on a terminal unless --no-color or NO_COLOR says not to', function () {
    // util-linux `script` runs the CLI on a pseudo-terminal.
    if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/script')) this.skip();
    const dir = workspace({ 'refund.md': refundStory() });
    const onTty = (args: string, env: Record<string, string> = {}) => {
      const base = { ...process.env };
      delete base.FORCE_COLOR;
      delete base.NO_COLOR;
      const r = spawnSync('/usr/bin/script', ['-qec', `'${process.execPath}' '${BIN}' ${args}`, '/dev/null'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...base, ...env },
        timeout: 20_000,
      });
      return { status: r.status, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr: r.stderr };
    };
    const tty = onTty('check');
    assert.match(tty.stdout, /\x1b\[31merror\x1b\[39m/, show(tty));
    assert.equal(tty.status, 1);
    assert.doesNotMatch(onTty('check --no-color').stdout, ANSI);
    assert.doesNotMatch(onTty('check', { NO_COLOR: '1' }).stdout, ANSI);
  });

  it('does not colour a pipe when FORCE_COLOR=0 or FORCE_COLOR=false', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    for (const value of ['0', 'false']) {
      const r = run(dir, ['check'], { FORCE_COLOR: value });
      assert.doesNotMatch(r.stdout, ANSI, `FORCE_COLOR=${value}\n${show(r)}`);
    }
  });

  it('shows the other story of a duplicate title as an indented related line', () => {
    const dir = workspace({ 'a/checkout.md': checkoutStory(), 'b/checkout-again.md': checkoutStory() });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout);
    assert.deepEqual(
      ds.map((d) => `${d.file} ${d.rule}`),
      // the same story twice is also the same event told twice
      ['a/checkout.md duplicate-title', 'a/checkout.md same-event', 'b/checkout-again.md duplicate-title', 'b/checkout-again.md same-event'],
      show(r),
    );
    assert.match(r.stdout, /^ {4}b\/checkout-again\.md:\d+:\d+ {2}.+$/m, show(r));
    assert.match(r.stdout, /^ {4}a\/checkout\.md:\d+:\d+ {2}.+$/m, show(r));
    assert.equal(r.status, 0);
  });

  it('finds a retold event among files read by worker threads, and compares no words past maxStories', () => {
    // 150 files of notes (no story) make the run big enough for worker threads; two story files retell one event
    const note = (i: number) =>
      `# Reading notes ${i}\n\n${Array.from({ length: 40 }, (_, k) => `- Chapter ${k + 1} of volume ${i}: margins, tone and the index.`).join('\n')}\n`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`notes/${String(i).padStart(3, '0')}.md`] = note(i);
    files['stories/checkout.md'] = checkoutStory();
    files['stories/checkout-trust.md'] = checkoutStory({ title: 'Earning the payments team trust at Brightcart', principles: ['Earn Trust'] });
    const dir = workspace(files);
    const total = Object.values(files).reduce((n, t) => n + t.length, 0);
    assert.ok(total > 300_000, `${total} bytes: enough for workers`);
    const events = (r: ReturnType<typeof run>) =>
      textDiagnostics(r.stdout)
        .filter((d) => d.rule === 'same-event')
        .map((d) => d.file);
    const r = run(dir, ['check']);
    assert.deepEqual(events(r), ['stories/checkout-trust.md', 'stories/checkout.md'], show(r));
    assert.match(r.stdout, /^ {4}stories\/checkout\.md:\d+:\d+ {2}Same event \(both: /m, show(r));
    fs.writeFileSync(`${dir}/.starstories.yaml`, 'rules:\n  same-event:\n    maxStories: 1\n');
    const past = run(dir, ['check']);
    assert.deepEqual(events(past), [], show(past));
    assert.match(past.stdout, /No problems in 2 stories in 152 files\./, show(past));
  });

  it('stops quietly when the reader of its output goes away (`star-stories check | head`)', async () => {
    const files: Record<string, string> = {};
    // enough findings to fill a pipe several times over
    for (let i = 0; i < 400; i++) files[`s${i}.md`] = refundStory();
    const dir = workspace(files);
    const child = spawn(process.execPath, [BIN, 'check'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // read the first chunk, then close the pipe as `head` does
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(stderr, '', 'no EPIPE trace');
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
