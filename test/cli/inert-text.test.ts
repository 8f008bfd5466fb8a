// User text in the text reports is inert: escape sequences and control
// characters in titles, claims and file names print as visible escapes, on a
// terminal or not, while JSON keeps the exact text.
import assert from 'node:assert/strict';
import { DIAGNOSTIC_LINE, run, runJson, show, workspace } from './helpers';

const ESC = '\x1b';
// clear the screen and home the cursor, then set the window title (OSC 0, ended by BEL)
const TITLE = `Cut ${ESC}[2J${ESC}[Hrefund time ${ESC}]0;pwned\x07`;

/** A story whose title (a YAML double-quoted string) holds the raw escape sequences. */
function story(principle = 'Ownership'): string {
  return `---
title: "Cut \\e[2J\\e[Hrefund time \\e]0;pwned\\a"
principles: [${principle}]
company: Acme
---

## Situation
Refunds took nine days and customers wrote to support every week about it.

## Action
I rewrote the refund queue so each refund was checked once.

## Result
Refund time fell 40%.
`;
}

// control characters other than the line break
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('inert user text in the text reports', () => {
  it('prints a title holding a clear-screen sequence as visible text, with or without colour', () => {
    const dir = workspace({ 'a.md': story(), 'b.md': story() });
    for (const args of [
      ['check', '--no-color'],
      ['check', '--color'],
    ]) {
      const r = run(dir, args);
      const plain = r.stdout.replace(/\x1b\[\d+m/g, ''); // our own colours
      assert.ok(!CONTROL.test(plain), `a raw control character reached the output:\n${JSON.stringify(r.stdout)}`);
      assert.ok(plain.includes('"Cut \\e[2J\\e[Hrefund time \\e]0;pwned\\x07"'), show(r));
      if (args[1] === '--color') assert.match(r.stdout, /\x1b\[31m|\x1b\[33m|\x1b\[34m/, 'our own colouring stays');
    }
  });

  it('keeps the exact title in the JSON report', () => {
    const dir = workspace({ 'a.md': story() });
    const r = runJson(dir, ['check', '--format', 'json']);
    assert.equal(r.json.stories[0].title, TITLE);
  });

  it('shows a newline in a file name as \\n: no forged report line', () => {
    const forged = 'b\nx.md:1:1  error  forged finding  unknown-principle.md';
    const dir = workspace({ 'a.md': story(), [forged]: story('Customer Obssesion') });
    const r = run(dir, ['check', '--no-color']);
    const lines = r.stdout.split('\n');
    assert.ok(!lines.some((l) => l.startsWith('x.md')), show(r));
    const inFile = lines.filter((l) => DIAGNOSTIC_LINE.test(l) && l.startsWith('b\\nx.md'));
    assert.ok(inFile.length > 0, show(r));
    assert.ok(
      inFile.some((l) => /^b\\nx\.md:1:1 {2}error {2}forged finding {2}unknown-principle\.md:\d+:\d+ {2}error {2}"Customer Obssesion"/.test(l)),
      show(r),
    );
    // every line is a finding, a related entry, the blank line or the summary
    for (const l of lines.filter(Boolean)) assert.ok(DIAGNOSTIC_LINE.test(l) || l.startsWith('    ') || /problems? \(/.test(l), `stray line: ${l}`);
  });

  it('escapes user text in coverage and metrics too', () => {
    const dir = workspace({ 'a.md': story(), 'b.md': story() });
    for (const cmd of ['coverage', 'metrics']) {
      const r = run(dir, [cmd, '--no-color']);
      assert.ok(!CONTROL.test(r.stdout), `${cmd}: ${JSON.stringify(r.stdout)}`);
      assert.ok(r.stdout.includes('Cut \\e[2J\\e[Hrefund time'), show(r));
    }
  });
});
