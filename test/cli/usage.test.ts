import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, show, workspace } from './helpers';
import { refundStory } from './stories';

const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

describe('usage', () => {
  it('--help and -h print the usage and exit 0', () => {
    const dir = workspace();
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const r = run(dir, args);
      assert.equal(r.status, 0, `${args.join(' ')}\n${show(r)}`);
      assert.match(r.stdout, /Usage:/);
      assert.match(r.stdout, /star-stories check \[paths\.\.\.\]/);
      assert.match(r.stdout, /star-stories coverage/);
      assert.match(r.stdout, /--format/);
      assert.match(r.stdout, /--config/);
      assert.match(r.stdout, /Exit status/i);
      assert.equal(r.stderr, '');
    }
  });

  it('--version and -v print the version from package.json', () => {
    const dir = workspace();
    for (const flag of ['--version', '-v']) {
      const r = run(dir, [flag]);
      assert.equal(r.status, 0, show(r));
      assert.equal(r.stdout, `${VERSION}\n`);
    }
  });

  it('with no arguments prints the usage and exits 2', () => {
    const r = run(workspace(), []);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stdout + r.stderr, /Usage:/);
  });

  const bad: [string, string[], RegExp][] = [
    ['an unknown option', ['check', '--fromat', 'json'], /--fromat/],
    ['an unknown command', ['lint', '.'], /lint/],
    ['a bad --format for check', ['check', '--format', 'xml'], /--format.*text, json, sarif/],
    ['sarif for coverage', ['coverage', '--format', 'sarif'], /--format/],
    ['--format with no value', ['check', '--format'], /--format/],
    ['--config with no value', ['check', '--config'], /--config/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with a message on stderr for ${what}`, () => {
      const dir = workspace({ 'refund.md': refundStory() });
      const r = run(dir, args);
      assert.equal(r.status, 2, show(r));
      assert.match(r.stderr, /^star-stories: /, show(r));
      assert.match(r.stderr, message, show(r));
      assert.match(r.stderr, /--help/, 'points at --help');
      assert.equal(r.stdout, '', 'no report is printed');
    });
  }

  it('takes a file named like an option after --', () => {
    const dir = workspace({ '-refund.md': refundStory() });
    const r = run(dir, ['check', '--', '-refund.md']);
    assert.equal(r.status, 1, show(r));
    assert.match(r.stdout, /^-refund\.md:4:5 {2}error/m);
  });
});
