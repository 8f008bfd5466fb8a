// Warm re-analysis of one story, as the language server does per keystroke.
// Bundled and run by scripts/bench.mjs: node .bench/warm.js STORY.md
//
// Two measures: the whole file re-analysed from its text (what the budgets
// hold), and re-analysis with the chunks of the previous version reused, as
// the server's workspace does for an open document (only the edited section
// is parsed and has its claims extracted again).
import * as fs from 'node:fs';
import {
  analyzeFile,
  AMAZON_FRAMEWORK,
  defaultConfig,
  lintFile,
  PrincipleMatcher,
  resolveRules,
  type AnalyzeOptions,
  type ChunkScan,
} from '../server/src/core';

const file = process.argv[2]!;
const text = fs.readFileSync(file, 'utf8');
// as the server analyses an open document: the claims of its recent paragraphs are remembered
const opts: AnalyzeOptions = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK), recentClaims: true };
// re-analysis as the server does it on an edit: the facts, then the lint step over them
const rules = resolveRules(defaultConfig());
// Edit the text a little each time, as typing does.
const variant = (i: number) => text.replace('## Result', `## Result\n\nEdit ${i % 97}.`);

// chunks of the previous version, kept apart for runs with and without claims
// (a reused chunk keeps the claims it was given)
const previous = { with: new Map<string, ChunkScan>(), without: new Map<string, ChunkScan>() };

function once(v: string, claims: boolean, chunked: boolean): number {
  const o: AnalyzeOptions = claims ? opts : { ...opts, withoutClaims: true };
  const key = claims ? 'with' : 'without';
  const produced = new Map<string, ChunkScan>();
  const t0 = performance.now();
  lintFile(analyzeFile(file, v, chunked ? { ...o, chunks: { reuse: previous[key], produced } } : o), rules);
  const t = performance.now() - t0;
  if (chunked) previous[key] = produced;
  return t;
}

const q = (times: number[], p: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))]!;

function measure(chunked: boolean) {
  for (let i = 0; i < 500; i++) once(variant(i), true, chunked);
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) times.push(once(variant(i), true, chunked));
  for (let i = 0; i < 300; i++) once(variant(i), false, chunked);
  // Interleave the two, edit by edit, so that both see the same machine (this
  // one's speed drifts by tens of percent within a minute); compare medians.
  const withClaims: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const v = variant(i);
    for (const claims of i % 2 === 0 ? [false, true] : [true, false]) (claims ? withClaims : without).push(once(v, claims, chunked));
  }
  return { median: q(times, 0.5), p95: q(times, 0.95), medianWithoutClaims: q(without, 0.5), medianWithClaims: q(withClaims, 0.5) };
}

/**
 * Prose inference on its own: the same story with its part headings taken
 * out (so every part is read from the prose), analysed with and without
 * inference, edit by edit, interleaved.
 */
function inference() {
  const prose = text.replace(/^## (?:Situation|Task|Action|Result)[ \t]*\r?\n/gm, '');
  const edit = (i: number) => `${prose}\nEdit ${i % 97}.\n`;
  const run = (v: string, infer: boolean) => {
    const t0 = performance.now();
    lintFile(analyzeFile(file, v, infer ? opts : { ...opts, withoutInference: true }), rules);
    return performance.now() - t0;
  };
  for (let i = 0; i < 500; i++) run(edit(i), i % 2 === 0);
  const withInference: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const v = edit(i);
    for (const infer of i % 2 === 0 ? [false, true] : [true, false]) (infer ? withInference : without).push(run(v, infer));
  }
  const parts = analyzeFile(file, prose, opts).stories[0]?.parts.filter((p) => p.inferred).length ?? 0;
  return { median: q(withInference, 0.5), p95: q(withInference, 0.95), medianWithout: q(without, 0.5), inferredParts: parts };
}

const whole = measure(false);
const chunked = measure(true);
const prose = inference();
process.stdout.write(`${JSON.stringify({ bytes: Buffer.byteLength(text), ...whole, chunked, prose })}\n`);
