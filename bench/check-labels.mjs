// Sanity checks for labels.json: every labelled line holds its text, every finding sits on a
// labelled claim, every number-looking token in the stories is labelled as a claim or a
// non-claim, and metric-arithmetic findings agree with a recomputation.
// Run: node bench/check-labels.mjs [bench/accuracy | bench/accuracy-holdout] [--print]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dirArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const here = dirArg ? resolve(dirArg) : join(dirname(fileURLToPath(import.meta.url)), 'accuracy');
const labels = JSON.parse(readFileSync(join(here, 'labels.json'), 'utf8'));
const print = process.argv.includes('--print');
const cache = new Map();
const lines = (f) => {
  if (!cache.has(f)) cache.set(f, readFileSync(join(here, f), 'utf8').split(/\r?\n/));
  return cache.get(f);
};
let errors = 0;
const fail = (msg) => {
  errors++;
  console.error(`ERROR ${msg}`);
};

for (const [kind, list] of [
  ['claim', labels.claims],
  ['nonClaim', labels.nonClaims],
]) {
  for (const c of list) {
    const text = lines(c.file)[c.line - 1];
    if (text === undefined || !text.includes(c.text)) fail(`${kind} ${c.file}:${c.line} "${c.text}" not on that line: ${text}`);
    else if (print) console.log(`${kind.padEnd(8)} ${c.file}:${c.line} [${c.text}] ${c.kind ?? ''} ${c.value ?? ''} | ${text.trim()}`);
  }
}
const claimAt = (f, l) => labels.claims.filter((c) => c.file === f && c.line === l);
for (const d of labels.findings) {
  if (claimAt(d.file, d.line).length === 0) fail(`finding ${d.rule} ${d.file}:${d.line} has no claim on that line`);
  else if (print) console.log(`finding  ${d.rule} ${d.file}:${d.line} | ${lines(d.file)[d.line - 1].trim()}`);
}

// Coverage: tokens with digits, and number words, must be inside a labelled text on the line.
const words =
  /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion|twice|half|halved|halving|doubled|tripled|quadrupled)\b/gi;
const digits = /[$€₹~]?\d[\d.,:/-]*\s?(%|x\b)?/g;
const files = [...new Set([...labels.claims, ...labels.nonClaims].map((c) => c.file))];
for (const f of files) {
  const ls = lines(f);
  let inFront = ls[0] === '---';
  ls.forEach((l, i) => {
    if (i > 0 && inFront && l === '---') {
      inFront = false;
      return;
    }
    if (inFront || (i === 0 && l === '---')) return;
    const covered = [...labels.claims, ...labels.nonClaims].filter((c) => c.file === f && c.line === i + 1);
    for (const re of [words, digits]) {
      for (const m of l.matchAll(re)) {
        const start = m.index,
          end = m.index + m[0].trimEnd().length;
        const ok = covered.some((c) => {
          let from = 0,
            at;
          while ((at = l.indexOf(c.text, from)) >= 0) {
            if (at <= start && at + c.text.length >= end - 1) return true;
            if (start <= at && end >= at + 1 && at < end) return true;
            from = at + 1;
          }
          return false;
        });
        if (!ok) fail(`unlabelled "${m[0].trim()}" at ${f}:${i + 1}: ${l.trim()}`);
      }
    }
  });
}

// Recompute arithmetic for stated figures of from-to changes.
const arithLines = new Set(labels.findings.filter((d) => d.rule === 'metric-arithmetic').map((d) => `${d.file}:${d.line}`));
for (const s of labels.claims.filter((c) => c.ofChange)) {
  const ch = claimAt(s.file, s.line).find((c) => c.kind === 'change');
  if (!ch) {
    fail(`stated figure without a change at ${s.file}:${s.line}`);
    continue;
  }
  let rel = ch.value; // percent, positive; percentage points (B - A, positive) when ch.unit is 'pp'
  // A change between two percentages is measured in points; a figure stated in % is its relative change ("from 14% to 8%, a 43% drop").
  if (ch.unit === 'pp' && s.unit === '%') {
    const ends = [...ch.text.matchAll(/([-+−]?)(\d+(?:\.\d+)?)\s*%/g)].map((m) => Number(m[2]) * (m[1] === '-' || m[1] === '−' ? -1 : 1));
    if (ends.length === 2 && ends[0] > 0) rel = (Math.abs(ends[1] - ends[0]) / ends[0]) * 100;
    else fail(`stated % of a change in points needs two percentages, the first positive, at ${s.file}:${s.line}`);
  } else if ((ch.unit === 'pp') !== (s.unit === 'pp')) fail(`unit mismatch at ${s.file}:${s.line}: change in ${ch.unit}, stated ${s.text} in ${s.unit}`);
  let statedPct;
  if (s.unit === '%' || s.unit === 'pp') statedPct = s.value;
  else if (ch.direction === 'increase') statedPct = (s.value - 1) * 100;
  else statedPct = (1 - 1 / s.value) * 100;
  const wrong = Math.abs(statedPct - rel) > 2;
  const flagged = arithLines.has(`${s.file}:${s.line}`);
  if (wrong !== flagged) fail(`arithmetic at ${s.file}:${s.line}: actual ${rel}%, stated ${s.text} (=${statedPct.toFixed(1)}%), flagged=${flagged}`);
  else if (print) console.log(`arith    ${s.file}:${s.line} actual ${rel}% stated ${s.text} (${statedPct.toFixed(1)}%) ${wrong ? 'WRONG' : 'ok'}`);
}

const count = (r) => labels.findings.filter((d) => d.rule === r).length;
console.log(
  `${files.length} files, ${labels.claims.length} claims, ${labels.nonClaims.length} non-claims, findings: ` +
    `metric-conflict ${count('metric-conflict')}, recycled-metric ${count('recycled-metric')}, metric-arithmetic ${count('metric-arithmetic')}`,
);
if (errors) {
  console.error(`${errors} error(s)`);
  process.exit(1);
}
