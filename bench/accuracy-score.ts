// Precision and recall of claim extraction and of the metric rules on the
// labelled set in bench/accuracy (written by us; see its README).
// Run: npm run accuracy   (test/unit/accuracy.test.ts holds the thresholds)

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace, type Claim } from '../server/src/core';
import { normalizeSubject, sameSubject } from '../server/src/core/subjects';

interface LabelClaim {
  file: string;
  line: number;
  text: string;
  kind: string;
  value: number;
  unit: string;
  subject: string;
  direction: string | null;
}
interface LabelFinding {
  rule: string;
  file: string;
  line: number;
}
interface Labels {
  claims: LabelClaim[];
  findings: LabelFinding[];
  nonClaims?: { file: string; line: number; text: string }[];
}

export interface Score {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  extras: string[];
}

function score(tp: number, fp: number, fn: number, misses: string[], extras: string[]): Score {
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, tp, fp, fn, misses, extras };
}

function mdFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? mdFiles(p) : e.name.endsWith('.md') && e.name !== 'README.md' ? [p] : [];
  });
}

const unitClass = (kind: string, unit: string) =>
  unit === 'pp'
    ? 'pp'
    : kind === 'percent' || kind === 'change'
      ? '%'
      : kind === 'multiple'
        ? 'x'
        : kind === 'count'
          ? 'count'
          : `${kind}:${unit.toLowerCase()}`;

function valueMatch(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.6, 0.02 * Math.max(Math.abs(a), Math.abs(b)));
}

export function evaluate(dir: string) {
  const labels = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Labels;
  const ws = new Workspace();
  const files = mdFiles(dir);
  for (const f of files) ws.set(f, fs.readFileSync(f, 'utf8'));
  const rel = (f: string) => path.relative(dir, f).split(path.sep).join('/');

  // extraction: (file, line, value, unit class) must agree
  const predicted: { file: string; line: number; claim: Claim }[] = [];
  for (const facts of ws.files())
    for (const s of facts.stories)
      for (const c of s.claims) {
        predicted.push({ file: rel(facts.uri), line: c.range.start.line + 1, claim: c });
        // the labels count a figure stated with a change ("…, a 77% cut") as a claim of its own
        if (c.stated)
          predicted.push({
            file: rel(facts.uri),
            line: c.stated.range.start.line + 1,
            claim: { ...c, kind: c.stated.unit === 'x' ? 'multiple' : 'percent', value: c.stated.value, unit: c.stated.unit, text: 'stated figure' },
          });
      }
  const left = [...predicted];
  let tp = 0;
  let subjectsRight = 0;
  let subjectsAsked = 0;
  const misses: string[] = [];
  for (const l of labels.claims) {
    const i = left.findIndex(
      (p) =>
        p.file === l.file && p.line === l.line && unitClass(p.claim.kind, p.claim.unit) === unitClass(l.kind, l.unit) && valueMatch(p.claim.value, l.value),
    );
    if (i === -1) {
      misses.push(`${l.file}:${l.line} ${l.text} (${l.kind} ${l.value} ${l.unit})`);
      continue;
    }
    tp++;
    const p = left.splice(i, 1)[0]!;
    const want = l.subject ? normalizeSubject(l.subject) : undefined;
    if (want) {
      subjectsAsked++;
      if (p.claim.norm && sameSubject(p.claim.norm, want) && p.claim.norm.mods.length === want.mods.length) subjectsRight++;
    }
  }
  const extraction = score(
    tp,
    left.length,
    misses.length,
    misses,
    left.map((p) => `${p.file}:${p.line} ${p.claim.text} (${p.claim.kind} ${p.claim.value} ${p.claim.unit})`),
  );

  // rules: (rule, file, line)
  const diags = ws.diagnostics();
  const rules: Record<string, Score> = {};
  for (const rule of ['metric-conflict', 'recycled-metric', 'metric-arithmetic']) {
    const got: { file: string; line: number }[] = [];
    for (const [uri, ds] of diags) for (const d of ds) if (d.rule === rule) got.push({ file: rel(uri), line: d.range.start.line + 1 });
    const want = labels.findings.filter((f) => f.rule === rule);
    const rest = [...got];
    const m: string[] = [];
    let hit = 0;
    for (const w of want) {
      const i = rest.findIndex((g) => g.file === w.file && g.line === w.line);
      if (i === -1) m.push(`${w.file}:${w.line}`);
      else {
        hit++;
        rest.splice(i, 1);
      }
    }
    rules[rule] = score(
      hit,
      rest.length,
      m.length,
      m,
      rest.map((g) => `${g.file}:${g.line}`),
    );
  }
  return { files: files.length, labelledClaims: labels.claims.length, extraction, subjects: { right: subjectsRight, asked: subjectsAsked }, rules };
}

if (require.main === module) {
  // npm run accuracy                       both sets: the development set and the held-out set
  // npm run accuracy -- bench/accuracy-holdout --verbose
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const dirs = arg ? [path.resolve(arg)] : [path.resolve(__dirname, 'accuracy'), path.resolve(__dirname, 'accuracy-holdout')].filter((d) => fs.existsSync(d));
  const row = (name: string, s: Score) =>
    `${name.padEnd(20)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}   (${s.tp} right, ${s.fp} wrong, ${s.fn} missed)`;
  for (const dir of dirs) {
    const r = evaluate(dir);
    console.log(`\n${path.relative(process.cwd(), dir)}: ${r.files} files, ${r.labelledClaims} labelled claims`);
    console.log(row('extraction', r.extraction));
    console.log(`${'subjects'.padEnd(20)} ${r.subjects.right}/${r.subjects.asked} matched claims have exactly the labelled subject`);
    for (const [k, s] of Object.entries(r.rules)) console.log(row(k, s));
    if (process.argv.includes('--verbose')) {
      console.log(`\nmissed claims:\n  ${r.extraction.misses.join('\n  ')}`);
      console.log(`\nwrong claims:\n  ${r.extraction.extras.join('\n  ')}`);
      for (const [k, s] of Object.entries(r.rules)) console.log(`\n${k}: missed ${s.misses.join(', ')}; wrong ${s.extras.join(', ')}`);
    }
  }
}
