// Questions (core/questions.ts): the framework's, a workspace's markdown
// question lists, and the stories that answer each best.
import assert from 'node:assert/strict';
import { AMAZON_FRAMEWORK, answerQuestions, frameworkQuestions, isQuestionList, PrincipleMatcher, readQuestionList, Workspace } from '../../server/src/core';

const matcher = new PrincipleMatcher(AMAZON_FRAMEWORK);

const LIST = [
  '# Questions I expect',
  '',
  '## Dive Deep',
  '',
  '- Tell me about a time the numbers in a report did not add up.',
  '- What was the hardest bug you ever traced?',
  '- Practise the STAR form out loud',
  '',
  '## Other',
  '',
  '1. Describe a time you disagreed and committed (Disagree and Commit).',
  '',
  '```',
  'Frugality:',
  '"How did you deliver when the budget was cut in half?"',
  'Crisis:',
  '"Tell me about a time a service you ran went down at peak."',
  '```',
  '',
].join('\n');

describe('questions (core/questions.ts)', () => {
  it('the default framework asks at least four questions per principle', () => {
    for (const p of AMAZON_FRAMEWORK.principles) assert.ok(p.questions.length >= 4, p.name);
    assert.equal(
      frameworkQuestions(AMAZON_FRAMEWORK).length,
      AMAZON_FRAMEWORK.principles.reduce((n, p) => n + p.questions.length, 0),
    );
  });

  it('reads one question per list item, heading or quoted line, with the principle of the line or the heading or label above', () => {
    const qs = readQuestionList('file:///q.md', LIST, matcher);
    assert.deepEqual(
      qs.map((q) => [q.principle, q.question, q.source.kind === 'file' ? q.source.line + 1 : 0]),
      [
        ['Dive Deep', 'Tell me about a time the numbers in a report did not add up.', 5],
        ['Dive Deep', 'What was the hardest bug you ever traced?', 6],
        ['Have Backbone; Disagree and Commit', 'Describe a time you disagreed and committed (Disagree and Commit).', 11],
        ['Frugality', 'How did you deliver when the budget was cut in half?', 15],
        [null, 'Tell me about a time a service you ran went down at peak.', 17],
      ],
    );
  });

  it('a file that asks questions and tells no story is a question list; star: questions says so outright', () => {
    const ws = new Workspace();
    ws.set('file:///q.md', LIST);
    assert.ok(isQuestionList(ws.get('file:///q.md')!, readQuestionList('file:///q.md', LIST, matcher)));
    ws.set('file:///q2.md', `---\nstar: questions\n---\n\n## Tell me about a time you failed?\n\nI once shipped a bug.\n`);
    const facts = ws.get('file:///q2.md')!;
    assert.equal(facts.stories.length, 0);
    assert.deepEqual(ws.diagnosticsFor('file:///q2.md'), []);
    assert.ok(isQuestionList(facts, []));
  });

  it('answers a question with the stories of its principle first, then those that say its words', () => {
    const ws = new Workspace();
    ws.set(
      'file:///bank.md',
      [
        '## Reconciling the invoice report',
        '',
        'Principles: Dive Deep',
        '',
        '**Situation:** The monthly invoice report did not add up to the ledger.',
        '',
        '**Task:** I had to find the gap.',
        '',
        '**Action:** I compared every invoice line with the ledger entries.',
        '',
        '**Result:** I found a currency rounding bug worth £4,000 a month.',
        '',
        '## Cutting the cloud bill',
        '',
        'Principles: Frugality',
        '',
        '**Situation:** Our cloud budget was cut in half.',
        '',
        '**Task:** I had to deliver the same service.',
        '',
        '**Action:** I moved batch jobs to spot instances.',
        '',
        '**Result:** The bill fell by 55%.',
        '',
      ].join('\n'),
    );
    const qs = readQuestionList('file:///q.md', LIST, matcher);
    const answered = answerQuestions(qs, [ws.get('file:///bank.md')!]);
    assert.equal(answered[0]!.stories[0]!.title, 'Reconciling the invoice report');
    assert.equal(answered[3]!.stories[0]!.title, 'Cutting the cloud bill');
    // no principle, no shared words: no story
    assert.deepEqual(answered[4]!.stories, []);
    // the same answer every time
    assert.deepEqual(answerQuestions(qs, [ws.get('file:///bank.md')!]), answered);
  });
});
