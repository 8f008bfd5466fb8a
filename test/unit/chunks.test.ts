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
