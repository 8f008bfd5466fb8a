import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseConfig, Workspace } from '../../server/src/core';

const STORY = `---
title: Cutting build times
principles: [Dive Deep, Frugality, Ownership, Think Big]
---
## Situation
The build took 40 minutes.
## Action
I cached dependencies.
## Result
Builds took 6 minutes.
`;

function rules(ws: Workspace, uri = 's.md') {
  return ws.diagnostics().get(uri)!.map((d) => `${d.rule}:${d.severity}`);
}

describe('configuration (.starstories.yaml)', () => {
  it('turns rules off, re-levels them and sets options', () => {
    const base = new Workspace();
    base.set('s.md', STORY);
    assert.ok(rules(base).includes('missing-section:warning'));
    assert.ok(rules(base).includes('too-many-principles:information'));

    const { config, problems } = parseConfig('rules:\n  missing-section: error\n  story-length: off\n  too-many-principles: { max: 4 }\n');
    assert.deepEqual(problems, []);
    const ws = new Workspace(config);
    ws.set('s.md', STORY);
    assert.ok(rules(ws).includes('missing-section:error'));
    assert.ok(!rules(ws).some((r) => r.startsWith('story-length')));
    assert.ok(!rules(ws).some((r) => r.startsWith('too-many-principles')));
  });

  it('explains invalid configuration instead of guessing', () => {
    assert.match(parseConfig('rules:\n  missing-section: loud\n').problems[0]!.message, /missing-section.*one of/);
    assert.match(parseConfig('rules: [\n').problems[0]!.message, /not valid YAML/);
    assert.match(parseConfig('colour: blue\n').problems[0]!.message, /unknown key `colour`/);
  });

  it('takes an inline framework', () => {
    const { config } = parseConfig('framework:\n  name: Acme\n  principles:\n    - name: Craft\n    - name: Candour\n');
    const ws = new Workspace(config);
    ws.set('a.md', '---\ntitle: A\nprinciples: [Craft, Dive Deep]\n---\n## Situation\nx\n');
    const unknown = ws.diagnostics().get('a.md')!.filter((d) => d.rule === 'unknown-principle');
    assert.deepEqual(unknown.map((d) => d.message.split('"')[1]), ['Dive Deep']);
    assert.deepEqual(ws.coverage().map((c) => c.principle), ['Craft', 'Candour']);
  });
});

describe('inline suppression', () => {
  const story = (before: string) => `${before}## Outage review\n\nPrinciples: Dive Deep\n\n### Situation\nThe queue backed up.\n`;
  const ids = (text: string) => {
    const ws = new Workspace();
    ws.set('x.md', text);
    return ws.diagnostics().get('x.md')!.map((d) => d.rule);
  };
  it('disable-next-line silences one rule on the next line', () => {
    const all = ids(story(''));
    assert.ok(all.includes('missing-section'));
    const some = ids(story('<!-- star-stories-disable-next-line missing-section -->\n'));
    assert.ok(!some.includes('missing-section'));
    assert.ok(some.includes('story-length'));
  });
  it('disable-file with no ids silences everything; with ids only those', () => {
    assert.deepEqual(ids(story('<!-- star-stories-disable-file -->\n\n')), []);
    const r = ids(story('<!-- star-stories-disable-file story-length missing-section -->\n\n'));
    assert.ok(!r.includes('story-length') && !r.includes('missing-section'));
  });
  it('disable … enable covers the lines between', () => {
    const text = `<!-- star-stories-disable missing-section -->\n${story('')}<!-- star-stories-enable missing-section -->\n\n## Second story: Dive Deep\n\n### Result\nIt fell by 20%.\n`;
    const ws = new Workspace();
    ws.set('x.md', text);
    const lines = ws.diagnostics().get('x.md')!.filter((d) => d.rule === 'missing-section').map((d) => d.range.start.line);
    assert.ok(lines.length > 0 && lines.every((l) => l > 8), `only the second story: ${lines}`);
  });
  it('comments inside code blocks do nothing', () => {
    const r = ids(story('```\n<!-- star-stories-disable-file -->\n```\n\n'));
    assert.ok(r.includes('missing-section'));
  });
});

describe('generated schema validators', () => {
  it('are up to date with schemas/*.json', () => {
    const root = path.resolve(__dirname, '../..');
    execFileSync(process.execPath, ['scripts/gen-validators.mjs', '--check'], { cwd: root, stdio: 'pipe' });
  });
});
