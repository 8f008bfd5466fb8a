// `star-stories plan` as a process: the JSON shape of the issue (lines
// 1-based), a loop from .starstories.yaml, no event told twice, the same plan
// every run, and text and markdown a candidate can read.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, run, runJson, show, workspace } from './helpers';

const SEED = path.resolve(ROOT, '../shared/corpus/seed-story-bank.md');

function story(title: string, principles: string, body: string, event?: string): string {
  return `---\ntitle: ${title}\nprinciples: [${principles}]\n${event ? `event: ${event}\n` : ''}---\n\n${body}\n`;
}

const FILES = {
  'payroll.md': story(
    'Adopting the payroll export',
    'Ownership',
    '**Situation:** At Larchmont Foods the payroll export ran from a macro nobody owned.\n\n**Task:** I wanted payroll to be dependable.\n\n**Action:** I rebuilt the export as a Python job with row validation.\n\n**Result:** Payroll corrections fell by 90%.',
  ),
  'ferry.md': story(
    'Tracing duplicated ferry tickets',
    'Dive Deep, Ownership',
    '**Situation:** Saltmarsh Ferries charged some passengers twice.\n\n**Task:** I had to find why.\n\n**Action:** I replayed the booking logs and found a retry without an idempotency key.\n\n**Result:** Double charges fell by 98%.',
  ),
  'ovens.md': story(
    'Renting oven time',
    'Frugality',
    '**Situation:** Holiday orders at Copperbeech Bakery outgrew our ovens.\n\n**Task:** I had to bake more without new ovens.\n\n**Action:** I rented night shifts at a neighbouring pizzeria.\n\n**Result:** We saved £18,000.',
  ),
  '.starstories.yaml':
    'loop:\n  interviewers:\n    - name: Hiring manager\n      principles: [Ownership, Frugality]\n    - name: Bar Raiser\n      principles: [Dive Deep, Think Big]\n',
};

interface PlanJson {
  interviewers: { name: string; slots: { principle: string; story: { file: string; line: number; title: string } | null; backup: unknown }[] }[];
  unfilled: { interviewer: string; principle: string; slot: string; reason: string }[];
}

describe('plan', () => {
  it('--format json gives each interviewer a story per principle, with file, 1-based line and title', () => {
    const dir = workspace(FILES);
    const r = runJson<PlanJson>(dir, ['plan', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.deepEqual(Object.keys(r.json).sort(), ['interviewers', 'unfilled']);
    assert.deepEqual(
      r.json.interviewers.map((iv) => [iv.name, iv.slots.map((s) => s.principle)]),
      [
        ['Hiring manager', ['Ownership', 'Frugality']],
        ['Bar Raiser', ['Dive Deep', 'Think Big']],
      ],
    );
    const own = r.json.interviewers[0]!.slots[0]!;
    assert.deepEqual(own.story, { file: 'payroll.md', line: 1, title: 'Adopting the payroll export' });
    assert.equal(r.json.interviewers[1]!.slots[0]!.story?.file, 'ferry.md');
    assert.equal(r.json.interviewers[1]!.slots[1]!.story, null);
    assert.ok(r.json.unfilled.some((u) => u.principle === 'Think Big' && u.slot === 'story' && /No story is tagged Think Big/.test(u.reason)));
  });

  it('tells no event twice: two stories with one event key fill one slot only', () => {
    const dir = workspace({
      ...FILES,
      'payroll.md': FILES['payroll.md'].replace('principles: [Ownership]', 'principles: [Ownership]\nevent: tickets'),
      'ferry.md': FILES['ferry.md'].replace('principles: [Dive Deep, Ownership]', 'principles: [Dive Deep]\nevent: tickets'),
    });
    const r = runJson<PlanJson>(dir, ['plan', '--format', 'json']);
    const filled = r.json.interviewers.flatMap((iv) => iv.slots).filter((s) => s.story);
    assert.equal(filled.filter((s) => s.principle === 'Ownership' || s.principle === 'Dive Deep').length, 1, show(r));
  });

  it('plans the seed bank for the default five-interviewer loop the same way every run, each event once', () => {
    const dir = workspace({ 'seed.md': fs.readFileSync(SEED, 'utf8') });
    const a = runJson<PlanJson>(dir, ['plan', '--format', 'json']);
    const b = runJson<PlanJson>(dir, ['plan', '--format', 'json']);
    assert.equal(a.status, 0, show(a));
    assert.equal(a.json.interviewers.length, 5);
    assert.equal(a.json.interviewers[4]!.name, 'Bar Raiser');
    assert.deepEqual(a.json, b.json);
    const lines = a.json.interviewers.flatMap((iv) => iv.slots.map((s) => s.story?.line)).filter((l) => l !== undefined);
    assert.equal(new Set(lines).size, lines.length);
    assert.ok(a.json.unfilled.some((u) => u.slot === 'story'));
  });

  it('prints text and markdown a candidate can read', () => {
    const dir = workspace(FILES);
    const t = run(dir, ['plan']);
    assert.equal(t.status, 0, show(t));
    assert.match(t.stdout, /^Hiring manager$/m);
    assert.match(t.stdout, /Ownership +"Adopting the payroll export" \(payroll\.md:1\)/);
    assert.match(t.stdout, /Think Big +✗ no story/);
    assert.match(t.stdout, /slots have a story/);
    const m = run(dir, ['plan', '--format', 'markdown']);
    assert.match(m.stdout, /^## Bar Raiser$/m);
    assert.match(m.stdout, /^\| Ownership \| \[Adopting the payroll export\]\(payroll\.md#L1\)/m);
    assert.match(m.stdout, /^## Not filled$/m);
  });

  it('warns about a loop principle that names none of the framework', () => {
    const dir = workspace({ ...FILES, '.starstories.yaml': 'loop:\n  interviewers:\n    - name: Peer\n      principles: [Dive Deep, Teamwork]\n' });
    const r = run(dir, ['plan']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stderr, /"Teamwork" names no principle/);
    const bad = run(dir, ['plan', '--format', 'sarif']);
    assert.equal(bad.status, 2);
  });
});

describe('questions', () => {
  it('--format json lists the framework questions and a question list, each with its best stories', () => {
    const dir = workspace({
      ...FILES,
      'questions.md': '# My questions\n\n## Frugality\n\n- How did you deliver when a budget was cut?\n- Tell me about a time you rented instead of buying.\n',
    });
    const r = runJson<{
      questions: { principle: string | null; question: string; file?: string; line?: number; stories: { file: string; line: number; title: string }[] }[];
    }>(dir, ['questions', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.ok(r.json.questions.length >= 16 * 4 + 2);
    const own = r.json.questions.filter((q) => q.principle === 'Ownership');
    assert.ok(own.length >= 4);
    const best = own[0]!.stories[0]!;
    assert.deepEqual([best.file, best.line, best.title], ['payroll.md', 1, 'Adopting the payroll export']);
    const mine = r.json.questions.filter((q) => q.file === 'questions.md');
    assert.deepEqual(
      mine.map((q) => [q.principle, q.line, q.stories[0]?.title]),
      [
        ['Frugality', 5, 'Renting oven time'],
        ['Frugality', 6, 'Renting oven time'],
      ],
    );
    assert.ok(r.json.questions.some((q) => q.principle === 'Think Big' && q.stories.length === 0));
  });

  it('prints each question under its principle, and says which have no story', () => {
    const r = run(workspace(FILES), ['questions']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /^Frugality$/m);
    assert.match(r.stdout, /→ "Renting oven time" \(ovens\.md:1\)/);
    assert.match(r.stdout, /✗ no story answers it/);
    assert.match(r.stdout, /questions; \d+ with no story\./);
  });
});
