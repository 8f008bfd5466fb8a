// How well STAR Stories reads the ways people write stories (contract
// sections 2-6), on labelled sets of markdown files and of prose sentences:
// story detection precision and recall (start line within 2 lines), part
// presence agreement, principle tag precision and recall, findings per
// story, findings on files with no story, and sentence labelling accuracy.
//
//   tsx bench/formats-score.ts [--print] [set ...]
//
// Sets default to test/fixtures/formats (tuned on), bench/formats-holdout
// (written by a teammate from the contract alone; never tuned on; budgets
// hold on it: the script exits 1 when one is missed), and the later sets a
// helper wrote the same way, each held out until it was first measured:
// bench/formats-holdout-2, -3, -5 and -6 (measured once, then tuned on: list
// items, bank tables, callouts, <details>, hashtags, reports, letters,
// guides, terse notes, templates with hints, sentence cues) and
// bench/formats-holdout-4 and -7 (held out: their figures are printed,
// their disagreements are not; the brief of -4 named the near-story
// documents it holds, and the reader was since taught some of those kinds
// from our own fixtures).
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const print = args.includes('--print');
const sets = args.filter((a) => !a.startsWith('--'));
const SETS = sets.length
  ? sets
  : [
      'test/fixtures/formats',
      'bench/formats-holdout-2',
      'bench/formats-holdout-3',
      'bench/formats-holdout-5',
      'bench/formats-holdout-6',
      'bench/formats-holdout',
      'bench/formats-holdout-4',
      'bench/formats-holdout-7',
    ];
const HELD_OUT = 'bench/formats-holdout';
/** Held out too, not budgeted (yet): figures only. */
const HELD_OUT_LATER = ['bench/formats-holdout-4', 'bench/formats-holdout-7'];
const BUDGET = { precision: 0.97, recall: 0.95, parts: 0.92, sentences: 0.85 };
import { scoreFiles, scoreSentences } from './formats-lib';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
let failed = 0;
let passed = 0;
for (const dir of SETS) {
  if (!fs.existsSync(path.join(root, dir, 'labels.json'))) {
    console.log(`\n${dir}: no labels.json, skipped`);
    continue;
  }
  const f = scoreFiles(dir);
  const s = scoreSentences(dir);
  const held = dir === HELD_OUT;
  const later = HELD_OUT_LATER.includes(dir);
  console.log(
    `\n${dir} (${held ? 'held out: never tuned on' : later ? 'held out, not budgeted' : 'tuned on'}): ${f.files} files, ${f.stories} stories${s ? `, ${s.sentences} sentences` : ''}`,
  );
  const line = (name: string, v: number, budget?: number) => {
    const ok = budget === undefined || v >= budget;
    if (held && budget !== undefined) ok ? passed++ : failed++;
    console.log(
      `  ${name.padEnd(34)} ${pct(v).padStart(6)}${budget !== undefined ? `   budget ${pct(budget)}: ${ok ? 'met' : held ? 'MISSED' : 'below'}` : ''}`,
    );
  };
  line('story detection precision', f.precision, BUDGET.precision);
  line('story detection recall', f.recall, BUDGET.recall);
  line('part presence agreement', f.parts, BUDGET.parts);
  if (s) line('sentence labelling accuracy', s.accuracy, BUDGET.sentences);
  line('principle tag precision', f.tagPrecision);
  line('principle tag recall', f.tagRecall);
  console.log(`  ${'findings per story'.padEnd(34)} ${f.findingsPerStory.toFixed(2).padStart(6)}`);
  const quiet = f.nonStoryFindings === 0;
  if (held) quiet ? passed++ : failed++;
  console.log(
    `  ${'findings on files with no story'.padEnd(34)} ${String(f.nonStoryFindings).padStart(6)}   (${f.nonStoryFiles} such files; budget 0: ${quiet ? 'met' : held ? 'MISSED' : 'over'})`,
  );
  if (print || (!held && !later)) for (const m of [...f.misses, ...(s?.misses ?? [])]) console.log(`    ${m}`);
  else if (f.misses.length + (s?.misses.length ?? 0))
    console.log(`    (${f.misses.length + (s?.misses.length ?? 0)} disagreements on the held-out set; --print lists them, but tune on the other set)`);
}
console.log(failed ? `\n${failed} budget(s) missed on the held-out set` : '\nall held-out budgets met');
// the plain closing line CI reads: one check per held-out budget
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
