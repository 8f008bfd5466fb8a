import assert from 'node:assert/strict';
import { AMAZON_PRINCIPLES, ANSI, run, runJson, show, workspace } from './helpers';
import { checkoutStory, cloudCostStory, README, storyBank } from './stories';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A story tagged Earn Trust that is not ready: no Task, no number in its Result, far too short. */
const DRAFT = `---
title: Winning back a lost client
principles: [Earn Trust]
---

## Situation

A client left us after a bad release.

## Action

I called them every week and shared our test plans.

## Result

They came back.
`;

/**
 * Dive Deep: 2 stories (checkout, bank); Deliver Results, Frugality, Ownership,
 * Bias for Action: 1 each (all ready); Earn Trust: 1 story, not ready; the other 10 principles: none.
 */
function stories(extra: Record<string, string> = {}): string {
  return workspace({
    'README.md': README,
    'stories/checkout.md': checkoutStory(),
    'stories/cloud.md': cloudCostStory(),
    'bank.md': storyBank(),
    'drafts/client.md': DRAFT,
    ...extra,
  });
}

/** The row of a principle in the text table: its name, its tagged and ready counts, its state. */
function row(stdout: string, principle: string): string {
  const m = new RegExp(`^${escapeRe(principle)}\\s+\\d+\\s.*$`, 'm').exec(stdout);
  assert.ok(m, `no row for ${principle}:\n${stdout}`);
  return m[0];
}

/** The lines under a principle's row: its stories. */
function storiesUnder(stdout: string, principle: string): string[] {
  const lines = stdout.split('\n');
  const i = lines.indexOf(row(stdout, principle));
  const out: string[] = [];
  for (let k = i + 1; k < lines.length && lines[k]!.startsWith('    '); k++) out.push(lines[k]!.trim());
  return out;
}

const countIn = (r: string, principle: string) => Number(/^\s+(\d+)\s/.exec(r.slice(principle.length))![1]);

describe('coverage', () => {
  it('lists all 16 principles with their tagged and ready counts, and each story under its principle', () => {
    const r = run(stories(), ['coverage']);
    assert.equal(r.status, 0, show(r));
    const expected: Record<string, number> = { 'Dive Deep': 2, 'Deliver Results': 1, Frugality: 1, Ownership: 1, 'Bias for Action': 1, 'Earn Trust': 1 };
    for (const p of AMAZON_PRINCIPLES) {
      const line = row(r.stdout, p);
      assert.equal(countIn(line, p), expected[p] ?? 0, line);
    }
    // In the framework's order.
    const order = AMAZON_PRINCIPLES.map((p) => r.stdout.indexOf(row(r.stdout, p)));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.match(row(r.stdout, 'Dive Deep'), /^Dive Deep\s+2\s+2\s+✓ target met$/);
    assert.deepEqual(storiesUnder(r.stdout, 'Dive Deep'), [
      '✓ Tracing a memory leak in the billing service (bank.md:26) ready',
      '✓ Cutting checkout latency before the holiday peak (stories/checkout.md:1) ready',
    ]);
  });

  it('says tagged and ready apart: a tagged story that is not ready says why, and its principle is below the target', () => {
    const r = run(stories(), ['coverage']);
    assert.match(row(r.stdout, 'Earn Trust'), /^Earn Trust\s+1\s+0\s+! 0 of 2 ready$/);
    const [draft] = storiesUnder(r.stdout, 'Earn Trust');
    assert.match(
      draft!,
      /^✗ Winning back a lost client \(drafts\/client\.md:1\) not ready: no Task; no number in the Result; too short \(\d+ of at least 150 words\)$/,
    );
    assert.match(r.stdout, /^5\/16 principles have a ready story; 6 have a tagged story; 1 meets the target of 2 ready stories\.$/m, show(r));
    assert.match(r.stdout, /^Tagged, but no story ready yet:\n {2}- Earn Trust$/m);
  });

  it('marks the principles with no story ("no story yet"), one name a line in the summary', () => {
    const r = run(stories(), ['coverage']);
    const withStory = ['Dive Deep', 'Deliver Results', 'Frugality', 'Ownership', 'Bias for Action', 'Earn Trust'];
    for (const p of AMAZON_PRINCIPLES) {
      if (withStory.includes(p)) assert.doesNotMatch(row(r.stdout, p), /no story yet/i, p);
      else assert.match(row(r.stdout, p), /no story yet/i, p);
    }
    // names hold commas and semicolons of their own: a list of them is one a line
    assert.match(r.stdout, /^ {2}- Are Right, A Lot$/m);
    assert.match(r.stdout, /^ {2}- Have Backbone; Disagree and Commit$/m);
    assert.doesNotMatch(r.stdout, ANSI, 'no colour on a pipe');
    assert.match(run(stories(), ['coverage', '--color']).stdout, ANSI);
  });

  it('says 0/16 for a folder with no stories', () => {
    const r = run(workspace({ 'README.md': README }), ['coverage']);
    assert.equal(r.status, 0, show(r));
    for (const p of AMAZON_PRINCIPLES) assert.match(row(r.stdout, p), /no story yet/i);
    assert.match(r.stdout, /^0\/16 principles have a ready story; 0 have a tagged story\b/m);
  });

  it('--format json gives tagged and ready counts, none/below/met states and each story with why it is not ready', () => {
    const r = runJson(stories(), ['coverage', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.deepEqual(Object.keys(r.json).sort(), ['covered', 'framework', 'met', 'principles', 'ready', 'target', 'total', 'version']);
    assert.equal(r.json.version, 2);
    assert.match(r.json.framework, /Amazon/);
    assert.deepEqual([r.json.target, r.json.covered, r.json.ready, r.json.met, r.json.total], [2, 6, 5, 1, 16]);
    assert.deepEqual(
      r.json.principles.map((p: any) => p.principle),
      AMAZON_PRINCIPLES,
    );
    for (const p of r.json.principles) {
      assert.deepEqual(Object.keys(p).sort(), ['count', 'description', 'events', 'principle', 'ready', 'state', 'stories'], p.principle);
      assert.ok(p.events <= p.count, `${p.principle}: ${p.events} events of ${p.count} stories`);
      assert.equal(typeof p.description, 'string');
      assert.ok(p.description.length > 0, `${p.principle} has a description`);
      assert.equal(p.count, p.stories.length);
      assert.equal(p.ready, p.stories.filter((s: any) => s.ready).length);
      assert.equal(p.state, p.count === 0 ? 'none' : p.ready < 2 ? 'below' : 'met', p.principle);
      for (const s of p.stories) {
        assert.deepEqual(Object.keys(s).sort(), ['file', 'line', 'ready', 'title', 'why']);
        assert.ok(Number.isInteger(s.line) && s.line >= 1);
        assert.equal(s.ready, s.why.length === 0);
      }
    }
    const by = (name: string) => r.json.principles.find((p: any) => p.principle === name);
    assert.equal(by('Dive Deep').state, 'met');
    assert.deepEqual(
      by('Dive Deep')
        .stories.map((s: any) => `${s.file} ${s.title}`)
        .sort(),
      ['bank.md Tracing a memory leak in the billing service', 'stories/checkout.md Cutting checkout latency before the holiday peak'],
    );
    assert.equal(by('Frugality').state, 'below');
    assert.deepEqual([by('Earn Trust').count, by('Earn Trust').ready, by('Earn Trust').state], [1, 0, 'below']);
    assert.deepEqual(by('Earn Trust').stories[0].why.slice(0, 2), ['no Task', 'no number in the Result']);
    assert.equal(by('Think Big').state, 'none');
    assert.deepEqual(by('Think Big').stories, []);
  });

  it('takes the target from `coverage: { target: 1 }` and the spoken range from story-length', () => {
    const dir = stories({ '.starstories.yaml': 'coverage: { target: 1 }\n' });
    const r = runJson(dir, ['coverage', '--format', 'json']);
    assert.equal(r.json.target, 1, show(r));
    const by = (name: string) => r.json.principles.find((p: any) => p.principle === name);
    assert.equal(by('Frugality').state, 'met');
    assert.equal(by('Dive Deep').state, 'met');
    assert.equal(by('Earn Trust').state, 'below');
    assert.equal(by('Think Big').state, 'none');
    const text = run(dir, ['coverage']);
    assert.match(text.stdout, /\b5 meet the target of 1 ready story\b/, show(text));
    // a story is too short for a range that starts at 10 minutes
    const strict = runJson(stories({ '.starstories.yaml': 'rules:\n  story-length: { minMinutes: 10 }\n' }), ['coverage', '--format', 'json']);
    assert.equal(strict.json.ready, 0, show(strict));
    assert.match(strict.json.principles.find((p: any) => p.principle === 'Dive Deep').stories[0].why.join(), /too short/);
    // with story-length and unquantified-result off, only the parts decide (no finding would say why otherwise)
    const lax = runJson(stories({ '.starstories.yaml': 'rules:\n  story-length: off\n  unquantified-result: off\n' }), ['coverage', '--format', 'json']);
    assert.deepEqual(lax.json.principles.find((p: any) => p.principle === 'Earn Trust').stories[0].why, ['no Task'], show(lax));
  });

  it('does not count a template (all parts placeholders) nor a placeholder principle left by a snippet', () => {
    const template = `---\ntitle: Story title\nprinciples:\n  - <Principle>\n---\n\n## Situation\n\n[Where and when: the team, the stakes, what was going wrong]\n\n## Task\n\n[What you in particular had to achieve, and by when]\n\n## Action\n\n[What you did, step by step, in the first person]\n\n## Result\n\n[What changed, with numbers: before and after]\n`;
    const bank = `## Story title\n\nPrinciples: [Principle]\n\n### Situation\n\n[Where and when, and what was at stake]\n\n### Task\n\n[What you had to achieve]\n\n### Action\n\n[What you did, in the first person]\n\n### Result\n\n[What changed, with numbers]\n`;
    const dir = workspace({ 'template.md': template, 'bank.md': `${bank}\n${bank.replace('[Principle]', 'Think Big')}` });
    const r = runJson(dir, ['coverage', '--format', 'json']);
    assert.deepEqual([r.json.covered, r.json.ready], [0, 0], show(r));
    const check = runJson(dir, ['check', '--format', 'json']);
    assert.deepEqual([check.json.stories.length, check.json.diagnostics.length], [0, 0], show(check));
  });

  it('counts only the stories under the paths given', () => {
    const r = runJson(stories(), ['coverage', 'stories', '--format', 'json']);
    const dive = r.json.principles.find((p: any) => p.principle === 'Dive Deep');
    assert.equal(dive.count, 1, show(r));
    assert.equal(dive.stories[0].file, 'stories/checkout.md');
    assert.equal(r.json.principles.find((p: any) => p.principle === 'Bias for Action').count, 0);
  });

  it('does not count an unknown principle, and a missing path exits 2', () => {
    const dir = workspace({ 'checkout.md': checkoutStory({ principles: ['Customer Obssesion'] }) });
    const r = runJson(dir, ['coverage', '--format', 'json']);
    assert.equal(r.json.principles.find((p: any) => p.principle === 'Customer Obsession').count, 0);
    const missing = run(dir, ['coverage', 'nope']);
    assert.equal(missing.status, 2, show(missing));
    assert.match(missing.stderr, /nope/);
  });
});
