import assert from 'node:assert/strict';
import { AMAZON_FRAMEWORK, PrincipleMatcher, Workspace, parseFramework } from '../../server/src/core';

const m = new PrincipleMatcher(AMAZON_FRAMEWORK);
const names = (s: string) => m.scan(s).matches.map((x) => x.name);

describe('principle matching', () => {
  it('keeps names with commas and semicolons whole inside a comma list', () => {
    assert.deepEqual(names('Are Right, A Lot, Have Backbone; Disagree and Commit, Ownership'), [
      'Are Right, A Lot',
      'Have Backbone; Disagree and Commit',
      'Ownership',
    ]);
    assert.deepEqual(m.scan('Are Right, A Lot, Have Backbone; Disagree and Commit, Ownership').leftovers, []);
  });

  it('ignores case, punctuation, curly apostrophes, & and "the"', () => {
    assert.deepEqual(names('strive to be earth’s best employer'), ["Strive to be Earth's Best Employer"]);
    assert.deepEqual(names('INVENT & SIMPLIFY'), ['Invent and Simplify']);
    assert.deepEqual(names('Insist on Highest Standards'), ['Insist on the Highest Standards']);
    assert.deepEqual(names('hire and develop best'), ['Hire and Develop the Best']);
  });

  it('resolves the short forms to the full names', () => {
    assert.deepEqual(names('Disagree and Commit'), ['Have Backbone; Disagree and Commit']);
    assert.deepEqual(names('Have Backbone'), ['Have Backbone; Disagree and Commit']);
    assert.deepEqual(names('Highest Standards'), ['Insist on the Highest Standards']);
    assert.deepEqual(names("Earth's Best Employer"), ["Strive to be Earth's Best Employer"]);
    assert.deepEqual(names('Success and Scale'), ['Success and Scale Bring Broad Responsibility']);
  });

  it('prefers the longest name: "Deliver Results" is not the part "Results"', () => {
    assert.deepEqual(names('Bias for Action or Frugality or Disagree and Commit'), ['Bias for Action', 'Frugality', 'Have Backbone; Disagree and Commit']);
  });

  it('leaves unknown names over, split at separators, and suggests the nearest', () => {
    const r = m.scan('Customer Obssesion, Dive Deep; Teamwork');
    assert.deepEqual(
      r.matches.map((x) => x.name),
      ['Dive Deep'],
    );
    assert.deepEqual(
      r.leftovers.map((l) => l.text),
      ['Customer Obssesion', 'Teamwork'],
    );
    assert.equal(m.suggest('Customer Obssesion').name, 'Customer Obsession');
    assert.ok(m.suggest('Customer Obssesion').distance < 0.2);
    assert.ok(m.suggest('Teamwork').distance > 0.4);
  });

  it('tags stories from frontmatter lists, comma strings and Principles: lines', () => {
    const ws = new Workspace();
    const a = ws.set('a.md', '---\ntitle: A\nprinciples: Ownership, Dive Deep\n---\n## Situation\nx\n');
    assert.deepEqual(
      a.stories[0]!.principles.map((p) => p.name),
      ['Ownership', 'Dive Deep'],
    );
    const b = ws.set('b.md', '## The outage\n\nLP: Earn Trust, Bias for Action\n\n### Situation\nx\n');
    assert.deepEqual(
      b.stories[0]!.principles.map((p) => p.name),
      ['Earn Trust', 'Bias for Action'],
    );
    assert.equal(b.stories[0]!.principles[0]!.range.start.line, 2);
  });

  it('reads a workspace framework of its own, validated by its schema', () => {
    const ok = parseFramework('name: Acme Values\nprinciples:\n  - name: Craft\n    aliases: [Quality]\n    description: Build it well.\n  - name: Candour\n');
    assert.deepEqual(ok.problems, []);
    const fm = new PrincipleMatcher(ok.framework!);
    assert.deepEqual(
      fm.scan('Quality, Candour').matches.map((x) => x.name),
      ['Craft', 'Candour'],
    );
    const bad = parseFramework('principles:\n  - title: Craft\n');
    assert.ok(bad.problems.length > 0);
    assert.match(bad.problems[0]!.message, /name/);
  });
});
