import assert from 'node:assert/strict';
import { run, show, textDiagnostics, workspace } from './helpers';
import { refundStory, storyBank } from './stories';

/** The story bank with no `Principles:` lines: both stories get missing-principles. */
const untaggedBank = () => storyBank().replace('Principles: Bias for Action\n\n', '').replace('Principles: Dive Deep\n\n', '');

const found = (stdout: string) => textDiagnostics(stdout).map((d) => `${d.file}:${d.line} ${d.rule}`);

describe('inline suppression comments', () => {
  it('star-stories-disable-next-line <rule> above a story heading silences that rule for that story only', () => {
    const plain = run(workspace({ 'bank.md': untaggedBank() }), ['check']);
    assert.deepEqual(found(plain.stdout), ['bank.md:5 missing-principles', 'bank.md:24 missing-principles'], show(plain));

    const bank = untaggedBank().replace('## Tracing a memory leak', '<!-- star-stories-disable-next-line missing-principles -->\n## Tracing a memory leak');
    const r = run(workspace({ 'bank.md': bank }), ['check']);
    assert.deepEqual(found(r.stdout), ['bank.md:5 missing-principles'], show(r));
  });

  it('disable-next-line for another rule leaves the diagnostic in place', () => {
    const bank = untaggedBank().replace('## Tracing a memory leak', '<!-- star-stories-disable-next-line missing-section -->\n## Tracing a memory leak');
    const r = run(workspace({ 'bank.md': bank }), ['check']);
    assert.deepEqual(found(r.stdout), ['bank.md:5 missing-principles', 'bank.md:25 missing-principles'], show(r));
  });

  it('silencing the only error makes the exit status 0', () => {
    const bank = storyBank().replace('Principles: Dive Deep', '<!-- star-stories-disable-next-line unknown-principle -->\nPrinciples: Dive Deeep');
    const r = run(workspace({ 'bank.md': bank }), ['check']);
    assert.deepEqual(found(r.stdout), [], show(r));
    assert.equal(r.status, 0);
    const unsilenced = run(workspace({ 'bank.md': storyBank().replace('Principles: Dive Deep', 'Principles: Dive Deeep') }), ['check']);
    assert.equal(unsilenced.status, 1, show(unsilenced));
  });

  it('star-stories-disable-file with no rule silences the whole file, and only that file', () => {
    const dir = workspace({
      'refund.md': refundStory().replace('---\n\n## Situation', '---\n\n<!-- star-stories-disable-file -->\n\n## Situation'),
      'other.md': refundStory().replace('Fixing a confusing refund flow', 'Fixing the refund emails'),
    });
    const r = run(dir, ['check']);
    const ds = textDiagnostics(r.stdout);
    assert.ok(ds.length > 0, show(r));
    assert.deepEqual([...new Set(ds.map((d) => d.file))], ['other.md'], show(r));
    assert.equal(r.status, 1, 'the error in the other file still counts');
    const alone = run(dir, ['check', 'refund.md']);
    assert.equal(alone.status, 0, show(alone));
    assert.match(alone.stdout, /No problems/);
  });

  it('star-stories-disable-file <rule> silences just that rule in the file', () => {
    // no Task at all, marked or told: the sentence that says what was asked goes
    const noTask = untaggedBank().replace(/\*\*Task:\*\* I was asked[\s\S]*?triple\.\n\n/, '');
    const story = `<!-- star-stories-disable-file missing-section -->\n${noTask}`;
    const plain = run(workspace({ 'bank.md': noTask }), ['check']);
    assert.ok(
      found(plain.stdout).some((x) => x.endsWith('missing-section')),
      show(plain),
    );
    const r = run(workspace({ 'bank.md': story }), ['check']);
    const rules = textDiagnostics(r.stdout).map((d) => d.rule);
    assert.ok(!rules.includes('missing-section'), show(r));
    assert.ok(rules.includes('missing-principles'), show(r));
  });

  it('star-stories-disable <rule> ... star-stories-enable <rule> silences a range', () => {
    const bank = untaggedBank()
      .replace('## Renewing an expiring', '<!-- star-stories-disable missing-principles -->\n## Renewing an expiring')
      .replace('## Tracing a memory leak', '<!-- star-stories-enable missing-principles -->\n## Tracing a memory leak');
    const r = run(workspace({ 'bank.md': bank }), ['check']);
    assert.deepEqual(found(r.stdout), ['bank.md:26 missing-principles'], show(r));
  });
});
