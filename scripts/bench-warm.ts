// Warm re-analysis of one story, as the language server does per keystroke.
// Bundled and run by scripts/bench.mjs: node .bench/warm.js STORY.md
import * as fs from 'node:fs';
import { analyzeFile, AMAZON_FRAMEWORK, PrincipleMatcher } from '../server/src/core';

const file = process.argv[2]!;
const text = fs.readFileSync(file, 'utf8');
const opts = { matcher: new PrincipleMatcher(AMAZON_FRAMEWORK), ruleOptions: {} };
// Edit the text a little each time, as typing does.
const variant = (i: number) => text.replace('## Result', `## Result\n\nEdit ${i % 97}.`);
for (let i = 0; i < 500; i++) analyzeFile(file, variant(i), opts);
function measure(o: typeof opts & { withoutClaims?: boolean }): number[] {
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const v = variant(i);
    const t0 = performance.now();
    analyzeFile(file, v, o);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}
const q = (times: number[], p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
for (let i = 0; i < 300; i++) analyzeFile(file, variant(i), { ...opts, withoutClaims: true });
// Interleave the two, edit by edit, so that both see the same machine (this
// one's speed drifts by tens of percent within a minute); compare medians.
const withClaims: number[] = [];
const without: number[] = [];
for (let i = 0; i < 4000; i++) {
  const v = variant(i);
  const order = i % 2 === 0;
  for (const claims of order ? [false, true] : [true, false]) {
    const t0 = performance.now();
    analyzeFile(file, v, claims ? opts : { ...opts, withoutClaims: true });
    (claims ? withClaims : without).push(performance.now() - t0);
  }
}
const times = measure(opts);
withClaims.sort((a, b) => a - b);
without.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({ bytes: Buffer.byteLength(text), median: q(times, 0.5), p95: q(times, 0.95), medianWithoutClaims: q(without, 0.5), medianWithClaims: q(withClaims, 0.5) }) + '\n',
);
