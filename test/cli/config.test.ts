import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, runJson, show, textDiagnostics, workspace } from './helpers';
import { checkoutStory, cloudCostStory, refundStory } from './stories';

const rulesOf = (stdout: string) => textDiagnostics(stdout).map((d) => `${d.file} ${d.severity} ${d.rule}`);

describe('configuration (.starstories.yaml)', () => {
  it('turns a rule off', () => {
    const dir = workspace({ 'refund.md': refundStory() });
    const before = run(dir, ['check']);
    assert.ok(rulesOf(before.stdout).includes('refund.md warning missing-section'), show(before));
    const after = run(workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'rules:\n  missing-section: off\n' }), ['check']);
    assert.deepEqual(rulesOf(after.stdout), ['refund.md error unknown-principle'], show(after));
    assert.equal(after.status, 1);
  });

  it('re-levels a warning to error, and the exit status becomes 1', () => {
    const story = { 'checkout.md': checkoutStory({ principles: [] }) };
    const plain = run(workspace(story), ['check']);
    assert.equal(plain.status, 0, show(plain));
    const strict = run(workspace({ ...story, '.starstories.yaml': 'rules:\n  missing-principles: error\n' }), ['check']);
    assert.deepEqual(rulesOf(strict.stdout), ['checkout.md error missing-principles'], show(strict));
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /1 error\b/);
    // The object form with `level` does the same.
    const object = run(workspace({ ...story, '.starstories.yaml': 'rules:\n  missing-principles: { level: error }\n' }), ['check']);
    assert.equal(object.status, 1, show(object));
  });

  it('re-levels an error down, and the exit status becomes 0', () => {
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': 'rules:\n  unknown-principle: warning\n' });
    const r = runJson(dir, ['check', '--format', 'json']);
    const d = r.json.diagnostics.find((x: any) => x.rule === 'unknown-principle');
    assert.equal(d.severity, 'warning', show(r));
    assert.equal(r.status, 0);
  });

  it('passes rule options: too-many-principles { max: 5 }', () => {
    const story = { 'checkout.md': checkoutStory({ principles: ['Dive Deep', 'Deliver Results', 'Ownership', 'Bias for Action'] }) };
    const plain = run(workspace(story), ['check']);
    assert.deepEqual(rulesOf(plain.stdout), ['checkout.md info too-many-principles'], show(plain));
    assert.match(plain.stdout, /4 principles/);
    const relaxed = run(workspace({ ...story, '.starstories.yaml': 'rules:\n  too-many-principles: { max: 5 }\n' }), ['check']);
    assert.deepEqual(rulesOf(relaxed.stdout), [], show(relaxed));
    const stricter = run(workspace({ ...story, '.starstories.yaml': 'rules:\n  too-many-principles:\n    max: 1\n    level: warning\n' }), ['check']);
    assert.deepEqual(rulesOf(stricter.stdout), ['checkout.md warning too-many-principles'], show(stricter));
  });

  it('skips files matching `exclude` globs, relative to the configuration file', () => {
    const files = {
      'stories/checkout.md': checkoutStory(),
      'drafts/refund.md': refundStory(),
      'stories/drafts/half-done.md': refundStory(),
      '.starstories.yaml': 'exclude: ["drafts/**", "**/half-done.md"]\n',
    };
    const dir = workspace(files);
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual(r.json.files, ['stories/checkout.md'], show(r));
    assert.equal(r.status, 0);
    // From a subfolder, the configuration above is found and its globs still apply.
    const sub = runJson(path.join(dir, 'stories'), ['check', '--format', 'json', '..']);
    assert.deepEqual(sub.json.files, ['checkout.md'], show(sub));
    // A pre-commit hook passing an excluded file by name does not bring it back.
    const named = runJson(dir, ['check', '--format', 'json', 'drafts/refund.md', 'stories/checkout.md']);
    assert.deepEqual(named.json.files, ['stories/checkout.md'], show(named));
    assert.equal(named.status, 0);
  });

  it('keeps to `include` globs when they are given', () => {
    const dir = workspace({
      'stories/checkout.md': checkoutStory(),
      'notes/refund.md': refundStory(),
      '.starstories.yaml': 'include: ["stories/**/*.md"]\n',
    });
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual(r.json.files, ['stories/checkout.md'], show(r));
  });

  it('finds .starstories.yaml in a folder above the current one', () => {
    const dir = workspace({ 'stories/checkout.md': checkoutStory({ principles: [] }), '.starstories.yaml': 'rules:\n  missing-principles: off\n' });
    const r = run(path.join(dir, 'stories'), ['check']);
    assert.deepEqual(rulesOf(r.stdout), [], show(r));
  });

  it('uses the file named by --config (also -c and --config=) instead of .starstories.yaml', () => {
    const dir = workspace({
      'checkout.md': checkoutStory({ principles: [] }),
      '.starstories.yaml': 'rules:\n  missing-principles: off\n',
      'ci/strict.yaml': 'rules:\n  missing-principles: error\n',
    });
    assert.equal(run(dir, ['check']).status, 0);
    for (const args of [['--config', 'ci/strict.yaml'], ['-c', 'ci/strict.yaml'], ['--config=ci/strict.yaml']]) {
      const r = run(dir, ['check', ...args]);
      assert.deepEqual(rulesOf(r.stdout), ['checkout.md error missing-principles'], `${args.join(' ')}\n${show(r)}`);
      assert.equal(r.status, 1);
    }
  });

  it('accepts an empty configuration file (all defaults)', () => {
    const dir = workspace({ 'refund.md': refundStory(), '.starstories.yaml': '' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 1, show(r));
    assert.equal(r.stderr, '');
    assert.deepEqual(rulesOf(r.stdout), ['refund.md warning missing-section', 'refund.md error unknown-principle']);
  });

  it('exits 2 with a message when --config names a file that does not exist', () => {
    const dir = workspace({ 'checkout.md': checkoutStory() });
    const r = run(dir, ['check', '--config', 'nope.yaml']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /nope\.yaml/);
    assert.equal(r.stdout, '');
  });

  it('refuses a configuration that is not valid YAML, with the file and line on stderr and exit 2', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rules:\n  missing-section: off\nexclude: [drafts/**\n' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /\.starstories\.yaml:\d+/);
    assert.match(r.stderr, /YAML/);
    assert.equal(r.stdout, '', 'no report from a half-read configuration');
  });

  it('refuses an unknown rule level, naming the rule and the levels allowed', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rules: { missing-section: loud }\n' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /missing-section/);
    assert.match(r.stderr, /off.*error.*warning.*information.*hint/);
    assert.equal(r.stdout, '');
  });

  it('refuses an unknown rule option, naming the rule, the option and the one meant', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rules:\n  story-length: { maxMinute: 2 }\n' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /rule `story-length` has no option `maxMinute` \(did you mean `maxMinutes`\?\)/);
    assert.equal(r.stdout, '');
  });

  it('refuses an option of the wrong type, naming the type expected', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rules:\n  story-length:\n    maxMinutes: "2"\n' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /option `maxMinutes` of rule `story-length` must be a number, not the string "2"/);
  });

  it('refuses an unknown top-level key (a typo such as `rule:`)', () => {
    const dir = workspace({ 'checkout.md': checkoutStory(), '.starstories.yaml': 'rule:\n  missing-section: off\n' });
    const r = run(dir, ['check']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /\brule\b/);
  });

  describe('a custom framework', () => {
    const tagged = (principles: string[], title = 'Shipping the invoice screen rewrite') => checkoutStory({ title, principles });

    it('given inline: its names are known and Amazon names are not', () => {
      const dir = workspace({
        '.starstories.yaml': 'framework:\n  name: Acme Values\n  principles:\n    - name: Craft\n    - name: Candour\n',
        'craft.md': tagged(['Craft', 'Candour']),
        'amazon.md': cloudCostStory({ principles: ['Frugality'] }),
      });
      const r = runJson(dir, ['check', '--format', 'json']);
      assert.deepEqual(r.json.stories.find((s: any) => s.file === 'craft.md').principles, ['Craft', 'Candour']);
      const errors = r.json.diagnostics.filter((d: any) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d: any) => `${d.file} ${d.rule}`),
        ['amazon.md unknown-principle'],
        show(r),
      );
      assert.match(errors[0].message, /Frugality/);
      assert.deepEqual(
        r.json.coverage.map((c: any) => [c.principle, c.stories.length]),
        [
          ['Craft', 1],
          ['Candour', 1],
        ],
      );
      assert.equal(r.status, 1);
    });

    it('given as a path to a framework file, relative to the configuration, with aliases', () => {
      const dir = workspace({
        'config/.starstories.yaml': 'framework: ../values/acme.yaml\n',
        'values/acme.yaml':
          'name: Acme Values\nprinciples:\n  - name: Craft\n    description: Build things that last.\n  - name: Candour\n    aliases: [Candor]\n    description: Say what you see.\n',
        'craft.md': tagged(['Craft', 'Candor']),
        'amazon.md': cloudCostStory({ principles: ['Frugality'] }),
      });
      const r = runJson(dir, ['check', '--format', 'json', '--config', 'config/.starstories.yaml']);
      assert.deepEqual(r.json.stories.find((s: any) => s.file === 'craft.md').principles, ['Craft', 'Candour'], show(r));
      const errors = r.json.diagnostics.filter((d: any) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d: any) => `${d.file} ${d.rule}`),
        ['amazon.md unknown-principle'],
        show(r),
      );
      assert.deepEqual(
        r.json.coverage.map((c: any) => c.principle),
        ['Craft', 'Candour'],
      );
      assert.equal(r.status, 1);
      const clean = run(dir, ['check', 'craft.md', '--config', 'config/.starstories.yaml']);
      assert.equal(clean.status, 0, show(clean));
      assert.match(clean.stdout, /No problems/);
    });

    it('a framework file that is missing or invalid is a clear error with exit 2', () => {
      const missing = run(workspace({ '.starstories.yaml': 'framework: values.yaml\n', 'craft.md': tagged(['Craft']) }), ['check']);
      assert.equal(missing.status, 2, show(missing));
      assert.match(missing.stderr, /values\.yaml/);
      const empty = run(
        workspace({ '.starstories.yaml': 'framework: values.yaml\n', 'values.yaml': 'name: Acme\nprinciples: []\n', 'craft.md': tagged(['Craft']) }),
        ['check'],
      );
      assert.equal(empty.status, 2, show(empty));
      assert.match(empty.stderr, /values\.yaml/);
      assert.match(empty.stderr, /principles/);
    });
  });
});
