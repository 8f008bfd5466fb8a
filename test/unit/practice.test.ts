// Practice prompts (core/practice.ts): the follow-up questions an interviewer
// is likely to ask about a story, each citing the place it comes from. The
// fixtures are test/fixtures/practice/*.md.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AMAZON_FRAMEWORK,
  analyzeFile,
  LineIndex,
  MAX_PROMPTS,
  PrincipleMatcher,
  practicePrompts,
  seededIndex,
  type PracticePrompt,
  type Range,
  type Story,
} from '../../server/src/core';

const DIR = path.join(__dirname, '..', 'fixtures', 'practice');
const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);

function read(name: string): { text: string; stories: Story[] } {
  const text = fs.readFileSync(path.join(DIR, name), 'utf8');
  return { text, stories: analyzeFile(`file:///${name}`, text, { matcher }).stories };
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const inside = (r: Range, outer: Range) => !before(r.start, outer.start) && !before(outer.end, r.end);

/** Each prompt's quote is the text at its range, and the range lies in the part it names. */
function assertCites(story: Story, text: string, prompts: PracticePrompt[]): void {
  const lines = new LineIndex(text);
  for (const p of prompts) {
    const { part, range, quote } = p.source;
    const at = text.slice(lines.offset(range.start), lines.offset(range.end));
    assert.equal(at, quote, `${p.kind}: the quote is the text at its range`);
    assert.ok(quote.trim().length > 0, `${p.kind}: quotes something`);
    if (part === 'title') assert.ok(inside(range, story.titleRange), `${p.kind}: inside the title`);
    else if (part === 'principle')
      assert.ok(
        story.principles.some((t) => inside(range, t.range)),
        `${p.kind}: on a principle tag`,
      );
    else
      assert.ok(
        story.parts.some((x) => x.names.includes(part) && inside(range, { start: x.markerRange.start, end: x.contentRange.end })),
        `${p.kind}: "${quote}" inside the ${part}`,
      );
  }
}

const summary = (ps: PracticePrompt[]) => ps.map((p) => [p.kind, p.source.part, p.source.quote.replace(/\s+/g, ' ')]);

describe('practice prompts (core/practice.ts)', () => {
  it('asks how each Result claim was measured, in words fit for its kind, then who did the work behind "we"', () => {
    const { text, stories } = read('claims-and-we.md');
    const prompts = practicePrompts(stories[0]!, { text, framework: AMAZON_FRAMEWORK });
    assert.deepEqual(summary(prompts), [
      ['claim', 'result', 'from 2.4 seconds to 1.3 seconds'],
      ['claim', 'result', '18%'],
      ['claim', 'result', '$12,000'],
      ['ownership', 'action', 'We'],
      ['principle', 'principle', 'Customer Obsession'],
      ['principle', 'principle', 'Dive Deep'],
    ]);
    assert.match(prompts[0]!.question, /^How did you measure "from 2\.4 seconds to 1\.3 seconds", and over what period\?$/);
    assert.match(prompts[1]!.question, /How did you measure "18%", and what was the baseline\?/);
    assert.match(prompts[2]!.question, /How did you arrive at "\$12,000": what does it count, and over what period\?/);
    assert.match(prompts[3]!.question, /which part of that was yours/);
    // the principle questions are the framework's own
    const questions = AMAZON_FRAMEWORK.principles.flatMap((p) => p.questions);
    for (const p of prompts.filter((x) => x.kind === 'principle')) assert.ok(questions.includes(p.question), p.question);
    // a Learning is told: nobody asks what the candidate would do differently
    assert.ok(!prompts.some((p) => p.kind === 'missing-part'));
    assertCites(stories[0]!, text, prompts);
  });

  it('an Action that says "we" more than "I" is asked what the candidate did themself, citing the first "we"', () => {
    const text = read('claims-and-we.md').text.replace('I rewrote the cart query myself and shipped it', 'Then we rewrote the cart query and we shipped it');
    const story = analyzeFile('file:///we.md', text, { matcher }).stories[0]!;
    const own = practicePrompts(story, { text, framework: AMAZON_FRAMEWORK }).find((p) => p.kind === 'ownership')!;
    assert.equal(own.question, 'The Action says "we" 4 times and "I" never: what did you do yourself, and what did the others do?');
    assert.deepEqual(own.source.range.start, { line: 16, character: 0 });
    assert.equal(own.source.quote, 'We');
  });

  it('a story without a Task or Result is asked for them, citing its title; a told Result without a number is asked for one', () => {
    const { text, stories } = read('missing-parts.md');
    const [survey, analyst] = stories.map((s) => practicePrompts(s, { text, framework: AMAZON_FRAMEWORK }));
    assert.deepEqual(summary(survey!), [
      ['missing-part', 'title', 'Rescuing the quarterly survey'],
      ['missing-part', 'title', 'Rescuing the quarterly survey'],
      ['ownership', 'action', 'our'],
      ['missing-part', 'title', 'Rescuing the quarterly survey'],
    ]);
    assert.deepEqual(
      survey!.filter((p) => p.kind === 'missing-part').map((p) => [p.about, p.question]),
      [
        ['task', 'What exactly were you responsible for, and who was counting on you?'],
        ['result', 'What was the outcome, in numbers?'],
        ['learning', 'What would you do differently if you did it again?'],
      ],
    );
    assert.deepEqual(summary(analyst!).slice(0, 2), [
      ['no-number', 'result', 'She shipped her first report on day eight and now trains the'],
      ['claim', 'task', 'two weeks'],
    ]);
    assertCites(stories[0]!, text, survey!);
    assertCites(stories[1]!, text, analyst!);
  });

  it('a part told in a few words gets a probing question on its words; an empty part, on its label', () => {
    const { text, stories } = read('thin-parts.md');
    const prompts = practicePrompts(stories[0]!, { text, framework: AMAZON_FRAMEWORK });
    assert.deepEqual(summary(prompts), [
      ['missing-part', 'task', 'Task'],
      ['no-number', 'result', 'Fewer bugs.'],
      ['thin-part', 'action', 'I set up reviews.'],
      ['thin-part', 'result', 'Fewer bugs.'],
      ['missing-part', 'title', 'Moving the team to code review'],
      ['principle', 'principle', 'Insist on the Highest Standards'],
    ]);
    assert.equal(prompts[2]!.question, 'Walk me through what you did, step by step: which call was the hardest?');
    assert.equal(prompts[2]!.about, 'action');
    assertCites(stories[0]!, text, prompts);
  });

  it('a story told in prose, under a bold pseudo-heading, cites its inferred parts and the title without the bold', () => {
    const { text, stories } = read('prose.md');
    const prompts = practicePrompts(stories[0]!, { text, framework: AMAZON_FRAMEWORK });
    assert.ok(stories[0]!.parts.every((p) => p.inferred));
    assert.ok(prompts.some((p) => p.kind === 'ownership' && p.source.quote === 'We'));
    assert.ok(prompts.some((p) => p.source.part === 'title' && p.source.quote === 'Ownership: Fixing the nightly export nobody owned'));
    assertCites(stories[0]!, text, prompts);
  });

  it('a template is no story, so it has no prompts', () => {
    assert.deepEqual(read('template.md').stories, []);
  });

  it('is deterministic, keeps each question once and stops at the cap', () => {
    for (const name of fs.readdirSync(DIR)) {
      const { text, stories } = read(name);
      for (const s of stories) {
        const a = practicePrompts(s, { text, framework: AMAZON_FRAMEWORK });
        assert.deepEqual(practicePrompts(s, { text, framework: AMAZON_FRAMEWORK }), a);
        assert.ok(a.length <= MAX_PROMPTS);
        assert.equal(new Set(a.map((p) => p.question)).size, a.length);
        assert.ok(practicePrompts(s, { text, framework: AMAZON_FRAMEWORK, max: 2 }).length <= 2);
      }
    }
  });

  it('asks about at most three claims, Result claims first, and at most eight questions in all', () => {
    const figures = Array.from({ length: 2000 }, (_, i) => `cost fell by ${(i % 90) + 1}%`).join(', ');
    const text = `## A story with too many numbers\n\n**Situation:** We ran ${figures}.\n\n**Action:** We tried.\n\n**Result:** Latency fell by 45% and errors by 30%.\n`;
    const story = analyzeFile('file:///many.md', text, { matcher }).stories[0]!;
    const prompts = practicePrompts(story, { text, framework: AMAZON_FRAMEWORK });
    const claims = prompts.filter((p) => p.kind === 'claim');
    assert.equal(claims.length, 3);
    assert.deepEqual(
      claims.slice(0, 2).map((p) => p.source.quote),
      ['45%', '30%'],
    );
    assert.ok(prompts.length <= MAX_PROMPTS);
    assertCites(story, text, prompts);
  });

  it('never throws on odd stories: no parts, no text, ranges past the text', () => {
    const bare: Story = {
      title: '',
      titleRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } },
      kind: 'heading',
      level: 2,
      principles: [{ name: 'Ownership', raw: 'Ownership', range: { start: { line: 50, character: 3 }, end: { line: 50, character: 12 } }, source: 'line' }],
      unknownPrinciples: [],
      parts: [],
      words: 0,
      claims: [],
      bodyStart: 0,
      bodyEnd: 0,
      inlineLabels: [],
    };
    for (const text of [undefined, '', 'x']) {
      const prompts = practicePrompts(bare, { text, framework: AMAZON_FRAMEWORK });
      assert.deepEqual(
        prompts.filter((p) => p.kind === 'missing-part').map((p) => p.about),
        ['situation', 'task', 'action', 'result', 'learning'],
      );
    }
    assert.deepEqual(
      practicePrompts(bare, { framework: { name: 'none', principles: [] } }).filter((p) => p.kind === 'principle'),
      [],
    );
  });

  it('on every fixture and sample story: each quote is the text at its range, inside the part it names', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) walk(abs);
        else if (e.name.endsWith('.md')) files.push(abs);
      }
    };
    walk(path.join(__dirname, '..', 'fixtures'));
    walk(path.join(__dirname, '..', '..', 'samples'));
    let stories = 0;
    let prompts = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      for (const story of analyzeFile(`file://${f}`, text, { matcher }).stories) {
        const got = practicePrompts(story, { text, framework: AMAZON_FRAMEWORK });
        assert.ok(got.length <= MAX_PROMPTS);
        assertCites(story, text, got);
        stories++;
        prompts += got.length;
      }
    }
    assert.ok(stories > 100, `${stories} stories`);
    assert.ok(prompts > stories * 3, `${prompts} prompts`);
  });

  it('a seed picks the same question every time, and seeds spread over the list', () => {
    assert.equal(seededIndex(42, 80), seededIndex(42, 80));
    assert.equal(seededIndex(1, 0), -1);
    const picked = new Set(Array.from({ length: 200 }, (_, i) => seededIndex(i, 80)));
    assert.ok(picked.size > 60, `${picked.size} of 80`);
    for (let i = 0; i < 200; i++) {
      const n = seededIndex(i * 7919, 5);
      assert.ok(n >= 0 && n < 5);
    }
  });
});
