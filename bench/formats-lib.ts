// Scoring the reader against a labelled set of markdown files and of prose
// sentences (see formats-score.ts, which prints it, and the unit test that
// holds the tuned-on fixtures to it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AMAZON_FRAMEWORK, PrincipleMatcher, Workspace } from '../server/src/core';
import { clauses, decode, sentences } from '../server/src/core/read/prose';

const PARTS = ['situation', 'task', 'action', 'result', 'learning'] as const;
const LETTER: Record<string, string> = { S: 'situation', T: 'task', A: 'action', R: 'result', L: 'learning', O: 'other' };
const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);
const root = path.resolve(__dirname, '..');

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

export function scoreFiles(dir: string) {
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

export function scoreSentences(dir: string) {
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
