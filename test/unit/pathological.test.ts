// Linear time on any input: every family of pathological markdown
// (test/support/pathological.ts) is analysed at 8, 16, 32 and 64 KB. Time
// may grow at most 2.5x per doubling of the size, and 64 KB may take at most
// 250 ms. The machine is shared and noisy, so each size is timed a few times
// and the fastest run counts; a doubling is compared only when the smaller
// size takes long enough to measure, and a family that fails is measured
// once more before the test fails. Also: deep nesting is a read-limit
// diagnostic, not an internal error, and a file over the size limit is
// reported, not analysed.
import assert from 'node:assert/strict';
import { AMAZON_FRAMEWORK, analyzeFile, PrincipleMatcher, Workspace } from '../../server/src/core';
import { MAX_ANALYSED_CHARS } from '../../server/src/core/limits';
import { sentences } from '../../server/src/core/read/prose';
import { FAMILIES, type Family } from '../support/pathological';

const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK) };
const SIZES = [8192, 16384, 32768, 65536];
const MAX_RATIO = 2.5;
const MAX_MS_AT_64K = 250;
/** Below this a time is mostly noise (a collection can double it); a doubling from it is not compared. */
const MEASURABLE_MS = 15;
/**
 * Families still too slow, held to a looser budget until they are fixed (see
 * docs/reliability.md, "Linear time and bounded work", Not yet guaranteed).
 * Most are remark's own per-block cost (linear, but heavy: each quote, list
 * item, table cell and frontmatter line is a block of its own); a run of tabs
 * before `_` is micromark's tab expansion; many one-letter `#` headings are
 * read in one linear pass, but 16,000 heading nodes make the collector's share
 * swing (3 to 80 ms at 64 KB from one run to the next).
 */
const PARSER_BOUND: Record<string, { ms: number; ratio: number }> = {
  'empty quotes': { ms: 8000, ratio: 3 },
  '> × N on lines': { ms: 2000, ratio: MAX_RATIO },
  'nested lists by indent': { ms: 2500, ratio: 3 },
  'list items': { ms: 2000, ratio: MAX_RATIO },
  'many table rows': { ms: 2500, ratio: MAX_RATIO },
  'wide table row': { ms: 3000, ratio: 3 },
  'long frontmatter': { ms: 1500, ratio: 3.5 },
  'tabs before _': { ms: 800, ratio: 3.5 },
  'many headings': { ms: 250, ratio: 4 },
  fences: { ms: 1500, ratio: MAX_RATIO },
  // `yaml` resolving aliases: 2.2-2.9x per doubling between runs on a quiet machine (2.52x mean once)
  'YAML aliases': { ms: 1500, ratio: 3 },
};

function fastest(text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const facts = analyzeFile('file:///p.md', text, opts);
    best = Math.min(best, performance.now() - t0);
    assert.equal(facts.internalError, undefined, facts.internalError);
    if (best > 6000) break; // clearly too slow: no need to confirm it
  }
  return best;
}

/**
 * What is wrong with a family's times, or undefined. Growth is judged from the
 * first size that takes long enough to measure to 64 KB, as the mean factor
 * per doubling (one noisy size does not decide it); a single doubling may go
 * past the limit by half as much again.
 */
function judge(times: number[], budget: { ms: number; ratio: number }): string | undefined {
  const last = times[times.length - 1]!;
  if (last > budget.ms) return `64 KB took ${last.toFixed(1)} ms (budget ${budget.ms} ms)`;
  const first = times.findIndex((t) => t >= MEASURABLE_MS);
  if (first < 0 || first === times.length - 1) return undefined;
  const doublings = times.length - 1 - first;
  const mean = (last / times[first]!) ** (1 / doublings);
  // a mean over one doubling is one noisy pair of times: the per-step limit below judges it
  if (doublings > 1 && mean > budget.ratio) return `${mean.toFixed(2)}x per doubling from ${SIZES[first]! / 1024} KB (limit ${budget.ratio}x)`;
  for (let i = first + 1; i < times.length; i++) {
    const step = times[i]! / times[i - 1]!;
    if (step > 1.5 * budget.ratio) return `${SIZES[i - 1]! / 1024} -> ${SIZES[i]! / 1024} KB: ${step.toFixed(2)}x`;
  }
  return undefined;
}

function measure(f: Family, runs = 2): number[] {
  return SIZES.map((n) => fastest(f.make(n), runs));
}

describe('linear time on pathological input', function () {
  this.timeout(300_000);
  before(() => {
    // warm the parsers and the reader up, so the first family does not pay for it
    for (const f of FAMILIES) analyzeFile('file:///w.md', f.make(2048), opts);
  });

  for (const f of FAMILIES) {
    const budget = PARSER_BOUND[f.name] ?? { ms: MAX_MS_AT_64K, ratio: MAX_RATIO };
    it(`${f.name}: at most ${budget.ratio}x per doubling, 64 KB within ${budget.ms} ms`, () => {
      let times = measure(f);
      let problem = judge(times, budget);
      if (problem) {
        times = measure(f, 4); // once more, the fastest of more runs: the machine is shared
        problem = judge(times, budget);
      }
      assert.equal(problem, undefined, `${f.name}: ${problem} (times ${times.map((t) => t.toFixed(1)).join(', ')} ms)`);
    });
  }
});

describe('bounded work', () => {
  const STORY = '## Situation\n\nThe build was slow.\n\n## Task\n\nFix it.\n\n## Action\n\nI cached it.\n\n## Result\n\nBuilds took 4 minutes instead of 20.\n';
  function diags(text: string) {
    const ws = new Workspace();
    ws.set('deep.md', text);
    return ws.diagnostics().get('deep.md')!;
  }

  it('2,000 nested list levels on one line are a read-limit note, not an internal error', () => {
    const d = diags(`# A story\n\n${'- '.repeat(2000)}deep\n\n${STORY}`);
    assert.ok(!d.some((x) => x.rule === 'internal-error'), 'no internal error');
    const limit = d.filter((x) => x.rule === 'read-limit');
    assert.equal(limit.length, 1);
    assert.equal(limit[0]!.severity, 'information');
    assert.equal(limit[0]!.range.start.line, 2);
    assert.match(limit[0]!.message, /nest deeper than 64 levels.*read as plain text/);
  });

  it('5,000 quote marks are a read-limit note, and the text after them is still read', () => {
    const facts = analyzeFile('file:///q.md', `# Quotes\n\n${'> '.repeat(5000)}I cut costs by 40%\n`, opts);
    assert.equal(facts.internalError, undefined);
    assert.equal(facts.problems.length, 1);
    assert.equal(facts.problems[0]!.limit, true);
  });

  it('hundreds of deep lines give one note that counts the others', () => {
    const d = diags(`# A story\n\n${STORY}\n${`${'- '.repeat(100)}x\n\n`.repeat(300)}`);
    const limit = d.filter((x) => x.rule === 'read-limit');
    assert.equal(limit.length, 1);
    assert.match(limit[0]!.message, /and 299 more places in this file/);
  });

  it('a block dense with emphasis reads as plain text, its characters kept', () => {
    const text = `# Story\n\n## Situation\n\n${'**x'.repeat(600)}\n\n## Task\n\nI had to fix it.\n`;
    const d = diags(text);
    const limit = d.filter((x) => x.rule === 'read-limit');
    assert.equal(limit.length, 1);
    assert.equal(limit[0]!.range.start.line, 4);
    assert.match(limit[0]!.message, /more than 400 emphasis or bracket characters/);
  });

  it('ordinary nesting and emphasis meet no limit', () => {
    const text = `# Story\n\n> - a\n>   - **b** and _c_\n>     - [d](https://example.invalid)\n\n## Situation\n\n${'Some *emphasis* and a [link](x). '.repeat(50)}\n`;
    assert.deepEqual(analyzeFile('file:///o.md', text, opts).problems, []);
  });

  it('frontmatter nesting [ 10,000 deep is a read-limit note, not a crash', () => {
    const facts = analyzeFile('file:///y.md', `---\nnotes: ${'['.repeat(10000)}\n---\n# Title\n\n## Situation\n\nIt broke.\n`, opts);
    assert.equal(facts.internalError, undefined);
    assert.equal(facts.problems.length, 1);
    assert.equal(facts.problems[0]!.limit, true);
    assert.match(facts.problems[0]!.message, /deeper than 64 levels; it was not read/);
  });

  it('splits a paragraph far longer than 64 KB into its sentences, each in place', () => {
    // one paragraph of 6,000 lines: the segmenter is given it in pieces (whole, it took seconds past 64 KB)
    const text = 'I did it. We shipped it on time.\n'.repeat(6000);
    const got = sentences(text);
    assert.equal(got.length, 12000);
    for (const u of got) assert.equal(text.slice(u.start, u.end), u.text);
    assert.deepEqual([...new Set(got.map((u) => u.text))].sort(), ['I did it.', 'We shipped it on time.']);
  });

  it('a file over the size limit is reported, not analysed', () => {
    const text = `# Big\n\n${'I cut costs by 10%. '.repeat(Math.ceil(MAX_ANALYSED_CHARS / 20) + 10)}`;
    const t0 = performance.now();
    const facts = analyzeFile('file:///big.md', text, opts);
    assert.ok(performance.now() - t0 < 1000, 'it returns at once');
    assert.deepEqual(facts.stories, []);
    assert.equal(facts.problems.length, 1);
    assert.equal(facts.problems[0]!.limit, 'file');
    assert.match(facts.problems[0]!.message, /too large to analyse.*split it/);
    // the user sees it, although no story was read from the file
    const ws = new Workspace();
    ws.set('file:///big.md', text);
    const shown = ws.diagnosticsFor('file:///big.md');
    assert.deepEqual(
      shown.map((d) => [d.rule, d.severity]),
      [['read-limit', 'information']],
    );
  });
});
