// Acceptance: a real candidate's story bank (../shared/corpus, beside the
// clone in CI). Only this file reads it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AMAZON_FRAMEWORK, Workspace } from '../../server/src/core';

const corpus = path.resolve(__dirname, '../../../shared/corpus');
const bank = path.join(corpus, 'seed-story-bank.md');
const have = fs.existsSync(bank);

// Each numbered heading under "Behavioral Questions" and the principles it names.
const EXPECTED: [string, string[]][] = [
  ['1. Customer Obsession', ['Customer Obsession']],
  ['2. Ownership or Invent and Simplify', ['Ownership', 'Invent and Simplify']],
  ['3. Invent and Simplify', ['Invent and Simplify']],
  ['4. Are Right, A Lot or Insist on Highest Standards', ['Are Right, A Lot', 'Insist on the Highest Standards']],
  ['5. Learn and Be Curious', ['Learn and Be Curious']],
  ['6. Hire and Develop the Best', ['Hire and Develop the Best']],
  ['8. Think Big', ['Think Big']],
  ['9. Bias for Action or Frugality or Disagree and Commit', ['Bias for Action', 'Frugality', 'Have Backbone; Disagree and Commit']],
  ['11. Earn Trust', ['Earn Trust']],
  ['12. Dive Deep', ['Dive Deep']],
  ['14. Deliver Results', ['Deliver Results']],
  ['15. Strive to Be Earth’s Best Employer', ["Strive to be Earth's Best Employer"]],
  ['16. Success and Scale Bring Broad Responsibility', ['Success and Scale Bring Broad Responsibility']],
  ['17. Dive Deep, Ownership', ['Dive Deep', 'Ownership']],
  ['7. Dive Deep, Earn Trust', ['Dive Deep', 'Earn Trust']],
  ['8. Customer Obsession, Earn Trust', ['Customer Obsession', 'Earn Trust']],
  ['9. Customer Obsession, Think Big', ['Customer Obsession', 'Think Big']],
  ['10. Bias for Action, Deliver Results', ['Bias for Action', 'Deliver Results']],
  ['11. Earn Trust, Dive Deep', ['Earn Trust', 'Dive Deep']],
];

// Stories whose Result is marked by an `**Outcome**:` label opening a paragraph or a line.
const WITH_RESULT = new Set([
  '2. Ownership or Invent and Simplify',
  '3. Invent and Simplify',
  '5. Learn and Be Curious',
  '8. Think Big',
  '17. Dive Deep, Ownership',
]);

(have || process.env.CI ? describe : describe.skip)('the seed story bank (../shared/corpus)', () => {
  let ws: Workspace;
  before(() => {
    ws = new Workspace();
    ws.set(bank, fs.readFileSync(bank, 'utf8'));
    ws.set(path.join(corpus, 'aws-track-notes.md'), fs.readFileSync(path.join(corpus, 'aws-track-notes.md'), 'utf8'));
  });

  it('finds exactly the 19 numbered stories under "Behavioral Questions"', () => {
    const stories = ws.get(bank)!.stories;
    assert.equal(stories.length, 19);
    stories.forEach((s, i) => {
      assert.ok(s.title.startsWith(EXPECTED[i]![0]), `story ${i + 1} is "${s.title}"`);
    });
    const lines = fs.readFileSync(bank, 'utf8').split('\n');
    const behavioral = lines.findIndex((l) => l.startsWith('## Behavioral Questions'));
    const metrics = lines.findIndex((l) => l.startsWith('# Key Engineering Metrics'));
    for (const s of stories) {
      assert.ok(s.range.start.line > behavioral && s.range.start.line < metrics, `"${s.title}" lies outside the Behavioral Questions`);
      assert.ok(s.range.end.line < metrics, `"${s.title}" runs into the metrics section`);
    }
  });

  it('tags each story with exactly the principles its heading names', () => {
    const stories = ws.get(bank)!.stories;
    stories.forEach((s, i) => {
      assert.deepEqual(
        s.principles.map((p) => p.name),
        EXPECTED[i]![1],
        s.title,
      );
    });
  });

  it('covers all 16 principles', () => {
    const cov = ws.coverage();
    assert.equal(cov.length, 16);
    for (const c of cov) assert.ok(c.stories.length > 0, `${c.principle} has no story`);
    assert.deepEqual(
      cov.map((c) => c.principle),
      AMAZON_FRAMEWORK.principles.map((p) => p.name),
    );
  });

  it('reports the parts each story really lacks', () => {
    const diags = ws
      .diagnostics()
      .get(bank)!
      .filter((d) => d.rule === 'missing-section');
    for (const s of ws.get(bank)!.stories) {
      const key = EXPECTED.find(([t]) => s.title.startsWith(t))![0];
      const missing = diags.filter((d) => d.range.start.line === s.titleRange.start.line).map((d) => d.data!.part);
      const expected = WITH_RESULT.has(key) ? ['situation', 'task', 'action'] : ['situation', 'task', 'action', 'result'];
      assert.deepEqual(missing, expected, s.title);
    }
  });

  it('explains an Outcome label buried mid-paragraph instead of calling the Result simply absent', () => {
    const d = ws
      .diagnostics()
      .get(bank)!
      .find((x) => x.rule === 'missing-section' && x.data?.part === 'result' && x.message.includes('4. Are Right'));
    assert.ok(d, 'story 4 reports its Result as missing');
    assert.match(d.message, /"Outcome" label sits in the middle of a paragraph/);
  });

  it('finds no story in the AWS notes, which only discuss the principles', () => {
    const notes = path.join(corpus, 'aws-track-notes.md');
    assert.equal(ws.get(notes)!.stories.length, 0);
    assert.deepEqual(ws.diagnostics().get(notes), []);
  });

  it('takes no claim from a date, a year, a version or an id', () => {
    for (const s of ws.get(bank)!.stories)
      for (const c of s.claims) {
        assert.doesNotMatch(c.text, /^(?:19|20)\d\d$|EC2|S3|t3|v\d/, `"${c.text}" in "${s.title}"`);
      }
    const texts = ws.get(bank)!.stories.flatMap((s) => s.claims.map((c) => c.text));
    assert.ok(texts.includes('from 12 to 4 seconds'), texts.join(' | '));
  });

  it('reports every "accuracy by 45%" claim as recycled', () => {
    const facts = ws.get(bank)!;
    const diags = ws
      .diagnostics()
      .get(bank)!
      .filter((d) => d.rule === 'recycled-metric');
    const at = new Set(diags.map((d) => `${d.range.start.line}:${d.range.start.character}`));
    const accuracy = facts.stories.flatMap((s) => s.claims).filter((c) => c.value === 45 && c.norm?.head === 'accuracy');
    assert.ok(accuracy.length >= 10, `${accuracy.length} claims of 45% accuracy`);
    for (const c of accuracy)
      assert.ok(at.has(`${c.range.start.line}:${c.range.start.character}`), `45% accuracy on line ${c.range.start.line + 1} is not reported`);
  });

  it('reports "query time by ~15%" and "query time by ~20%" as a conflict', () => {
    const conflicts = ws
      .diagnostics()
      .get(bank)!
      .filter((d) => d.rule === 'metric-conflict');
    const values = conflicts
      .filter((d) => d.data?.subject === 'query time')
      .map((d) => d.data?.value)
      .sort();
    assert.deepEqual(values, [15, 20]);
  });

  it('reads "dashboard load time from 12 to 4 seconds" as a 67% reduction', () => {
    const c = ws
      .get(bank)!
      .stories.flatMap((s) => s.claims)
      .find((x) => x.text === 'from 12 to 4 seconds')!;
    assert.equal(c.value, 67);
    assert.equal(c.unit, '%');
    assert.equal(c.direction, 'decrease');
    assert.equal(c.norm?.key, 'dashboard load time');
  });
});
