// Honest coverage: a story is ready when it tells all four parts, its Result
// has a number and its spoken length is in story-length's range; coverage
// counts tagged and ready stories apart; placeholders are not content, a
// template is not a story, and a question that tells no story is not one.

import assert from 'node:assert/strict';
import {
  analyzeFile,
  AMAZON_FRAMEWORK,
  coverageResult,
  PrincipleMatcher,
  readiness,
  resolveRules,
  defaultConfig,
  mergeConfig,
  parseConfig,
  storyList,
  Workspace,
  type Story,
} from '../../server/src/core';

const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);
const stories = (text: string): Story[] => analyzeFile('file:///t.md', text, { matcher }).stories;
const rules = resolveRules(defaultConfig());

const SITUATION =
  'Our warehouse in Leeds shipped parcels for forty small shops, and every Monday the picking queue backed up because the weekend orders arrived in one batch at six in the morning. Drivers waited at the dock for hours and the shops complained to our account managers.';
const TASK = 'As the shift lead I had to clear the Monday backlog before the first trucks left at ten, without hiring extra staff for a single morning.';
const ACTION =
  'I pulled three months of order data and saw that most weekend orders were small and went to the same six postcodes. I proposed a Sunday evening pre-pick for those postcodes, wrote the pick lists myself, and trained two volunteers from the Sunday shift. I also moved the label printer next to the packing benches so nobody walked across the floor, and I checked the first four Mondays in person. When two shops asked for later cut-off times, I set up a shared sheet so they could see the next pick window.';
const RESULT = 'The Monday backlog fell from 900 parcels to 120, trucks left on time for eleven weeks in a row, and complaints from the shops dropped by 70%.';

/** A bank story with headings for its parts; `parts` overrides any part's text (or drops it with null). */
function bankStory(title: string, principles: string, parts: Partial<Record<'Situation' | 'Task' | 'Action' | 'Result', string | null>> = {}): string {
  const text = { Situation: SITUATION, Task: TASK, Action: ACTION, Result: RESULT, ...parts };
  const body = Object.entries(text)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `### ${k}\n\n${v}\n`)
    .join('\n');
  return `## ${title}\n\nPrinciples: ${principles}\n\n${body}\n`;
}

describe('readiness', () => {
  it('a story with four told parts, a number in its Result and 1 to 3 minutes of words is ready', () => {
    const [s] = stories(bankStory('Clearing the Monday backlog', 'Ownership'));
    const r = readiness(s!, rules);
    assert.deepEqual(r, { ready: true, missing: [], unquantified: false, length: 'ok', why: [] });
  });

  it('says why a story is not ready: missing parts, no number in the Result, too short', () => {
    const [s] = stories(bankStory('Clearing the Monday backlog', 'Ownership', { Task: null, Result: 'The shops were much happier with us afterwards.' }));
    const r = readiness(s!, rules);
    assert.equal(r.ready, false);
    assert.deepEqual(r.missing, ['task']);
    assert.equal(r.unquantified, true);
    assert.deepEqual(r.why.slice(0, 2), ['no Task', 'no number in the Result']);
    const short = readiness(stories(bankStory('Short', 'Ownership', { Situation: 'The queue was long.', Action: 'I pre-picked orders.' }))[0]!, rules);
    assert.equal(short.length, 'short');
    assert.match(short.why.join('; '), /^too short \(\d+ of at least 150 words\)$/);
    const none = readiness(
      stories(
        '## Story\n\nPrinciples: Ownership\n\n### Action\n\nI pre-picked the Monday orders on Sunday evening with two volunteers.\n\n### Result\n\nBacklog fell by 80%.\n',
      )[0]!,
      rules,
    );
    assert.deepEqual(none.missing, ['situation', 'task']);
    assert.equal(none.why[0], 'no Situation or Task');
  });

  it('follows story-length and unquantified-result as configured: their options, and no condition when turned off', () => {
    const [s] = stories(bankStory('Clearing the Monday backlog', 'Ownership', { Result: 'The shops were much happier with us afterwards.' }));
    const strict = resolveRules(mergeConfig(parseConfig('rules:\n  story-length: { maxMinutes: 1 }\n').layer));
    const r = readiness(s!, strict);
    assert.equal(r.length, 'long');
    assert.deepEqual(r.why, ['no number in the Result', `too long (${s!.words} of at most 150 words)`]);
    const off = resolveRules(mergeConfig(parseConfig('rules:\n  story-length: { level: off, maxMinutes: 1 }\n  unquantified-result: off\n').layer));
    assert.deepEqual(readiness(s!, off), { ready: true, missing: [], unquantified: false, length: 'ok', why: [] });
  });
});

describe('coverage: tagged and ready apart', () => {
  function bank(): Workspace {
    const ws = new Workspace();
    ws.set(
      'file:///bank.md',
      [
        '# My stories',
        bankStory('Clearing the Monday backlog', 'Ownership, Dive Deep'),
        bankStory('Pre-picking on Sundays', 'Ownership, Frugality', { Result: RESULT.replace('120', '200').replace('70%', '55%').replace('eleven', 'nine') }),
        bankStory('A story without a Task', 'Dive Deep', { Task: null, Result: RESULT.replace('120', '300').replace('70%', '40%').replace('eleven', 'six') }),
        bankStory('A story with no number', 'Earn Trust', { Result: 'The shops were much happier with us afterwards.' }),
      ].join('\n'),
    );
    return ws;
  }

  it('counts tagged and ready stories per principle; a principle meets the target with ready stories only', () => {
    const ws = bank();
    const cov = new Map(ws.coverage().map((c) => [c.principle, c]));
    const row = (p: string) => [cov.get(p)!.stories.length, cov.get(p)!.ready, cov.get(p)!.state];
    assert.deepEqual(row('Ownership'), [2, 2, 'met']);
    assert.deepEqual(row('Dive Deep'), [2, 1, 'below']);
    assert.deepEqual(row('Frugality'), [1, 1, 'below']);
    assert.deepEqual(row('Earn Trust'), [1, 0, 'below']);
    assert.deepEqual(row('Think Big'), [0, 0, 'none']);
    const r = coverageResult(ws.coverage(), 'Amazon', 2, (uri) => ws.diagnosticsFor(uri));
    assert.deepEqual([r.covered, r.ready, r.met, r.total], [4, 3, 1, 16]);
    const dive = r.principles.find((p) => p.principle === 'Dive Deep')!;
    assert.deepEqual(
      dive.stories.map((s) => [s.title, s.ready, s.missing, s.why]),
      [
        ['Clearing the Monday backlog', true, [], []],
        ['A story without a Task', false, ['task'], ['no Task']],
      ],
    );
    // the findings inside each story, as the Problems panel counts them
    // (the three stories' complaint figures conflict: one metric-conflict finding in each; and they tell
    // one event, the same Situation, Task and Action: one same-event finding in each)
    assert.deepEqual(
      dive.stories.map((s) => s.findings),
      [2, 3],
    );
    // the two Dive Deep stories are one event told twice
    assert.equal(dive.events, 1);
  });

  it('every principle is listed, with none when the workspace has no story', () => {
    const ws = new Workspace();
    ws.set('file:///notes.md', '# Notes\n\nRead the job description twice.\n');
    const r = coverageResult(ws.coverage(), 'Amazon', 2);
    assert.equal(r.principles.length, 16);
    assert.ok(r.principles.every((p) => p.state === 'none' && p.count === 0 && p.ready === 0));
    assert.deepEqual([r.covered, r.ready, r.met], [0, 0, 0]);
  });

  it('the story list says which stories are ready and why the others are not', () => {
    const ws = bank();
    const list = storyList(ws.files(), (uri) => ws.diagnosticsFor(uri), ws.getRules());
    const by = new Map(list.map((s) => [s.title, s]));
    assert.equal(by.get('Clearing the Monday backlog')!.ready, true);
    assert.deepEqual(by.get('A story with no number')!.why, ['no number in the Result']);
  });
});

describe('placeholders and templates', () => {
  it('bracketed text and prompts to the writer are placeholders: no words, no content', () => {
    const [s] = stories(
      bankStory('Clearing the Monday backlog', 'Ownership', {
        Situation: '[Describe the situation: the team, the stakes, what was going wrong, and why it mattered to the business]',
        Task: 'What you had to achieve, and by when.',
      }),
    );
    const parts = new Map(s!.parts.map((p) => [p.names[0], p]));
    assert.equal(parts.get('situation')!.words, 0);
    assert.equal(parts.get('situation')!.placeholderOnly, true);
    assert.equal(parts.get('task')!.words, 0);
    assert.equal(s!.words, parts.get('action')!.words + parts.get('result')!.words);
    const r = readiness(s!, rules);
    assert.deepEqual(r.missing, ['situation', 'task']);
    // empty-section says so, as a placeholder
    const ws = new Workspace();
    ws.set('file:///p.md', bankStory('Clearing the Monday backlog', 'Ownership', { Situation: '<what was the situation?>' }));
    const empty = ws.diagnosticsFor('file:///p.md').filter((d) => d.rule === 'empty-section');
    assert.equal(empty.length, 1);
    assert.match(empty[0]!.message, /placeholder/);
  });

  it('a story whose parts are all placeholders is a template: not a story, not counted', () => {
    for (const text of [
      '## My story\n\nPrinciples: Ownership\n\n**Situation:** <what was the situation?>\n**Task:** [Describe the task]\n**Action:** TODO\n**Result:** ...\n',
      bankStory('Story title', 'Customer Obsession', {
        Situation: '[Where and when, and what was at stake]',
        Task: '[What you had to achieve]',
        Action: '[What you did, in the first person]',
        Result: '[What changed, with numbers]',
      }),
    ]) {
      const ws = new Workspace();
      ws.set('file:///tpl.md', text);
      assert.equal(ws.get('file:///tpl.md')!.stories.length, 0, text);
      assert.deepEqual(ws.diagnosticsFor('file:///tpl.md'), []);
      assert.ok(ws.coverage().every((c) => c.stories.length === 0));
    }
  });

  it("a placeholder principle (the snippet's first choice, left by Esc) names no principle and is no misspelt one", () => {
    for (const line of ['Principles: [Principle]', 'Principles: <Principle>', 'LP: TBD']) {
      const [s] = stories(bankStory('Clearing the Monday backlog', 'X').replace('Principles: X', line));
      assert.deepEqual(s!.principles, [], line);
      assert.deepEqual(s!.unknownPrinciples, [], line);
    }
    const fm = stories(
      `---\ntitle: Clearing the Monday backlog\nprinciples:\n  - <Principle>\n---\n\n${bankStory('x', 'x').split('\n').slice(4).join('\n')}`,
    )[0]!;
    assert.deepEqual([fm.principles, fm.unknownPrinciples], [[], []]);
  });
});

describe('questions that tell no story', () => {
  it('"Why Amazon?", "Tell me about yourself" and "Why do you want this job" answered in prose are not stories', () => {
    const text = [
      '# Interview prep',
      '',
      '## Customer Obsession: Why Amazon?',
      '',
      'I admire how the company starts from the customer and works backwards. I have used its services for years and I want to build systems at that scale with people who care about the details.',
      '',
      '## Tell me about yourself',
      '',
      'I am a backend engineer with six years in payments and logistics. I like small teams, clear ownership and measurable goals, and I am looking for a role with more scope.',
      '',
      '## Ownership — Why do you want this job?',
      '',
      'The role combines the two things I enjoy most: owning a service end to end and working closely with operations. I would bring my experience with queues and on-call.',
      '',
      bankStory('Ownership: Clearing the Monday backlog', 'Ownership'),
    ].join('\n');
    const found = stories(text);
    assert.deepEqual(
      found.map((s) => s.title),
      ['Ownership: Clearing the Monday backlog'],
    );
  });
});
