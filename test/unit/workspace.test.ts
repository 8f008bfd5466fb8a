import assert from 'node:assert/strict';
import { RULES, Workspace, runWorkspaceRules } from '../../server/src/core';

const story = (title: string, principles = 'Dive Deep') =>
  `---\ntitle: ${title}\nprinciples: [${principles}]\n---\n## Situation\nThe nightly job failed.\n## Task\nI owned the fix.\n## Action\nI traced the lock contention and split the job.\n## Result\nThe job runs in 12 minutes, down from 3 hours.\n`;

describe('workspace', () => {
  it('keeps facts per file and does not analyse unchanged text again', () => {
    const ws = new Workspace();
    const a = ws.set('a.md', story('One'));
    assert.equal(ws.set('a.md', story('One')), a);
    assert.notEqual(ws.set('a.md', story('Two')), a);
  });

  it('finds duplicate titles across files, and clears them when one is renamed or removed', () => {
    const ws = new Workspace();
    ws.set('a.md', story('Fixing the nightly job'));
    ws.set('b.md', story('Fixing the Nightly Job'));
    ws.set('c.md', story('Something else'));
    const dup = (uri: string) =>
      ws
        .diagnostics()
        .get(uri)!
        .filter((d) => d.rule === 'duplicate-title');
    assert.equal(dup('a.md').length, 1);
    assert.equal(dup('a.md')[0]!.related![0]!.uri, 'b.md');
    assert.equal(dup('b.md')[0]!.related![0]!.uri, 'a.md');
    assert.equal(dup('c.md').length, 0);
    ws.set('b.md', story('Fixing the nightly job, again'));
    assert.equal(dup('a.md').length, 0);
    ws.set('b.md', story('Fixing the nightly job'));
    assert.equal(dup('a.md').length, 1);
    ws.delete('b.md');
    assert.equal(dup('a.md').length, 0);
  });

  it('gives a file without stories no diagnostics, and a clean story an empty list', () => {
    const ws = new Workspace();
    ws.set('notes.md', '# Prep notes\n\n- 3 rounds of 45 minutes in Q3 2024\n- EC2, S3\n');
    ws.set('ok.md', story('Clean'));
    assert.deepEqual(ws.diagnostics().get('notes.md'), []);
    assert.deepEqual(
      ws
        .diagnostics()
        .get('ok.md')!
        .filter((d) => d.severity !== 'information'),
      [],
    );
  });

  it('computes coverage with states against the target', () => {
    const ws = new Workspace();
    ws.set('a.md', story('A', 'Dive Deep, Ownership'));
    ws.set('b.md', story('B', 'Dive Deep'));
    const cov = new Map(ws.coverage().map((c) => [c.principle, c]));
    // two stories tagged, none ready (each is far too short to tell): below the target
    assert.equal(cov.get('Dive Deep')!.state, 'below');
    assert.deepEqual([cov.get('Dive Deep')!.stories.length, cov.get('Dive Deep')!.ready], [2, 0]);
    assert.equal(cov.get('Ownership')!.state, 'below');
    assert.equal(cov.get('Think Big')!.state, 'none');
    assert.deepEqual(
      cov.get('Dive Deep')!.stories.map((s) => s.title),
      ['A', 'B'],
    );
  });

  it('opts a file out with star: false', () => {
    const ws = new Workspace();
    ws.set('x.md', '---\nstar: false\n---\n## Situation\n\n## Result\nTBD\n');
    assert.deepEqual(ws.diagnostics().get('x.md'), []);
    assert.equal(ws.get('x.md')!.stories.length, 0);
  });

  it('keeps the incremental cross-file pass equal to a full one through edits, renames and deletes', () => {
    const ws = new Workspace();
    const withClaim = (title: string, company: string, pct: number, extra = '') =>
      story(title)
        .replace('## Situation', `company-less line\n\n## Situation`)
        .replace('---\n## Situation', '---\n## Situation')
        .replace('The job runs in 12 minutes, down from 3 hours.', `I reduced query time by ${pct}% for ${company}.${extra}`);
    const full = () => {
      const f = runWorkspaceRules(ws.files(), ws.getRules());
      return JSON.stringify(
        [...f.entries()]
          .map(([u, l]) => [
            u,
            [...l].sort((a, b) => a.range.start.line - b.range.start.line || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message)),
          ])
          .sort(),
      );
    };
    const incremental = () => {
      const f = ws.workspaceFindings();
      return JSON.stringify(
        [...f.entries()]
          .filter(([, l]) => l.length)
          .map(([u, l]) => [
            u,
            [...l].sort((a, b) => a.range.start.line - b.range.start.line || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message)),
          ])
          .sort(),
      );
    };
    ws.set('a.md', withClaim('One', 'x', 15));
    ws.set('b.md', withClaim('One', 'x', 25));
    ws.set('c.md', withClaim('Three', 'x', 15));
    assert.equal(incremental(), full());
    const steps: [string, string | undefined][] = [
      ['b.md', withClaim('Two', 'x', 25)],
      ['c.md', withClaim('Two', 'x', 15, ' Then more.')],
      ['a.md', undefined],
      ['d.md', withClaim('Two', 'x', 15)],
      ['b.md', withClaim('Two', 'x', 15)],
      ['e.md', withClaim('Two', 'x', 15)],
      // a claim that changes what it measures leaves one group and joins another
      ['b.md', withClaim('Two', 'x', 25).replace('query time', 'build time')],
      ['d.md', withClaim('Two', 'x', 35).replace('query time', 'build time')],
      ['b.md', withClaim('Two', 'x', 25)],
    ];
    for (const [uri, text] of steps) {
      if (text === undefined) ws.delete(uri);
      else ws.set(uri, text);
      assert.equal(incremental(), full(), `after changing ${uri}`);
    }
    // a rule turned off, then on again: its findings leave every file, then come back
    const before = incremental();
    assert.match(before, /duplicate-title/);
    ws.setConfig({ ...ws.getConfig(), levels: { 'duplicate-title': 'off' } });
    assert.doesNotMatch(incremental(), /duplicate-title/);
    ws.setConfig({ ...ws.getConfig(), levels: {} });
    assert.equal(incremental(), before);
  });
  it("keeps a story bank's cross-file findings equal to a full pass through edits, each finding under one of its file's keys", () => {
    const bankStory = (title: string, company: string, pct: number, what = 'query time') =>
      `## ${title}\n\nPrinciples: Dive Deep\n\n### Situation\nAt ${company} the nightly job failed.\n\n### Task\nI owned the fix.\n\n### Action\nI traced the lock contention.\n\n### Result\nI reduced ${what} by ${pct}% at ${company}.\n`;
    const bank = (stories: string[]) => `# Story bank\n\n${stories.join('\n')}`;
    const ws = new Workspace();
    const canon = (m: ReadonlyMap<string, readonly { rule: string; message: string; range: { start: { line: number } } }[]>) =>
      JSON.stringify(
        [...m.entries()]
          .filter(([, l]) => l.length)
          .map(([u, l]) => [u, [...l].map((f) => `${f.range.start.line} ${f.rule} ${f.message}`).sort()])
          .sort(),
      );
    const check = (why: string) => {
      assert.equal(canon(ws.workspaceFindings()), canon(runWorkspaceRules(ws.files(), ws.getRules())), why);
      for (const rule of RULES) {
        if (rule.scope !== 'workspace') continue;
        for (const [uri, list] of rule.check({ files: ws.files(), options: rule.meta.defaultOptions })) {
          const keys = (rule.keys as (f: unknown, o: unknown) => string[])(ws.get(uri)!, rule.meta.defaultOptions);
          for (const f of list)
            assert.ok(f.key !== undefined && keys.includes(f.key), `${rule.meta.id}: a finding in ${uri} without one of its file's keys (${f.key})`);
        }
      }
    };
    const titles = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta'];
    ws.set('bank.md', bank(titles.map((t, i) => bankStory(t, 'Acme', 10 + (i % 3) * 10))));
    ws.set('other.md', bank([bankStory('Alpha', 'Acme', 20), bankStory('Omega', 'Acme', 40, 'build time')]));
    check('at first');
    assert.match(canon(ws.workspaceFindings()), /duplicate-title/);
    assert.match(canon(ws.workspaceFindings()), /metric-conflict/);
    const steps: [string, string][] = [
      ['bank.md', bank(titles.map((t, i) => bankStory(t === 'Beta' ? 'Omega' : t, 'Acme', 10 + (i % 3) * 10)))],
      ['bank.md', bank(titles.map((t, i) => bankStory(t, 'Acme', 30, i === 2 ? 'build time' : 'query time')))],
      ['other.md', bank([bankStory('Alpha', 'Initech', 20)])],
      ['bank.md', bank(titles.slice(0, 3).map((t) => bankStory(t, 'Initech', 20)))],
    ];
    for (const [uri, text] of steps) {
      ws.set(uri, text, true);
      check(`after editing ${uri}`);
    }
  });
});
