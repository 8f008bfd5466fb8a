// Bad input never throws: it becomes a diagnostic or is quietly not a story.
import assert from 'node:assert/strict';
import { analyzeFile, AMAZON_FRAMEWORK, PrincipleMatcher, Workspace } from '../../server/src/core';

const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK) };
const STORY = '## Situation\nThe build was slow.\n## Task\nFix it.\n## Action\nI cached it.\n## Result\nBuilds took 4 minutes instead of 20.\n';

function diags(text: string, uri = 'x.md') {
  const ws = new Workspace();
  ws.set(uri, text);
  return ws.diagnostics().get(uri)!;
}

describe('robustness', () => {
  it('malformed YAML frontmatter becomes frontmatter-invalid at the error, and the story is still checked', () => {
    const d = diags(`---\ntitle: "Unclosed\nprinciples: [Ownership\n---\n${STORY}`);
    const fm = d.filter((x) => x.rule === 'frontmatter-invalid');
    assert.ok(fm.length >= 1);
    assert.equal(fm[0]!.severity, 'error');
    assert.ok(fm[0]!.range.start.line >= 1 && fm[0]!.range.start.line <= 3);
    assert.ok(!d.some((x) => x.rule === 'missing-section'), 'the parts are still found');
  });

  it('a wrong type in frontmatter is reported on its key', () => {
    const d = diags(`---\ntitle: Fixing builds\nprinciples: 5\n---\n${STORY}`);
    const fm = d.find((x) => x.rule === 'frontmatter-invalid')!;
    assert.equal(fm.range.start.line, 2);
    assert.match(fm.message, /principles.*not the number 5/);
  });

  it('frontmatter that is a list, not a mapping, is reported', () => {
    const d = diags(`---\n- a\n- b\n---\n${STORY}`);
    assert.ok(d.some((x) => x.rule === 'frontmatter-invalid'));
  });

  it('an empty file, and a file of only whitespace, give nothing', () => {
    assert.deepEqual(diags(''), []);
    assert.deepEqual(diags('\n\n   \n'), []);
    assert.deepEqual(diags('---\n---\n'), []);
  });

  it('binary-looking text does not throw', () => {
    const junk = String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65535));
    assert.doesNotThrow(() => analyzeFile('bin.md', junk, opts));
  });

  it('500-deep nested lists and quotes parse without throwing', function () {
    this.timeout(120000);
    let list = '## Situation\n';
    for (let i = 0; i < 500; i++) list += `${'  '.repeat(i)}- item\n`;
    assert.doesNotThrow(() => analyzeFile('list.md', list, opts));
    const quotes = `## Situation\n${'>'.repeat(500)} deep\n`;
    const facts = analyzeFile('quote.md', quotes, opts);
    assert.equal(facts.stories.length, 1);
  });

  it('a 5 MB file is analysed', function () {
    this.timeout(120000);
    const one = `## Story ${'x'}\n\n**Situation:** ${'The service was slow. '.repeat(20)}\n\n**Result:** Latency fell by 40%.\n\n`;
    let big = '';
    let i = 0;
    while (big.length < 5 * 1024 * 1024) big += one.replace('Story x', `Story ${i++}`);
    const facts = analyzeFile('big.md', big, opts);
    assert.equal(facts.stories.length, i);
  });

  it('a BOM and CRLF line endings change nothing', () => {
    const lf = `---\ntitle: T\nprinciples: [Ownership]\n---\n${STORY}`;
    const a = diags(lf);
    const b = diags(`\uFEFF${lf.replace(/\n/g, '\r\n')}`);
    assert.deepEqual(
      b.map((d) => [d.rule, d.range.start.line, d.range.start.character]),
      a.map((d) => [d.rule, d.range.start.line, d.range.start.character]),
    );
    const facts = analyzeFile('crlf.md', `\uFEFF${lf.replace(/\n/g, '\r\n')}`, opts);
    assert.equal(facts.stories[0]!.parts.length, 4);
    assert.equal(facts.stories[0]!.title, 'T');
  });
});
