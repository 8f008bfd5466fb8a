// Incremental analysis cuts a document into chunks parsed on their own. It
// must give exactly the facts of a whole-document parse, and reuse chunks
// across edits.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, AMAZON_FRAMEWORK, PrincipleMatcher, type ChunkScan } from '../../server/src/core';
import { chunkBoundaries } from '../../server/src/core/analyze';

const root = path.resolve(__dirname, '../..');
const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK) };

function markdownUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? markdownUnder(p) : e.name.endsWith('.md') ? [p] : [];
  });
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x, (_k, v) => (v instanceof Set ? [...v].sort() : v)));

const BANK = `# Story bank

Intro with a [link](https://example.com) and 3 numbers.

## Dive Deep: Tracing a leak

Principles: Dive Deep, Ownership

### Situation
The heap grew by 2 GB a day.

\`\`\`
## not a heading inside code
\`\`\`

### Result
Memory fell by 80%.

<!-- star-stories-disable-next-line missing-section -->
## Think Big: A platform

**Situation:** We had five formats.

**Result:** One format, 14 services.

**2. Earn Trust: A hard conversation**
**Outcome**: trust was earned in two weeks.
`;

describe('chunked analysis', () => {
  it('cuts at top-level headings and bold pseudo-headings, never inside code', () => {
    const b = chunkBoundaries(BANK);
    const starts = b.slice(1, -1).map((o) => BANK.slice(o, o + 12));
    assert.deepEqual(starts, ['## Dive Deep', '### Situatio', '### Result\nM', '## Think Big', '**Situation:', '**Result:** ', '**2. Earn Tr']);
  });

  it('keeps a document whole when a link definition in a list item or quote defines for all of it', () => {
    for (const text of ['> [a]: https://example.com\n\n# H\n\n[a]\n', '1. - [a]: /u\n\n# H\n', '[multi\nline]: /u\n\n# H\n']) {
      assert.deepEqual(chunkBoundaries(text), [0, text.length], text);
    }
    // not a definition: text before the bracket
    assert.equal(chunkBoundaries('It said [a]: yes\n\n# H\n').length, 3);
  });

  const files = [
    ...markdownUnder(path.join(root, 'test/fixtures')),
    ...markdownUnder(path.join(root, 'samples')),
    ...markdownUnder(path.resolve(root, '../shared/corpus')),
  ];
  it(`gives the same facts as a whole parse on ${files.length} fixtures, samples and the corpus`, () => {
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const whole = analyzeFile(f, text, opts);
      const chunked = analyzeFile(f, text, { ...opts, chunks: { produced: new Map() } });
      assert.deepEqual(plain(chunked), plain(whole), path.relative(root, f));
    }
    assert.deepEqual(plain(analyzeFile('b.md', BANK, { ...opts, chunks: {} })), plain(analyzeFile('b.md', BANK, opts)));
  });

  /** Facts of `b` analysed as the server does after an edit from `a` (reusing a's chunks), and of a whole parse. */
  function afterEdit(a: string, b: string) {
    const first = new Map<string, ChunkScan>();
    analyzeFile('e.md', a, { ...opts, recentClaims: true, chunks: { produced: first } });
    const chunked = analyzeFile('e.md', b, { ...opts, recentClaims: true, chunks: { reuse: first, produced: new Map() } });
    const whole = analyzeFile('e.md', b, opts);
    assert.deepEqual(plain(chunked), plain(whole));
    return whole;
  }
  const BODY = '## Situation\nExports timed out.\n\n## Result\nExports took 2 minutes, down from 40.\n';

  it('reads frontmatter closed by `...` as markdown does (only `---` closes it), after an edit as in a whole parse', () => {
    const text = `---\ntitle: Dots\n...\n\n${BODY}`;
    const facts = afterEdit(text.replace('40.', '41.'), text);
    assert.equal(facts.frontmatter, undefined);
    assert.deepEqual(facts.problems, []);
    // closed later by `---`: the `...` line is part of the YAML, which then ends its document
    const later = afterEdit(`---\ntitle: Dots\n...\n---\n${BODY}`, `---\ntitle: Dots\n...\n---\n\n${BODY}`);
    assert.ok(later.frontmatter);
  });

  it('reads a line of a no-break space as text, not a blank line: the bold line after it goes on the paragraph (no cut)', () => {
    const story =
      '**Bias for Action**\n\nLast winter a pipe burst above our stock room on a Sunday. I was the only one with keys nearby, so it was on me. I moved the stock to the van and called the landlord. We lost none of it.\n';
    const text = `## Notes\n\nWe shipped it.\n\u00a0\n${story}`;
    assert.ok(!chunkBoundaries(text).includes(text.indexOf('**Bias')), 'no cut at the bold line');
    // an edit elsewhere reads it as a whole parse does: the bold line is inside a paragraph, no story's head
    const facts = afterEdit(text.replace('We shipped it.', 'We shipped.'), text);
    assert.ok(!facts.stories.some((st) => st.title === 'Bias for Action'));
    // with a blank line (spaces only) before it, it is cut at and heads a story
    const apart = text.replace('\u00a0', '  ');
    assert.ok(chunkBoundaries(apart).includes(apart.indexOf('**Bias')));
    assert.ok(afterEdit(apart.replace('We shipped it.', 'We shipped.'), apart).stories.some((st) => st.title === 'Bias for Action'));
  });

  it('reads a `---` line right after the frontmatter as a rule, not a second frontmatter', () => {
    const text = `---\ntitle: Exports\n---\n---\nprinciples: 3\n---\n\n${BODY}`;
    const facts = afterEdit(text.replace('## Result', '## Result '), text);
    assert.equal(facts.frontmatter?.data?.title, 'Exports');
    assert.deepEqual(facts.problems, []);
  });

  it('reads a heading after a U+FEFF (a BOM left by joining files) as a heading, after the frontmatter and mid-file', () => {
    const joined = (bom: string) => `---\ncompany: Acme\n---\n${bom}# Faster exports\n\n${BODY}${bom}# Fewer pages\n\nPrinciples: Ownership\n\n${BODY}`;
    const text = joined('\uFEFF');
    const facts = afterEdit(text.replace('Exports timed out', 'Exports timed  out'), text);
    const titles = (f: ReturnType<typeof analyzeFile>) => f.stories.map((st) => [st.title, st.titleRange.start.line, st.principles.length]);
    assert.deepEqual(titles(facts), titles(analyzeFile('e.md', joined(''), opts)));
    assert.deepEqual(
      facts.stories.map((st) => st.title),
      ['Faster exports', 'Fewer pages'],
    );
  });

  it('reports a limit met in several chunks once, with the count of its other places, as a whole parse does', () => {
    const deep = '>'.repeat(70);
    const wide = `x ${'*a* '.repeat(210)}`;
    const text = `# One\n\n${deep}\n\n${wide}\n\n# Two\n\n${deep}\n\n# Three\n\n${wide}\n`;
    // afterEdit holds the chunked reading to the whole one
    const whole = afterEdit(text, text.replace('# Three', '# Thre'));
    assert.deepEqual(
      whole.problems.map((p) => p.message.replace(/ \(.*\)/, '').slice(0, 30) + (/\(and 1 more place in this file\)/.test(p.message) ? ' +1' : '')),
      ['Lists and quotes nest deeper t +1', 'This block has more than 400 e +1'],
    );
  });

  it('cuts a file with lone CR line endings as its LF version, after an edit as in a whole parse', () => {
    const lf = `---\ntitle: Exports\n---\n\n# One\n\n${BODY}\n# Two\n\n${BODY}`;
    const cr = lf.replace(/\n/g, '\r');
    const facts = afterEdit(cr.replace('# Two', '# Tw'), cr);
    assert.deepEqual(plain(facts), plain(analyzeFile('e.md', lf, opts)));
    assert.deepEqual(
      facts.stories.map((st) => [st.title, st.titleRange.start.line]),
      [
        ['One', 4],
        ['Two', 12],
      ],
    );
  });

  it('cuts no heading inside an HTML block that ends at its own marker, nor after a fence it cannot follow', () => {
    const story = (middle: string) => `# A story\n\nPrinciples: Ownership\n\n## Situation\nIt broke.\n\n${middle}\n\n## Action\nI fixed it.\n`;
    const middles = [
      '<pre>\n\n## Result\nIt ran 40% faster.\n</pre>', // kind 1 runs over blank lines to </pre>
      '<?php\n\n## Result\n?>',
      '<!DOCTYPE html\n\n## Result\n>',
      '<![CDATA[\n\n## Result\n]]>',
      '<script>\n\n**Result:** 40% faster\n</script>',
      '```\n    ```\n## Result\n```', // a fence indented four spaces does not close one
      '```a`b\n## Result x\n```\n## Result y', // a backtick in the info string: no fence
      '- a\n\n  ```\n## Result x\n```\n## Result y', // a fence in a list item ends with the item
      'It ran.\n<\n<!E\n\n## Result', // a paragraph that starts with `<`, then an HTML block that interrupts it
      '<x\n```\n\n## Result\n```', // the same with a fence
      '<div>\n```\n\n## Result', // inside an HTML block a fence is text, and the block ends at the blank line
    ];
    for (const m of middles) {
      const text = story(m);
      const whole = afterEdit(text.replace('It broke.', 'It broke!'), text);
      assert.ok(whole.stories.length > 0, m);
    }
  });

  it('re-parses only the chunk that changed', () => {
    const first = new Map<string, ChunkScan>();
    analyzeFile('b.md', BANK, { ...opts, chunks: { produced: first } });
    const edited = BANK.replace('One format, 14 services.', 'One format, 15 services.');
    const second = new Map<string, ChunkScan>();
    const facts = analyzeFile('b.md', edited, { ...opts, chunks: { reuse: first, produced: second } });
    const reused = [...second.values()].filter((scan) => [...first.values()].includes(scan)).length;
    assert.equal(reused, second.size - 1);
    assert.deepEqual(plain(facts), plain(analyzeFile('b.md', edited, opts)));
  });
});
