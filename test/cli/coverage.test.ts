import assert from 'node:assert/strict';
import { AMAZON_PRINCIPLES, ANSI, run, runJson, show, workspace } from './helpers';
import { checkoutStory, cloudCostStory, README, storyBank } from './stories';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Dive Deep: 2 stories (checkout, bank); Deliver Results, Frugality, Ownership,
 * Bias for Action: 1 each; the other 11 principles: none.
 */
function stories(extra: Record<string, string> = {}): string {
  return workspace({
    'README.md': README,
    'stories/checkout.md': checkoutStory(),
    'stories/cloud.md': cloudCostStory(),
    'bank.md': storyBank(),
    ...extra,
  });
}

/** The row of a principle in the text table: its name, its story count, then the titles. */
function row(stdout: string, principle: string): string {
  const m = new RegExp(`^${escapeRe(principle)}\\s+\\d+\\s.*$`, 'm').exec(stdout);
  assert.ok(m, `no row for ${principle}:\n${stdout}`);
  return m[0];
}

const countIn = (r: string, principle: string) => Number(/^\s+(\d+)\s/.exec(r.slice(principle.length))![1]);

describe('coverage', () => {
  it('lists all 16 principles with their story counts and titles', () => {
    const r = run(stories(), ['coverage']);
    assert.equal(r.status, 0, show(r));
    const expected: Record<string, number> = { 'Dive Deep': 2, 'Deliver Results': 1, Frugality: 1, Ownership: 1, 'Bias for Action': 1 };
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
    const dive = row(r.stdout, 'Dive Deep');
    assert.match(dive, /Cutting checkout latency before the holiday peak/);
    assert.match(dive, /Tracing a memory leak in the billing service/);
    assert.match(dive, /stories\/checkout\.md:\d+/);
    assert.match(dive, /bank\.md:26\b/);
  });

  it('marks the principles with no story ("no story yet") and sums up how many have one', () => {
    const r = run(stories(), ['coverage']);
    const withStory = ['Dive Deep', 'Deliver Results', 'Frugality', 'Ownership', 'Bias for Action'];
    for (const p of AMAZON_PRINCIPLES) {
      if (withStory.includes(p)) assert.doesNotMatch(row(r.stdout, p), /no story yet/i, p);
      else assert.match(row(r.stdout, p), /no story yet/i, p);
    }
    assert.match(r.stdout, /^5\/16 principles have a story\b/m, show(r));
    assert.match(r.stdout, /\b1 meets? the target of 2\b/, show(r));
    assert.doesNotMatch(r.stdout, ANSI, 'no colour on a pipe');
    assert.match(run(stories(), ['coverage', '--color']).stdout, ANSI);
  });

  it('says 0/16 for a folder with no stories', () => {
    const r = run(workspace({ 'README.md': README }), ['coverage']);
    assert.equal(r.status, 0, show(r));
    for (const p of AMAZON_PRINCIPLES) assert.match(row(r.stdout, p), /no story yet/i);
    assert.match(r.stdout, /^0\/16 principles have a story\b/m);
  });

  it('--format json gives {version, framework, target, principles} with none/below/covered states', () => {
    const r = runJson(stories(), ['coverage', '--format', 'json']);
    assert.equal(r.status, 0, show(r));
    assert.deepEqual(Object.keys(r.json).sort(), ['framework', 'principles', 'target', 'version']);
    assert.equal(r.json.version, 1);
    assert.equal(typeof r.json.framework, 'string');
    assert.match(r.json.framework, /Amazon/);
    assert.equal(r.json.target, 2);
    assert.deepEqual(
      r.json.principles.map((p: any) => p.principle),
      AMAZON_PRINCIPLES,
    );
    for (const p of r.json.principles) {
      assert.deepEqual(Object.keys(p).sort(), ['count', 'description', 'events', 'principle', 'state', 'stories'], p.principle);
      assert.ok(p.events <= p.count, `${p.principle}: ${p.events} events of ${p.count} stories`);
      assert.equal(typeof p.description, 'string');
      assert.ok(p.description.length > 0, `${p.principle} has a description`);
      assert.equal(p.count, p.stories.length);
      assert.equal(p.state, p.count === 0 ? 'none' : p.count < 2 ? 'below' : 'covered', p.principle);
      for (const s of p.stories) {
        assert.equal(typeof s.file, 'string');
        assert.equal(typeof s.title, 'string');
        assert.ok(Number.isInteger(s.line) && s.line >= 1);
      }
    }
    const by = (name: string) => r.json.principles.find((p: any) => p.principle === name);
    assert.equal(by('Dive Deep').state, 'covered');
    assert.deepEqual(
      by('Dive Deep')
        .stories.map((s: any) => `${s.file} ${s.title}`)
        .sort(),
      ['bank.md Tracing a memory leak in the billing service', 'stories/checkout.md Cutting checkout latency before the holiday peak'],
    );
    assert.equal(by('Frugality').state, 'below');
    assert.equal(by('Think Big').state, 'none');
    assert.deepEqual(by('Think Big').stories, []);
  });

  it('takes the target from `coverage: { target: 1 }` in the configuration', () => {
    const dir = stories({ '.starstories.yaml': 'coverage: { target: 1 }\n' });
    const r = runJson(dir, ['coverage', '--format', 'json']);
    assert.equal(r.json.target, 1, show(r));
    const by = (name: string) => r.json.principles.find((p: any) => p.principle === name);
    assert.equal(by('Frugality').state, 'covered');
    assert.equal(by('Dive Deep').state, 'covered');
    assert.equal(by('Think Big').state, 'none');
    assert.equal(r.json.principles.filter((p: any) => p.state === 'below').length, 0);
    const text = run(dir, ['coverage']);
    assert.match(text.stdout, /\b5 meet the target of 1\b/, show(text));
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
