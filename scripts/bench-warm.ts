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
const times: number[] = [];
for (let i = 0; i < 2000; i++) {
  const v = variant(i);
  const t0 = performance.now();
  analyzeFile(file, v, opts);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
process.stdout.write(JSON.stringify({ bytes: Buffer.byteLength(text), median: q(0.5), p95: q(0.95) }) + '\n');
