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
// bench/formats-holdout-2 and -3 (measured once, then tuned on: list
// items, bank tables, callouts, <details>, hashtags, reports, sentence
// cues) and bench/formats-holdout-4 (held out: its figures are printed, its
// disagreements are not).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AMAZON_FRAMEWORK, PrincipleMatcher, Workspace } from '../server/src/core';
import { clauses, decode, sentences } from '../server/src/core/read/prose';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const print = args.includes('--print');
const sets = args.filter((a) => !a.startsWith('--'));
const SETS = sets.length
  ? sets
  : ['test/fixtures/formats', 'bench/formats-holdout-2', 'bench/formats-holdout-3', 'bench/formats-holdout', 'bench/formats-holdout-4'];
const HELD_OUT = 'bench/formats-holdout';
/** Held out too, not budgeted (yet): figures only. */
const HELD_OUT_LATER = ['bench/formats-holdout-4'];
const BUDGET = { precision: 0.97, recall: 0.95, parts: 0.92, sentences: 0.85 };
const PARTS = ['situation', 'task', 'action', 'result', 'learning'] as const;
const LETTER: Record<string, string> = { S: 'situation', T: 'task', A: 'action', R: 'result', L: 'learning', O: 'other' };
const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);

interface LabelStory {
  line: number;
  title?: string;
  principles: string[];
  parts: Record<(typeof PARTS)[number], 'marked' | 'inferred' | 'absent'>;
}
interface Labels {
  files: Record<string, { form?: string; stories: LabelStory[] }>;
}

const canon = (names: string[]) => new Set(names.flatMap((n) => matcher.scan(n).matches.map((m) => m.name)));

function scoreFiles(dir: string) {
  const labels = JSON.parse(fs.readFileSync(path.join(root, dir, 'labels.json'), 'utf8')) as Labels;
  let predicted = 0;
  let labelled = 0;
  let matched = 0;
  let partsAgree = 0;
  let partsTotal = 0;
  let tagTp = 0;
  let tagPred = 0;
  let tagGold = 0;
  let findings = 0;
  let nonStoryFiles = 0;
  let nonStoryFindings = 0;
  const misses: string[] = [];
  for (const [file, want] of Object.entries(labels.files)) {
    const abs = path.join(root, dir, file);
    if (!fs.existsSync(abs)) {
      misses.push(`${file}: labelled but missing`);
      continue;
    }
    const ws = new Workspace();
    const uri = `file://${abs}`;
    ws.set(uri, fs.readFileSync(abs, 'utf8'));
    const got = ws.get(uri)!.stories;
    const diags = ws.diagnosticsFor(uri);
    findings += diags.length;
    predicted += got.length;
    labelled += want.stories.length;
    if (!want.stories.length) {
      nonStoryFiles++;
      nonStoryFindings += diags.length;
      if (diags.length || got.length)
        misses.push(`${file}: no story, but ${got.length} stories and ${diags.length} findings (${[...new Set(diags.map((d) => d.rule))].join(', ')})`);
    }
    const used = new Set<number>();
    for (const w of want.stories) {
      let best = -1;
      let bestD = 3;
      got.forEach((g, i) => {
        const d = Math.abs(g.range.start.line + 1 - w.line);
        if (!used.has(i) && d < bestD) {
          best = i;
          bestD = d;
        }
      });
      if (best < 0) {
        misses.push(`${file}:${w.line}: story not found (${w.title ?? ''})`);
        continue;
      }
      used.add(best);
      matched++;
      const g = got[best]!;
      const present = new Set(g.parts.flatMap((p) => p.names));
      for (const p of PARTS) {
        partsTotal++;
        const gold = (w.parts[p] ?? 'absent') !== 'absent';
        if (gold === present.has(p)) partsAgree++;
        else misses.push(`${file}:${w.line}: ${p} ${gold ? `is ${w.parts[p]}, not found` : 'found, but absent'}`);
      }
      const gp = canon(w.principles);
      const pp = new Set(g.principles.map((x) => x.name));
      tagGold += gp.size;
      tagPred += pp.size;
      for (const x of pp) if (gp.has(x)) tagTp++;
      if ([...gp].sort().join() !== [...pp].sort().join())
        misses.push(`${file}:${w.line}: principles [${[...pp].join(', ')}], expected [${[...gp].join(', ')}]`);
    }
    got.forEach((g, i) => {
      if (!used.has(i) && want.stories.length) misses.push(`${file}:${g.range.start.line + 1}: not a story, but read as "${g.title}"`);
    });
  }
  return {
    precision: predicted ? matched / predicted : 1,
    recall: labelled ? matched / labelled : 1,
    parts: partsTotal ? partsAgree / partsTotal : 1,
    tagPrecision: tagPred ? tagTp / tagPred : 1,
    tagRecall: tagGold ? tagTp / tagGold : 1,
    findingsPerStory: predicted ? findings / predicted : 0,
    nonStoryFiles,
    nonStoryFindings,
    files: Object.keys(labels.files).length,
    stories: labelled,
    misses,
  };
}

function scoreSentences(dir: string) {
  const file = path.join(root, dir, 'sentences.json');
  if (!fs.existsSync(file)) return undefined;
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { stories: { id: string; sentences: { text: string; label: string }[] }[] };
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  for (const story of data.stories) {
    let text = '';
    const spans: { start: number; end: number; label: string; text: string }[] = [];
    for (const s of story.sentences) {
      if (text) text += ' ';
      spans.push({ start: text.length, end: text.length + s.text.length, label: LETTER[s.label] ?? s.label, text: s.text });
      text += s.text;
    }
    const units = decode(sentences(text).flatMap(clauses), ['situation', 'task', 'action', 'result', 'learning']);
    for (const s of spans) {
      if (s.label === 'other') continue;
      total++;
      const u = units.find((x) => x.start <= s.start + 1 && x.end > s.start) ?? units.find((x) => x.end > s.start);
      if (u?.part === s.label) right++;
      else misses.push(`${story.id}: ${s.label} read as ${u?.part ?? 'nothing'}: ${s.text.slice(0, 90)}`);
    }
  }
  return { accuracy: total ? right / total : 1, sentences: total, misses };
}

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
