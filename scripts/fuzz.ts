// npm run fuzz: a seeded fuzzer for the analysis core.
//
// Each document is made from our own fixtures and samples (test/fixtures,
// samples): lines inserted, removed, duplicated and spliced in from other
// files, characters changed, line endings switched (LF, CRLF, lone CR, mixed),
// BOMs, control characters, frontmatter edge cases and markdown constructs.
// For each one:
//   - analyzeFile never throws and reports no internal error;
//   - incremental analysis equals a whole parse: version A is analysed with
//     chunks kept (as the server's Workspace does for an open document), then
//     version B (A after one more edit) reusing A's chunks; its facts must be
//     exactly those of a whole parse of B;
//   - no document under 64 KB takes over 250 ms.
// A failure prints the run's seed, the document's number and a minimal input
// (lines, then characters removed while the failure persists).
//
//   tsx scripts/fuzz.ts [--count N] [--seed S] [--only I] [--quiet]
//
// Ends with `N passed, N failed` (documents), as every suite does.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AMAZON_FRAMEWORK, analyzeFile, type ChunkScan, type FileFacts, PrincipleMatcher } from '../server/src/core';

const root = path.resolve(__dirname, '..');
const SLOW_MS = 250;
const SLOW_SIZE = 64 * 1024;
const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);
const URI = 'file:///fuzz.md';

// ------------------------------------------------------------ random numbers

/** mulberry32: small, fast and the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of document `i` of a run, so one document can be replayed alone. */
function docSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)]!;

// ------------------------------------------------------------ material

function markdownUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? markdownUnder(p) : e.name.endsWith('.md') ? [p] : [];
    });
}

/** Our own fixtures and samples, LF line endings, no BOM (the mutations add those back). */
export function loadCorpus(): string[] {
  const files = [...markdownUnder(path.join(root, 'test/fixtures')), ...markdownUnder(path.join(root, 'samples'))];
  return files.map((f) =>
    fs
      .readFileSync(f, 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n'),
  );
}

const FRONTMATTER = [
  '---\ntitle: A story\nprinciples:\n  - Ownership\n---\n',
  '---\ntitle: Closed by dots\n...\n',
  '---\ntitle: Dots then dashes\n...\n---\n',
  '---\n---\n',
  '---\n\n---\n',
  '--- \ntitle: Trailing space\n---\t\n',
  '---\ntitle: x\n---\n---\n',
  '---\ntitle: x\n---\n---\nmore: y\n---\n',
  '---\ntitle: x\n---\n\uFEFF# After a BOM\n',
  '---\ntitle: [unclosed\n---\n',
  '---\ntitle: "a\n---\n',
  '---\n- a list\n- not a map\n---\n',
  '---\njust a string\n---\n',
  '---\ntitle: &a x\nalias: *a\n---\n',
  '---\ntitle: x\ntitle: y\n---\n',
  '---\nstar: false\n---\n',
  '---\ncompany: Acme\nprinciples: [Ownership, Dive Deep]\n---\n',
  '---\ntitle: never closed\n',
  '---\r\ntitle: CRLF\r\n---\r\n',
  '---\rtitle: lone CR\r---\r',
  '----\ntitle: four dashes\n----\n',
  ' ---\ntitle: indented\n---\n',
  '---\ntitle: x\n  ---\n---\n',
  '---\n# a comment\ntitle: x # trailing\n---\n',
  '---\ntitle: |\n  block\n  scalar\n---\n',
  '---\ntitle: x\n---\n***\n',
];

const CONSTRUCTS = [
  '# A heading',
  '## Dive Deep: Tracing a leak',
  '### Situation',
  '### Task',
  '### Action',
  '### Result',
  '#### Learned',
  '#',
  '######## too deep',
  '**Situation:** The heap grew by 2 GB a day.',
  '**Task:** I had to stop it.',
  '**Action:** I traced the allocations and fixed 3 leaks.',
  '**Result:** Memory fell by 80% and pages dropped from 12 to 1 a week.',
  '**2. Earn Trust: A hard conversation**',
  '__Result__',
  '*Result:* errors fell 40%',
  'S: It broke. T: Fix it. A: I fixed it. R: 30% faster.',
  'Principles: Ownership, Dive Deep',
  'LP: Customer Obsession',
  'Competencies: Bias for Action',
  '- **Situation:** a list item',
  '1. **Action:** a numbered item',
  '  - nested item',
  '> **Result:** quoted 25% faster',
  '> > deeper quote',
  '```',
  '~~~',
  '````md',
  '    indented code',
  '<!--',
  '-->',
  '<!-- star-stories-disable missing-section -->',
  '<!-- star-stories-enable -->',
  '<!-- star-stories-disable-next-line unquantified-result -->',
  '<!-- star-stories-disable-file we-not-i -->',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '<style>x</style>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<!DOCTYPE',
  '<![CDATA[',
  ']]>',
  '<!-->',
  '</span>',
  '<https://example.com>',
  '  ```',
  '    ```',
  '```js`x',
  '- ```',
  '> ```',
  '1. ~~~',
  '  <!--',
  'Title\n===',
  'Title\n---',
  '<details><summary>x</summary>',
  '| Situation | Task | Action | Result |',
  '|---|---|---|---|',
  '| a | b | c | 20% |',
  '[ref]: https://example.com',
  '[^1]: a footnote',
  'A [link][ref] and a footnote[^1].',
  '---',
  '***',
  '===',
  '...',
  '+++',
  '$$',
  'Revenue grew from $2M to $3.5M (+75%) in 6 weeks.',
  'We cut p99 latency by 40 ms, from 120 ms to 80 ms.',
  'Churn fell 3 pp to 4%.',
  '',
  '',
  '   ',
  '\t',
];

const ODD_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\u000b',
  '\f',
  '\u001b',
  '\u001b[2J',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\ufeff',
  '\ufffd',
  '\ud83d\ude00',
  '\ud800',
  '\r',
  '\r\n',
  '\n',
];

// ------------------------------------------------------------ mutations

type Mutation = (r: Rand, text: string, corpus: readonly string[]) => string;

const lines = (t: string) => t.split('\n');
const join = (ls: string[]) => ls.join('\n');

const MUTATIONS: [number, Mutation][] = [
  [
    6,
    (r, t) => {
      const ls = lines(t);
      ls.splice(int(r, ls.length + 1), 0, pick(r, CONSTRUCTS));
      return join(ls);
    },
  ],
  [
    4,
    (r, t) => {
      const ls = lines(t);
      if (ls.length > 1) ls.splice(int(r, ls.length), 1 + int(r, 3));
      return join(ls);
    },
  ],
  [
    3,
    (r, t) => {
      const ls = lines(t);
      const i = int(r, ls.length);
      ls.splice(i, 0, ...ls.slice(i, i + 1 + int(r, 4)));
      return join(ls);
    },
  ],
  [
    3,
    (r, t, corpus) => {
      // splice: a run of lines from another file
      const other = lines(pick(r, corpus));
      const a = int(r, other.length);
      const ls = lines(t);
      ls.splice(int(r, ls.length + 1), 0, ...other.slice(a, a + 1 + int(r, 12)));
      return join(ls);
    },
  ],
  [
    2,
    (r, t) => {
      // frontmatter edge cases, at the top (where it counts) or in the middle
      const fm = pick(r, FRONTMATTER);
      if (r() < 0.8) return fm + t.replace(/^---\n[\s\S]*?\n---\n/, '');
      const ls = lines(t);
      ls.splice(int(r, ls.length + 1), 0, fm.replace(/\n$/, ''));
      return join(ls);
    },
  ],
  [
    3,
    (r, t) => {
      // a character removed, inserted or a run duplicated (keystrokes)
      const i = int(r, t.length + 1);
      const k = r();
      if (k < 0.35) return t.slice(0, i) + t.slice(i + 1 + int(r, 3));
      if (k < 0.7) return t.slice(0, i) + pick(r, ['#', '*', '_', '-', '>', '`', '|', ' ', '\n', 'x', '1', '%', ':', '<', '[', ']']) + t.slice(i);
      const n = 1 + int(r, 40);
      return t.slice(0, i + n) + t.slice(i, i + n) + t.slice(i + n);
    },
  ],
  [
    2,
    (r, t) => {
      const i = int(r, t.length + 1);
      return t.slice(0, i) + pick(r, ODD_CHARS) + t.slice(i);
    },
  ],
  [
    1,
    (r, t) => {
      // a BOM at the start of a line
      const ls = lines(t);
      const i = int(r, ls.length);
      ls[i] = `\uFEFF${ls[i]}`;
      return join(ls);
    },
  ],
  [
    1,
    (r, t) => {
      // a whole fence, comment or HTML block around some lines
      const ls = lines(t);
      const i = int(r, ls.length + 1);
      const j = Math.min(ls.length, i + int(r, 8));
      const [open, close] = pick(r, [
        ['```', '```'],
        ['~~~~', '~~~~'],
        ['<!--', '-->'],
        ['<div>', '</div>'],
        ['<pre>', '</pre>'],
        ['<?', '?>'],
        ['<![CDATA[', ']]>'],
        ['- ```', '```'],
        ['  ~~~', '~~~'],
        ['> ', ''],
      ] as const);
      if (open === '> ') {
        for (let k = i; k < j; k++) ls[k] = `> ${ls[k]}`;
        return join(ls);
      }
      ls.splice(j, 0, close);
      ls.splice(i, 0, open);
      return join(ls);
    },
  ],
];
const WEIGHT = MUTATIONS.reduce((n, [w]) => n + w, 0);

function mutate(r: Rand, text: string, corpus: readonly string[]): string {
  let x = r() * WEIGHT;
  for (const [w, m] of MUTATIONS) {
    x -= w;
    if (x < 0) return m(r, text, corpus);
  }
  return text;
}

/** Line endings and BOM, chosen last: LF, CRLF, lone CR, or a mix. */
function endings(r: Rand, text: string): string {
  const k = r();
  let out = text;
  if (k < 0.15) out = text.replace(/\n/g, '\r\n');
  else if (k < 0.3) out = text.replace(/\n/g, '\r');
  else if (k < 0.38) out = text.replace(/\n/g, () => pick(r, ['\n', '\r\n', '\r']));
  if (r() < 0.1) out = `\uFEFF${out}`;
  return out;
}

/** Documents come in editing sessions: a mutated file, then edits to it, each version a document. */
const SESSION = 8;

/** One edit, as a keystroke or a paste in the editor, keeping the file's line endings. */
function edit(r: Rand, a: string, corpus: readonly string[]): string {
  if (r() < 0.6 || !a.includes('\r')) return mutate(r, a, corpus);
  const b = mutate(r, a.replace(/\r\n?/g, '\n'), corpus);
  return a.includes('\r\n') ? b.replace(/\n/g, '\r\n') : b.replace(/\n/g, '\r');
}

/**
 * Document `i`: its text (B) and the version before it in its session (A;
 * for a session's first document, the file before its first edit).
 */
export function makeDocument(seed: number, i: number, corpus: readonly string[]): { a: string; b: string } {
  const session = Math.floor(i / SESSION);
  const r = rng(docSeed(seed, session));
  let a = pick(r, corpus);
  const n = 1 + int(r, 6);
  for (let k = 0; k < n; k++) a = mutate(r, a, corpus);
  a = endings(r, a);
  let b = edit(r, a, corpus);
  for (let step = session * SESSION; step < i; step++) {
    a = b;
    b = edit(r, a, corpus);
  }
  return { a, b };
}

// ------------------------------------------------------------ checks

const plain = (x: FileFacts) => JSON.stringify(x, (_k, v) => (v instanceof Set ? [...v].sort() : v));

export type FailureKind = 'exception' | 'internal-error' | 'chunk-mismatch' | 'slow';

function internal(facts: FileFacts): string | undefined {
  if (facts.internalError) return facts.internalError;
  return facts.problems.find((p) => p.message.startsWith('Could not parse the markdown'))?.message;
}

/**
 * What is wrong with B (edited from A), if anything. `chunksOfA` are A's
 * chunks when the caller has them (the previous document of a session); B's
 * are put in `produced`. `timed` also checks the time budget.
 */
export function check(
  a: string,
  b: string,
  timed: boolean,
  chunksOfA?: Map<string, ChunkScan>,
  produced = new Map<string, ChunkScan>(),
): { kind: FailureKind; detail: string } | undefined {
  let whole: FileFacts;
  let ms: number;
  try {
    const t0 = performance.now();
    whole = analyzeFile(URI, b, { matcher });
    ms = performance.now() - t0;
    const err = internal(whole);
    if (err) return { kind: 'internal-error', detail: err };
    let reuse = chunksOfA;
    if (!reuse) {
      reuse = new Map();
      const first = analyzeFile(URI, a, { matcher, recentClaims: true, chunks: { produced: reuse } });
      const errA = internal(first);
      if (errA) return { kind: 'internal-error', detail: `version A: ${errA}` };
    }
    const chunked = analyzeFile(URI, b, { matcher, recentClaims: true, chunks: { reuse, produced } });
    const w = plain(whole);
    const c = plain(chunked);
    if (w !== c) {
      let at = 0;
      while (at < w.length && w[at] === c[at]) at++;
      return { kind: 'chunk-mismatch', detail: `whole   ${w.slice(Math.max(0, at - 60), at + 80)}\nchunked ${c.slice(Math.max(0, at - 60), at + 80)}` };
    }
  } catch (e) {
    return { kind: 'exception', detail: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  if (timed && b.length < SLOW_SIZE && ms > SLOW_MS) {
    // the machine is shared: a document is slow only when it is slow every time
    let best = ms;
    for (let k = 0; k < 2 && best > SLOW_MS; k++) {
      const t0 = performance.now();
      analyzeFile(URI, b, { matcher });
      best = Math.min(best, performance.now() - t0);
    }
    if (best > SLOW_MS) return { kind: 'slow', detail: `${best.toFixed(0)} ms for ${b.length} characters` };
  }
  return undefined;
}

// ------------------------------------------------------------ shrinking

/** Remove pieces of `text` (runs of lines, then of characters) while `fails` holds. */
function shrinkText(text: string, fails: (t: string) => boolean, budget: { calls: number }): string {
  let cur = text;
  for (const unit of ['line', 'char'] as const) {
    const split = (t: string) => (unit === 'line' ? t.split(/(?<=\n)/) : [...t]);
    let parts = split(cur);
    let size = Math.max(1, parts.length >> 1);
    while (budget.calls > 0) {
      let progress = false;
      for (let i = 0; i < parts.length && budget.calls > 0; ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + size)].join('');
        budget.calls--;
        if (candidate !== cur && fails(candidate)) {
          cur = candidate;
          parts = split(cur);
          progress = true;
        } else i += size;
      }
      if (size === 1 && !progress) break;
      if (!progress) size = Math.max(1, size >> 1);
    }
  }
  return cur;
}

/** A minimal A and B that still fail the same way: the text they share is shrunk, then the edit. */
export function shrink(a: string, b: string, kind: FailureKind): { a: string; b: string } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  let pre = a.slice(0, p);
  let midA = a.slice(p, a.length - s);
  let midB = b.slice(p, b.length - s);
  let post = a.slice(a.length - s);
  const same = (x: string, y: string) => check(x, y, kind === 'slow')?.kind === kind;
  const budget = { calls: kind === 'slow' ? 150 : 3000 };
  pre = shrinkText(pre, (t) => same(t + midA + post, t + midB + post), budget);
  post = shrinkText(post, (t) => same(pre + midA + t, pre + midB + t), budget);
  midA = shrinkText(midA, (t) => same(pre + t + post, pre + midB + post), budget);
  midB = shrinkText(midB, (t) => same(pre + midA + post, pre + t + post), budget);
  return { a: pre + midA + post, b: pre + midB + post };
}

// ------------------------------------------------------------ the run

export interface FuzzResult {
  documents: number;
  failures: { index: number; kind: FailureKind; detail: string }[];
  ms: number;
  slowest: { index: number; ms: number; size: number };
  characters: number;
}

export function fuzz(opts: { seed: number; count: number; only?: number; log?: (s: string) => void }): FuzzResult {
  const corpus = loadCorpus();
  const log = opts.log ?? (() => {});
  const failures: FuzzResult['failures'] = [];
  const slowest = { index: -1, ms: 0, size: 0 };
  let characters = 0;
  let documents = 0;
  const t0 = performance.now();
  const from = opts.only ?? 0;
  const to = opts.only !== undefined ? opts.only + 1 : opts.count;
  let chunks: Map<string, ChunkScan> | undefined;
  let prev: string | undefined;
  for (let i = from; i < to; i++) {
    const { a, b } = makeDocument(opts.seed, i, corpus);
    documents++;
    characters += b.length;
    const produced = new Map<string, ChunkScan>();
    const d0 = performance.now();
    // within a session, A's chunks are those the previous document left, as in the server
    const bad = check(a, b, true, prev === a ? chunks : undefined, produced);
    const ms = performance.now() - d0;
    chunks = produced;
    prev = b;
    if (ms > slowest.ms) Object.assign(slowest, { index: i, ms, size: b.length });
    if (bad) {
      failures.push({ index: i, ...bad });
      if (failures.length <= 5) {
        const min = shrink(a, b, bad.kind);
        log(`\nFAILED: ${bad.kind} in document ${i} of seed ${opts.seed} (replay: npm run fuzz -- --seed ${opts.seed} --only ${i})`);
        log(`  ${bad.detail.split('\n').join('\n  ')}`);
        log(`  minimal version A: ${JSON.stringify(min.a)}`);
        log(`  minimal version B: ${JSON.stringify(min.b)}`);
      }
    }
    if ((i + 1) % 10000 === 0 && opts.only === undefined)
      log(`  ${i + 1} documents, ${failures.length} failed, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { documents, failures, ms: performance.now() - t0, slowest, characters };
}

function main(): void {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const seedArg = arg('--seed');
  const seed = seedArg === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(seedArg);
  const count = Number(arg('--count') ?? 100000);
  const onlyArg = arg('--only');
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1 || (onlyArg !== undefined && !Number.isInteger(Number(onlyArg)))) {
    console.error('usage: tsx scripts/fuzz.ts [--count N] [--seed S] [--only I]');
    process.exit(2);
  }
  console.log(`fuzzing ${onlyArg === undefined ? count : 1} documents, seed ${seed}`);
  const res = fuzz({ seed, count, ...(onlyArg !== undefined ? { only: Number(onlyArg) } : {}), log: (s) => console.log(s) });
  const by = (k: FailureKind) => res.failures.filter((f) => f.kind === k).length;
  console.log('');
  console.log(`documents:        ${res.documents} (${(res.characters / 1e6).toFixed(1)} M characters), seed ${seed}`);
  console.log(`time:             ${(res.ms / 1000).toFixed(1)} s (${((res.ms * 1000) / res.documents).toFixed(0)} µs a document)`);
  console.log(
    `slowest:          document ${res.slowest.index}, ${res.slowest.ms.toFixed(1)} ms for ${res.slowest.size} characters (one whole, one incremental analysis)`,
  );
  console.log(`exceptions:       ${by('exception')}`);
  console.log(`internal errors:  ${by('internal-error')}`);
  console.log(`chunk mismatches: ${by('chunk-mismatch')}`);
  console.log(`over ${SLOW_MS} ms:      ${by('slow')} (documents under 64 KB)`);
  console.log(`${res.documents - res.failures.length} passed, ${res.failures.length} failed`);
  process.exit(res.failures.length ? 1 : 0);
}

if (require.main === module) main();
