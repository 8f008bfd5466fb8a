// `star-stories practice` as a process: a story's follow-up questions, each
// citing the part and line it comes from; without a story, one question drawn
// by a seed with the story to tell and the time to aim for.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AMAZON_FRAMEWORK, seededIndex } from '../../server/src/core';
import { ROOT, run, runJson, show, workspace } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'practice');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const FILES = {
  'claims-and-we.md': fixture('claims-and-we.md'),
  'missing-parts.md': fixture('missing-parts.md'),
  'thin-parts.md': fixture('thin-parts.md'),
  'template.md': fixture('template.md'),
  'questions.md':
    '# Questions I expect\n\n## Frugality\n\n- Tell me about a time you bargained a vendor down on price.\n- What would you cut first if the budget halved tomorrow?\n',
  '.starstories.yaml': 'rules:\n  story-length: { wordsPerMinute: 100, minMinutes: 1, maxMinutes: 2 }\n',
};

interface PromptsJson {
  story: { file: string; line: number; title: string; words: number; seconds: number };
  aim: { wordsPerMinute: number; minSeconds: number; maxSeconds: number };
  prompts: { question: string; kind: string; about?: string; part: string; line: number; column: number; quote: string }[];
}

interface DrawnJson {
  seed: number;
  questions: number;
  question: { principle: string | null; question: string; file?: string; line?: number };
  story: { file: string; line: number; title: string; words: number; seconds: number; from: string } | null;
  aim: { wordsPerMinute: number; minSeconds: number; maxSeconds: number };
}

describe('practice', () => {
  it('--story gives the follow-ups of the story, each quoting the text at its 1-based line and column', () => {
    const dir = workspace(FILES);
    const r = runJson<PromptsJson>(dir, ['practice', '--story', 'cutting checkout latency before the holiday sale', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.deepEqual(r.json.story, { file: 'claims-and-we.md', line: 1, title: 'Cutting checkout latency before the holiday sale', words: 106, seconds: 64 });
    assert.deepEqual(r.json.aim, { wordsPerMinute: 100, minSeconds: 60, maxSeconds: 120 });
    assert.deepEqual(
      r.json.prompts.map((p) => [p.kind, p.part, p.line, p.quote]),
      [
        ['claim', 'result', 22, 'from 2.4 seconds to 1.3 seconds'],
        ['claim', 'result', 22, '18%'],
        ['claim', 'result', 23, '$12,000'],
        ['ownership', 'action', 17, 'We'],
        ['principle', 'principle', 3, 'Customer Obsession'],
        ['principle', 'principle', 3, 'Dive Deep'],
      ],
    );
    const lines = FILES['claims-and-we.md'].split('\n');
    for (const p of r.json.prompts) assert.equal(lines[p.line - 1]!.slice(p.column - 1, p.column - 1 + p.quote.length), p.quote, p.question);
  });

  it('prints each follow-up with the part and line it cites, and the story against the time to aim for', () => {
    const r = run(workspace(FILES), ['practice', '--story', 'code review']);
    assert.equal(r.status, 0, show(r));
    assert.match(r.stdout, /^Follow-ups for "Moving the team to code review" \(thin-parts\.md:3\)$/m);
    assert.match(r.stdout, /^21 words, about 0:13 spoken \(short\); aim for 1:00 to 2:00 at 100 words a minute\.$/m);
    assert.match(r.stdout, /^ {2}1\. What exactly were you responsible for, and who was counting on you\?\n {5}Task, line 9: "Task"$/m);
    assert.match(r.stdout, /^ {2}\d\. Walk me through what you did, step by step: which call was the hardest\?\n {5}Action, line 11: "I set up reviews\."$/m);
  });

  it('--line picks the story at a line of the one file given', () => {
    const dir = workspace(FILES);
    const r = runJson<PromptsJson>(dir, ['practice', 'missing-parts.md', '--line', '12', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.json.story.title, 'Helping the new analyst');
    assert.equal(r.json.prompts[0]!.kind, 'no-number');
    const none = run(dir, ['practice', 'missing-parts.md', '--line', '1']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no story at line 1 of missing-parts\.md; its stories start at line 3, 9/);
    const many = run(dir, ['practice', '--line', '3']);
    assert.equal(many.status, 2);
    assert.match(many.stderr, /--line needs exactly one file/);
  });

  it('says clearly when no story or several stories match, and exits 2', () => {
    const dir = workspace(FILES);
    const unknown = run(dir, ['practice', '--story', 'Migrating the data lake']);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /no story titled "Migrating the data lake" among 4 stories/);
    const both = run(dir, ['practice', '--story', 'the']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /\d stories match "the": .*\(claims-and-we\.md:1\).*give more of the title/);
    // a template is no story
    assert.match(run(dir, ['practice', 'template.md', '--story', 'Title of the story']).stderr, /no story titled .* among 0 stories/);
  });

  it('without a story draws one question by --seed, the same each run, with the story to tell and the time to aim for', () => {
    const dir = workspace(FILES);
    const a = runJson<DrawnJson>(dir, ['practice', '--seed', '11', '--format', 'json']);
    const b = runJson<DrawnJson>(dir, ['practice', '--seed=11', '--format', 'json']);
    assert.equal(a.status, 0, show(a));
    assert.deepEqual(a.json, b.json);
    assert.equal(a.json.seed, 11);
    assert.equal(a.json.questions, 16 * 5 + 2, 'the framework questions and the question list');
    assert.deepEqual(a.json.aim, { wordsPerMinute: 100, minSeconds: 60, maxSeconds: 120 });
    // the seeds that draw a question of a principle (the framework's questions come first, principle by principle)
    const seedFor = (principle: string) => {
      const start = AMAZON_FRAMEWORK.principles
        .slice(
          0,
          AMAZON_FRAMEWORK.principles.findIndex((p) => p.name === principle),
        )
        .reduce((n, p) => n + p.questions.length, 0);
      let seed = 0;
      while (seed < 100000 && (seededIndex(seed, a.json.questions) < start || seededIndex(seed, a.json.questions) >= start + 5)) seed++;
      return seed;
    };
    const obsession = runJson<DrawnJson>(dir, ['practice', '--seed', String(seedFor('Customer Obsession')), '--format', 'json']).json;
    assert.equal(obsession.question.principle, 'Customer Obsession');
    assert.equal(obsession.story?.title, 'Cutting checkout latency before the holiday sale');
    assert.equal(obsession.story?.from, 'plan');
    assert.equal(obsession.story?.seconds, 64);
    // the loop tells that story's event for Customer Obsession: for Dive Deep it is only the best match
    const dive = runJson<DrawnJson>(dir, ['practice', '--seed', String(seedFor('Dive Deep')), '--format', 'json']).json;
    assert.equal(dive.question.principle, 'Dive Deep');
    assert.equal(dive.story?.title, 'Cutting checkout latency before the holiday sale');
    assert.equal(dive.story?.from, 'best-match');
    const think = runJson<DrawnJson>(dir, ['practice', '--seed', String(seedFor('Think Big')), '--format', 'json']).json;
    assert.equal(think.question.principle, 'Think Big');
    assert.ok(think.story === null || think.story.from === 'best-match', JSON.stringify(think));
    // another seed, most likely another question
    const other = runJson<DrawnJson>(dir, ['practice', '--seed', '12', '--format', 'json']).json;
    assert.notEqual(other.question.question, a.json.question.question);
  });

  it('draws a question of a question list and prints it with its file and line', () => {
    const dir = workspace(FILES);
    // the list's questions come after the framework's 80
    let seed = 0;
    while (seededIndex(seed, 82) !== 80) seed++;
    const r = run(dir, ['practice', '--seed', String(seed)]);
    assert.equal(r.status, 0, show(r));
    const text = r.stdout;
    assert.match(text, /^Tell me about a time you bargained a vendor down on price\. \(questions\.md:5\)$/m);
    assert.match(text, /^Frugality$/m);
    assert.match(text, /^No story answers it yet\.$/m);
    assert.match(text, /^When you write one, aim for 1:00 to 2:00 at 100 words a minute\.$/m);
    assert.match(text, /--seed \d+; run again with it to draw the same one\./);
  });

  it('refuses practice options elsewhere and seeds or lines that are not whole numbers', () => {
    const dir = workspace(FILES);
    for (const args of [
      ['check', '--seed', '3'],
      ['questions', '--story', 'x'],
      ['practice', '--seed', 'soon'],
      ['practice', '--line', '0'],
      ['practice', '--story', 'a', '--line', '2'],
    ]) {
      const r = run(dir, args);
      assert.equal(r.status, 2, `${args.join(' ')}\n${show(r)}`);
      assert.match(r.stderr, /Run "star-stories --help" for usage\./);
    }
    assert.match(run(dir, ['--help']).stdout, /star-stories practice \[paths\.\.\.\] \[--story TITLE \| --line N\] \[--seed N\]/);
  });
});
