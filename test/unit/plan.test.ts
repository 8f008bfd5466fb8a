// The loop plan (core/plan.ts): a story and a backup per interviewer and
// principle, no event told twice, ready stories and first-named principles
// preferred, exact and deterministic.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AMAZON_FRAMEWORK,
  defaultLoop,
  mergeConfig,
  parseConfig,
  planLoop,
  readiness,
  resolveRules,
  Workspace,
  type LoopPlan,
  type PlanOptions,
} from '../../server/src/core';

interface Spec {
  title: string;
  principles: string;
  event?: string;
  org: string;
  problem: string;
  goal: string;
  acts: string;
  result: string;
}

const story = (s: Spec) =>
  [
    `## ${s.title}`,
    '',
    `Principles: ${s.principles}`,
    ...(s.event ? [`Event: ${s.event}`] : []),
    '',
    `**Situation:** At ${s.org} ${s.problem}.`,
    '',
    `**Task:** I wanted to ${s.goal}.`,
    '',
    `**Action:** I ${s.acts}.`,
    '',
    `**Result:** ${s.result}.`,
    '',
  ].join('\n');

const SPECS: Spec[] = [
  {
    title: 'Adopting the orphaned payroll export',
    principles: 'Ownership',
    org: 'Larchmont Foods',
    problem: 'the payroll export ran from a spreadsheet macro nobody owned',
    goal: 'make payroll dependable',
    acts: 'rebuilt the export as a Python job with row validation',
    result: 'Payroll corrections fell by 90%, from 40 a month to 3',
  },
  {
    title: 'Tracing the duplicated ferry tickets',
    principles: 'Dive Deep, Ownership',
    org: 'Saltmarsh Ferries',
    problem: 'passengers were charged twice for some crossings',
    goal: 'find why tickets doubled',
    acts: 'replayed the booking logs and found a retry without an idempotency key',
    result: 'Double charges dropped by 98%',
  },
  {
    title: 'Reusing retired laptops for trainees',
    principles: 'Frugality',
    org: 'Harrowgate Energy',
    problem: 'field engineers trained on shared desktops',
    goal: 'give every trainee a machine without buying any',
    acts: 'collected laptops the finance office retired and installed the simulator',
    result: 'All 12 trainees had a laptop, for £0',
  },
  {
    title: 'Renting oven time instead of buying ovens',
    principles: 'Frugality',
    org: 'Copperbeech Bakery',
    problem: 'the holiday orders outgrew our two ovens',
    goal: 'bake the extra loaves without new equipment',
    acts: 'rented night shifts at a neighbouring pizzeria and moved proving earlier',
    result: 'We baked 3,000 extra loaves and saved £18,000',
  },
  {
    title: 'Finding the cold-start cause in the timetable app',
    principles: 'Dive Deep',
    org: 'Brightwater School',
    problem: 'the timetable app took ages to open each morning',
    goal: 'find what slowed the first screen',
    acts: 'profiled the startup and moved the font download off the main thread',
    result: 'Start-up time fell from 9 seconds to 2',
  },
  {
    title: 'Reading the sensor drift in the cold store',
    principles: 'Dive Deep',
    org: 'Northgate Dairy',
    problem: 'cheese batches spoiled although the cold store read four degrees',
    goal: 'learn why the readings lied',
    acts: 'logged a second thermometer beside each sensor and compared a week of readings',
    result: 'Spoiled batches fell by 75% after recalibration',
  },
];

const LOOP: PlanOptions = {
  loop: {
    interviewers: [
      { name: 'Hiring manager', principles: ['Ownership', 'Frugality'] },
      { name: 'Peer', principles: ['Dive Deep'] },
    ],
  },
  events: { threshold: 0.3 },
  // any length is ready here: the plan's tests are about parts, numbers and events
  rules: resolveRules(mergeConfig(parseConfig('rules:\n  story-length: { minMinutes: 0, maxMinutes: 10 }\n').layer)),
};

function bank(specs: Spec[]): Workspace {
  const ws = new Workspace();
  ws.set('file:///bank.md', `# Stories\n\n${specs.map(story).join('\n')}`);
  return ws;
}

const told = (plan: LoopPlan) =>
  plan.interviewers.flatMap((iv) => iv.slots.flatMap((s) => [s.story, s.backup])).filter((s): s is NonNullable<typeof s> => s !== null);

describe('the loop plan (core/plan.ts)', () => {
  it('fills every slot with a story and a backup when the bank allows, each event once', () => {
    const ws = bank(SPECS);
    const plan = planLoop([ws.get('file:///bank.md')!], LOOP);
    assert.deepEqual(plan.unfilled, []);
    for (const iv of plan.interviewers) for (const s of iv.slots) assert.ok(s.story && s.backup, `${iv.name}, ${s.principle}`);
    const events = told(plan).map((s) => s.event);
    assert.equal(new Set(events).size, events.length);
    assert.equal(events.length, 6);
  });

  it('prefers a story for the principle it names first', () => {
    const plan = planLoop([bank(SPECS).get('file:///bank.md')!], LOOP);
    const own = plan.interviewers[0]!.slots[0]!;
    assert.equal(own.story?.title, 'Adopting the orphaned payroll export');
    assert.equal(own.backup?.title, 'Tracing the duplicated ferry tickets');
  });

  it('prefers a ready story to one with an unquantified Result', () => {
    const specs = SPECS.map((s) => (s.title.startsWith('Adopting') ? { ...s, result: 'Payroll became dependable' } : s));
    const ws = bank(specs);
    const facts = ws.get('file:///bank.md')!;
    assert.deepEqual(readiness(facts.stories[0]!, LOOP.rules).why, ['no number in the Result']);
    const plan = planLoop([facts], { ...LOOP, loop: { interviewers: [{ name: 'Hiring manager', principles: ['Ownership'] }] } });
    assert.equal(plan.interviewers[0]!.slots[0]!.story?.title, 'Tracing the duplicated ferry tickets');
    assert.equal(plan.interviewers[0]!.slots[0]!.story?.ready, true);
  });

  it('names the slot it cannot fill, and the story that blocks it, when two principles have one event between them', () => {
    const specs: Spec[] = [
      { ...SPECS[0]!, principles: 'Ownership', event: 'payroll' },
      { ...SPECS[0]!, title: 'Winning over the payroll team', principles: 'Earn Trust', event: 'payroll' },
    ];
    const plan = planLoop([bank(specs).get('file:///bank.md')!], {
      ...LOOP,
      loop: {
        interviewers: [
          { name: 'Hiring manager', principles: ['Ownership'] },
          { name: 'Bar Raiser', principles: ['Earn Trust'] },
        ],
      },
    });
    const filled = plan.interviewers.flatMap((iv) => iv.slots).filter((s) => s.story);
    assert.equal(filled.length, 1);
    const missing = plan.unfilled.filter((u) => u.slot === 'story');
    assert.equal(missing.length, 1);
    assert.match(missing[0]!.reason, /already tells/);
    assert.equal(missing[0]!.blocked.length, 1);
  });

  it('says a principle has no story at all', () => {
    const plan = planLoop([bank(SPECS).get('file:///bank.md')!], {
      ...LOOP,
      loop: { interviewers: [{ name: 'Bar Raiser', principles: ['Think Big'] }] },
    });
    assert.equal(plan.unfilled.length, 1);
    assert.match(plan.unfilled[0]!.reason, /No story is tagged Think Big/);
  });

  it('gives the same plan for the same input, whatever order the files come in', () => {
    const a = new Workspace();
    const b = new Workspace();
    for (const [i, s] of SPECS.entries()) a.set(`file:///s${i}.md`, story(s));
    for (const [i, s] of [...SPECS].reverse().entries()) b.set(`file:///s${SPECS.length - 1 - i}.md`, story(s));
    const pa = planLoop(
      SPECS.map((_, i) => a.get(`file:///s${i}.md`)!),
      LOOP,
    );
    const pb = planLoop(SPECS.map((_, i) => b.get(`file:///s${i}.md`)!).reverse(), LOOP);
    assert.deepEqual(pa, pb);
    assert.deepEqual(
      pa,
      planLoop(
        SPECS.map((_, i) => a.get(`file:///s${i}.md`)!),
        LOOP,
      ),
    );
  });

  it('reads the loop from .starstories.yaml and reports names that match no principle', () => {
    const { config, problems } = parseConfig(
      'loop:\n  interviewers:\n    - name: Hiring manager\n      principles: [ownership, Highest Standards, Teamwork]\n',
    );
    assert.deepEqual(problems, []);
    const ws = new Workspace(config);
    ws.set('file:///bank.md', `# Stories\n\n${SPECS.map(story).join('\n')}`);
    const plan = ws.plan();
    assert.deepEqual(
      plan.interviewers[0]!.slots.map((s) => s.principle),
      ['Ownership', 'Insist on the Highest Standards'],
    );
    assert.deepEqual(plan.unknownPrinciples, ['Teamwork']);
    assert.ok(parseConfig('loop:\n  interviewers: []\n').problems.length > 0, 'an empty loop is refused');
  });

  it('deals the default loop to four interviewers and a Bar Raiser, every principle once', () => {
    const loop = defaultLoop(AMAZON_FRAMEWORK);
    assert.equal(loop.interviewers.length, 5);
    assert.equal(loop.interviewers[4]!.name, 'Bar Raiser');
    assert.deepEqual(
      loop.interviewers.flatMap((iv) => iv.principles),
      AMAZON_FRAMEWORK.principles.map((p) => p.name),
    );
  });

  const seed = path.resolve(__dirname, '../../../shared/corpus/seed-story-bank.md');
  (fs.existsSync(seed) ? it : it.skip)('plans a five-interviewer loop on the seed bank telling no event twice, and names the slots it cannot fill', () => {
    const ws = new Workspace();
    ws.set(seed, fs.readFileSync(seed, 'utf8'));
    const plan = ws.plan();
    assert.equal(plan.interviewers.length, 5);
    const events = told(plan).map((s) => s.event);
    assert.equal(new Set(events).size, events.length, 'an event told twice');
    // 11 distinct events among 18 stories: 11 of the 16 principles get a story
    assert.equal(told(plan).length, plan.events);
    const missing = plan.unfilled.filter((u) => u.slot === 'story');
    assert.equal(missing.length, 16 - plan.interviewers.flatMap((iv) => iv.slots).filter((s) => s.story).length);
    assert.ok(missing.length > 0);
    assert.deepEqual(ws.plan(), plan);
  });
});
