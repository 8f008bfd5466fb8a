import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type TestClient, withCode, withServer } from './harness';
import { BANK, BOLD_BANK, CLEAN_STORY, NO_TASK_STORY, PRINCIPLES, lineOf } from './stories';
import type { CheckWorkspaceResult, CoverageResult, MatrixResult, PlanResult, StoryInfo } from '../../server/src/protocol';

const MENTORING = `---
title: Growing a new hire into the on-call lead
principles: [Hire and Develop the Best]
company: Northwind
---

## Situation
A new graduate joined my team the week our on-call lead left.

## Task
I had to get her ready to lead on-call within two quarters.

## Action
I paired with her on every incident for a month, then let her lead while I shadowed.

## Result
She led on-call from the fourth month and cut the mean time to resolve by 30%.
`;

/** The coverageChanged notifications the server has sent so far. */
const coverageNotes = (c: TestClient) => c.notificationsOf<CoverageResult>('starStories/coverageChanged');

/** The first coverageChanged after the `seen` ones that satisfies `ok`. */
const nextCoverage = (c: TestClient, seen: number, label: string, ok: (r: CoverageResult) => boolean) =>
  c.until(label, () => coverageNotes(c).slice(seen).find(ok));

const hire = (r: CoverageResult) => r.principles.find((p) => p.principle === 'Hire and Develop the Best')!;

describe('lsp custom requests', () => {
  it('starStories/coverage lists all 16 principles with counts, states, and the stories', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY, 'bank.md': BANK, 'bold.md': BOLD_BANK }, async (c) => {
      await c.ready();
      const cov = await c.request<CoverageResult>('starStories/coverage');
      assert.equal(cov.target, 2);
      assert.equal(cov.total, 16);
      assert.deepEqual(
        cov.principles.map((p) => p.principle),
        PRINCIPLES,
      );
      const by = (name: string) => cov.principles.find((p) => p.principle === name)!;
      const expect: Record<string, number> = {
        'Dive Deep': 2,
        'Deliver Results': 2,
        'Bias for Action': 2,
        Ownership: 1,
        'Invent and Simplify': 1,
        'Think Big': 1,
        Frugality: 1,
        'Earn Trust': 1,
      };
      for (const p of cov.principles) {
        const n = expect[p.principle] ?? 0;
        assert.equal(p.count, n, p.principle);
        assert.equal(p.stories.length, n, p.principle);
        // only the checkout story is ready to tell (the bank's are short drafts): no principle meets the target
        assert.equal(p.state, n === 0 ? 'none' : 'below', p.principle);
        assert.equal(p.ready, p.principle === 'Dive Deep' || p.principle === 'Deliver Results' ? 1 : 0, p.principle);
        assert.ok(p.description.length > 10);
      }
      assert.deepEqual([cov.covered, cov.ready, cov.met], [Object.keys(expect).length, 2, 0]);
      assert.equal(by('Customer Obsession').count, 0, 'a misspelt tag does not count');

      const dive = by('Dive Deep').stories;
      assert.deepEqual(dive.map((s) => s.uri).sort(), [c.uri('bold.md'), c.uri('checkout.md')].sort());
      const inBold = dive.find((s) => s.uri === c.uri('bold.md'))!;
      assert.equal(inBold.range.start.line, lineOf(BOLD_BANK, '**1. Dive Deep'));
      assert.equal(inBold.title.includes('Tracing a memory leak in the billing service'), true);
      const own = by('Ownership').stories[0]!;
      assert.deepEqual([own.uri, own.title, own.range.start.line], [c.uri('bank.md'), 'Refund flow rewrite', lineOf(BANK, '## Refund flow rewrite')]);
      // each story with its state: ready, or why not, and the findings inside it
      const checkout = dive.find((s) => s.uri === c.uri('checkout.md'))!;
      assert.deepEqual([checkout.ready, checkout.why, checkout.findings], [true, [], 0]);
      assert.deepEqual([inBold.ready, inBold.missing], [false, ['task']]);
      assert.match(inBold.why.join('; '), /^no Task; too short \(\d+ of at least 150 words\)$/);
      const inRange = (c.diags('bold.md') ?? []).filter((d) => d.range.start.line >= inBold.range.start.line && d.range.start.line <= inBold.range.end.line);
      assert.equal(inBold.findings, inRange.length);
      assert.ok(inRange.length >= 1);
    });
  });

  it('starStories/plan gives each interviewer of the default loop a story per principle, each event once', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY, 'bank.md': BANK, 'mentoring.md': MENTORING }, async (c) => {
      await c.ready();
      const plan = await c.request<PlanResult>('starStories/plan');
      assert.equal(plan.interviewers.length, 5);
      assert.equal(plan.interviewers[4]!.name, 'Bar Raiser');
      const slots = plan.interviewers.flatMap((iv) => iv.slots);
      assert.equal(slots.length, 16);
      const told = slots.flatMap((s) => [s.story, s.backup]).filter((s) => s !== null);
      assert.equal(new Set(told.map((s) => s!.event)).size, told.length);
      const hire = slots.find((s) => s.principle === 'Hire and Develop the Best')!;
      assert.equal(hire.story?.uri, c.uri('mentoring.md'));
      assert.ok(plan.unfilled.some((u) => u.principle === 'Customer Obsession' && u.slot === 'story'));
      assert.deepEqual(plan.unknownPrinciples, []);
    });
  });

  it('starStories/matrix gives the coverage matrix, and its page for the webview or for a report in a folder', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY, 'bank.md': BANK, 'stories/mentoring.md': MENTORING }, async (c) => {
      await c.ready();
      const data = await c.request<MatrixResult>('starStories/matrix', {});
      assert.equal(data.html, undefined);
      assert.equal(data.matrix.principles.length, 16);
      const coverage = await c.request<CoverageResult>('starStories/coverage');
      for (const p of data.matrix.principles) {
        const cp = coverage.principles.find((x) => x.principle === p.name)!;
        assert.deepEqual([p.stories, p.ready], [cp.count, cp.ready], p.name);
      }
      const mentoring = data.matrix.stories.find((s) => s.uri === c.uri('stories/mentoring.md'))!;
      assert.deepEqual([mentoring.line, mentoring.principles], [1, ['Hire and Develop the Best']]);
      const i = data.matrix.stories.indexOf(mentoring);
      assert.ok(data.matrix.principles.find((p) => p.name === 'Hire and Develop the Best')!.cells[i]);
      // findings by level: the file's diagnostics inside the story
      const inside = (c.diags('stories/mentoring.md') ?? []).length;
      assert.equal(
        Object.values(mentoring.findings).reduce((a, b) => a + b, 0),
        inside,
      );

      // the webview's page: its nonce and source, file names relative to the workspace, no file link
      const web = await c.request<MatrixResult>('starStories/matrix', { html: { mode: 'webview', nonce: 'n0nce42', cspSource: 'vscode-webview:' } });
      assert.match(web.html!, /script-src 'nonce-n0nce42'/);
      assert.match(web.html!, /style-src vscode-webview: 'nonce-n0nce42'/);
      assert.ok(web.html!.includes('stories/mentoring.md:1'));
      assert.ok(!web.html!.includes('href="stories/mentoring.md'));
      // a report saved in a folder: links relative to it, at the story's line
      const web2 = await c.request<MatrixResult>('starStories/matrix', { html: { mode: 'report', folder: path.join(c.dir, 'out') } });
      assert.ok(web2.html!.includes('href="../stories/mentoring.md#L1"'));
      assert.ok(!web2.html!.includes('file://'));
    });
  });

  it('sends starStories/coverageChanged with the new count when a story for an uncovered principle is opened', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const first = coverageNotes(c).at(-1)!;
      assert.equal(hire(first).state, 'none');
      const seen = coverageNotes(c).length;
      c.open('mentoring.md', MENTORING);
      const next = await nextCoverage(c, seen, 'a coverageChanged counting the new story', (r) => hire(r).count === 1);
      assert.equal(hire(next).state, 'below');
      assert.deepEqual(
        hire(next).stories.map((s) => s.uri),
        [c.uri('mentoring.md')],
      );
      assert.equal(next.covered, first.covered + 1);
    });
  });

  it('sends starStories/coverageChanged when a story becomes ready, though its title and tags stay the same', async () => {
    const tooShort = MENTORING;
    const longer = MENTORING.replace(
      'I paired with her on every incident for a month, then let her lead while I shadowed.',
      'I paired with her on every incident for a month and wrote down each decision we made and why. ' +
        'I walked her through our runbooks, asked her to rewrite the two she found hardest, and had her run the weekly incident review. ' +
        'After that I let her lead while I shadowed, stepping in only when she asked, and we met every Friday to go through what had gone well and what had not. ' +
        'I also asked the database and network teams to page her directly so she built her own relationships with them. ' +
        'When she hesitated on a rollback during the third month, I kept quiet and let her make the call, then we went through the timeline together the next morning.',
    );
    await withServer({ 'mentoring.md': tooShort }, async (c) => {
      await c.ready();
      const first = coverageNotes(c).at(-1)!;
      assert.deepEqual([hire(first).count, hire(first).ready, first.ready], [1, 0, 0]);
      assert.match(hire(first).stories[0]!.why.join(), /too short/);
      const seen = coverageNotes(c).length;
      c.open('mentoring.md', longer);
      const next = await nextCoverage(c, seen, 'a coverageChanged with the story ready', (r) => hire(r).ready === 1);
      assert.deepEqual([next.covered, next.ready, hire(next).state, hire(next).stories[0]!.why], [1, 1, 'below', []]);
    });
  });

  it('starStories/stories lists every story with its principles, parts and findings count', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY, 'bank.md': BANK }, async (c) => {
      await c.ready();
      const stories = await c.request<StoryInfo[]>('starStories/stories');
      assert.deepEqual(stories.map((s) => s.title).sort(), [
        'Cutting checkout latency before the holiday peak',
        'Launching the partner portal',
        'Migrating the build to Bazel',
        'Refund flow rewrite',
      ]);
      const clean = stories.find((s) => s.uri === c.uri('checkout.md'))!;
      assert.equal(clean.findings, 0);
      assert.deepEqual(clean.principles, ['Dive Deep', 'Deliver Results']);
      assert.deepEqual(clean.parts, ['situation', 'task', 'action', 'result']);
      assert.ok(clean.words > 150);

      const bankDiags = c.diags('bank.md')!;
      const headings = ['## Refund flow rewrite', '## Migrating the build to Bazel', '## Launching the partner portal'].map((h) => lineOf(BANK, h));
      headings.forEach((start, i) => {
        const end = headings[i + 1] ?? Infinity;
        const s = stories.find((x) => x.uri === c.uri('bank.md') && x.range.start.line === start)!;
        assert.ok(s, `a story at line ${start}`);
        const inside = bankDiags.filter((d) => d.range.start.line >= start && d.range.start.line < end).length;
        assert.equal(s.findings, inside, `${s.title}: findings`);
      });
      const bazel = stories.find((s) => s.title === 'Migrating the build to Bazel')!;
      assert.deepEqual(bazel.parts, ['situation', 'task', 'action']);
      assert.deepEqual(bazel.principles, ['Invent and Simplify']);
      assert.ok(bazel.findings >= 1);
    });
  });

  it('starStories/checkWorkspace re-reads the disk without a watch notification and returns counts', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY, 'bank.md': BANK, 'old.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      assert.deepEqual(c.diags('checkout.md'), []);
      // changed, created and deleted behind the server's back
      c.write('checkout.md', CLEAN_STORY.replace(/## Task\n[^#]*/, ''));
      c.write('new/mentoring.md', MENTORING);
      fs.rmSync(path.join(c.dir, 'old.md'));
      const r = await c.request<CheckWorkspaceResult>('starStories/checkWorkspace');
      assert.equal(r.files, 3);
      assert.equal(r.stories, 5);
      const ds = await c.waitDiags('checkout.md', 'missing-section from the disk', (ds) => withCode(ds, 'missing-section').length === 1);
      assert.equal((ds[0]!.data as { part?: string }).part, 'task');
      await c.waitDiags('new/mentoring.md', 'the new file is published', () => true);
      await c.waitDiags('old.md', 'the deleted file is cleared', (ds) => ds.length === 0);
      const total = ['checkout.md', 'bank.md', 'new/mentoring.md'].reduce((n, f) => n + c.diags(f)!.length, 0);
      assert.equal(r.diagnostics, total);
    });
  });

  it('follows the framework and coverage target of .starstories.yaml', async () => {
    await withServer(
      {
        '.starstories.yaml': 'framework: ./values.yaml\ncoverage: { target: 1 }\n',
        'values.yaml':
          'name: Acme Values\nprinciples:\n  - name: Craft\n    aliases: [Quality]\n    description: Build it well, then make it better.\n  - name: Candour\n    description: Say what you see, kindly.\n',
        'deploys.md':
          '---\ntitle: Fixing the flaky deploys\nprinciples: [Quality]\n---\n\n## Situation\nOne deploy in five failed.\n\n## Task\nI owned the pipeline.\n\n## Action\nI found the race in the migration step and fixed it.\n\n## Result\nFailed deploys fell by 90%.\n',
      },
      async (c) => {
        await c.ready();
        const cov = await c.request<CoverageResult>('starStories/coverage');
        assert.equal(cov.framework, 'Acme Values');
        assert.equal(cov.target, 1);
        assert.deepEqual(
          cov.principles.map((p) => [p.principle, p.count, p.state]),
          [
            ['Craft', 1, 'below'], // its one story is tagged but too short to be ready
            ['Candour', 0, 'none'],
          ],
        );
        c.open('draft.md', '---\ntitle: Telling the VP the launch would slip\nprinciples:\n  - \n---\n');
        const items = await c.request<{ label: string }[]>('textDocument/completion', {
          textDocument: { uri: c.uri('draft.md') },
          position: { line: 3, character: 4 },
        });
        assert.deepEqual(
          items.map((i) => i.label),
          ['Craft', 'Candour'],
        );
      },
    );
  });
});
