import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { mergeConfig, parseConfig, readConfigData, RULES, RULES_BY_ID, Workspace } from '../../server/src/core';
import { loadConfig, withLevels } from '../../server/src/node/files';

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
  return ws
    .diagnostics()
    .get(uri)!
    .map((d) => `${d.rule}:${d.severity}`);
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

  it("checks rule options against the rule's own schema: an unknown option names the rule, the option and the near miss", () => {
    const { problems, config } = parseConfig('rules:\n  story-length: { maxMinute: 2 }\n  missing-section: error\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /rule `story-length` has no option `maxMinute` \(did you mean `maxMinutes`\?\)/);
    assert.match(problems[0]!.message, /its options are `wordsPerMinute`, `minMinutes`, `maxMinutes`/);
    // the rule with the problem keeps its defaults; the others still apply
    assert.deepEqual(config.options['story-length'], undefined);
    assert.equal(config.levels['missing-section'], 'error');
  });

  it('names the expected type of an option given the wrong one', () => {
    const [p] = parseConfig('rules:\n  story-length: { maxMinutes: "2" }\n').problems;
    assert.equal(p!.message, '.starstories.yaml: option `maxMinutes` of rule `story-length` must be a number, not the string "2".');
    assert.match(
      parseConfig('rules:\n  too-many-principles: { max: 2.5 }\n').problems[0]!.message,
      /`max` of rule `too-many-principles` must be a whole number/,
    );
    assert.match(parseConfig('rules:\n  action-share: { minShare: 35 }\n').problems[0]!.message, /`minShare` of rule `action-share` must be at most 1, not 35/);
    assert.match(
      parseConfig('rules:\n  empty-section: { placeholders: TBD }\n').problems[0]!.message,
      /`placeholders` of rule `empty-section` must be a list of words/,
    );
    assert.match(parseConfig('rules:\n  duplicate-title: { max: 2 }\n').problems[0]!.message, /rule `duplicate-title` has no option `max`; it has no options/);
    assert.match(parseConfig('rules:\n  missing-sections: off\n').problems[0]!.message, /unknown rule `missing-sections` \(did you mean `missing-section`\?\)/);
  });

  it("accepts every rule's own defaults as options", () => {
    const rules = Object.fromEntries(RULES.map((r) => [r.meta.id, { level: r.meta.defaultSeverity, ...r.meta.defaultOptions }]));
    assert.deepEqual(readConfigData({ rules }, 'test').problems, []);
  });

  it('merges settings under the file: levels and options rule by rule, the file winning', () => {
    const settings = readConfigData(
      { rules: { 'story-length': { maxMinutes: 4, wordsPerMinute: 120 }, 'we-not-i': 'off' }, coverage: { target: 3 } },
      'settings',
    );
    const file = parseConfig('rules:\n  story-length: { maxMinutes: 2 }\n');
    const c = mergeConfig(settings.layer, file.layer);
    assert.deepEqual(c.options['story-length'], { maxMinutes: 2, wordsPerMinute: 120 });
    assert.equal(c.levels['we-not-i'], 'off');
    assert.equal(c.coverageTarget, 3);
    assert.deepEqual(settings.problems, []);
    assert.match(
      readConfigData({ rules: { 'story-length': { maxMinute: 2 } } }, 'settings').problems[0]!.message,
      /^settings: rule `story-length` has no option `maxMinute`/,
    );
  });

  it('a configuration change re-runs the rules without parsing any file again', () => {
    const ws = new Workspace();
    for (let i = 0; i < 5; i++) ws.set(`s${i}.md`, STORY.replace('Cutting build times', `Cutting build times ${i}`));
    const parsed = ws.analyses;
    assert.ok(rules(ws, 's0.md').includes('too-many-principles:information'));
    const reread = ws.setConfig(parseConfig('rules:\n  too-many-principles: { max: 4, level: error }\n  missing-section: off\n').config);
    assert.equal(reread, false);
    assert.equal(ws.analyses, parsed, 'no file was analysed again');
    assert.ok(!rules(ws, 's0.md').some((r) => r.startsWith('too-many-principles') || r.startsWith('missing-section')), rules(ws, 's0.md').join());
    const stricter = ws.setConfig(parseConfig('rules:\n  too-many-principles: { max: 2, level: error }\n').config);
    assert.equal(stricter, false);
    assert.ok(rules(ws, 's0.md').includes('too-many-principles:error'));
    // another framework decides which words are tags: then files are read again
    assert.equal(ws.setConfig(parseConfig('framework:\n  principles:\n    - name: Craft\n').config), true);
    assert.equal(ws.analyses, parsed + 5);
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
    const unknown = ws
      .diagnostics()
      .get('a.md')!
      .filter((d) => d.rule === 'unknown-principle');
    assert.deepEqual(
      unknown.map((d) => d.message.split('"')[1]),
      ['Dive Deep'],
    );
    assert.deepEqual(
      ws.coverage().map((c) => c.principle),
      ['Craft', 'Candour'],
    );
  });
});

describe('inline suppression', () => {
  const story = (before: string) => `${before}## Outage review\n\nPrinciples: Dive Deep\n\n### Situation\nThe queue backed up.\n`;
  const ids = (text: string) => {
    const ws = new Workspace();
    ws.set('x.md', text);
    return ws
      .diagnostics()
      .get('x.md')!
      .map((d) => d.rule);
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
    const lines = ws
      .diagnostics()
      .get('x.md')!
      .filter((d) => d.rule === 'missing-section')
      .map((d) => d.range.start.line);
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

describe('editor settings: rule levels from the Settings editor (starStories.ruleLevels)', () => {
  it('merges levels under starStories.rules: a level in rules goes first, options keep, default levels add nothing', () => {
    const rules = withLevels(
      { 'story-length': { maxMinutes: 2.5 }, 'section-order': 'error' },
      {
        'we-not-i': 'warning',
        'story-length': 'hint',
        'section-order': 'off',
        'missing-section': RULES_BY_ID.get('missing-section')!.meta.defaultSeverity,
        nope: 'error',
      },
    );
    assert.deepEqual(rules, {
      'we-not-i': 'warning',
      'story-length': { maxMinutes: 2.5, level: 'hint' },
      'section-order': 'error',
    });
  });

  it('the server loads them like starStories.rules', () => {
    const loaded = loadConfig(undefined, '/nowhere', { ruleLevels: { 'unquantified-result': 'off' } });
    const ws = new Workspace(loaded.config);
    ws.set('file:///a.md', '# A\n\n## Situation\nThe build broke.\n\n## Task\nI owned it.\n\n## Action\nI fixed it.\n\n## Result\nIt worked again.\n');
    assert.ok(!ws.diagnosticsFor('file:///a.md').some((d) => d.rule === 'unquantified-result'));
  });
});
