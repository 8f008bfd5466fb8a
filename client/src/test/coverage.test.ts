// Principle coverage: the data behind the "Principle Coverage" view and the
// status bar, that the workbench really asks the view's provider for rows,
// and that an edit to a story updates all of it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../server/src/protocol';
import type { CoverageNode } from '../coverageTree';
import type { StatusInfo } from '../extension';
import { closeAll, diskText, file, getApi, restore, waitFor } from './helpers';

/** The fixture workspace's coverage, principle by principle (target 2). */
const EXPECTED: [string, number][] = [
  ['Customer Obsession', 0], // refund-flow's "Customer Obssesion" is not a principle
  ['Ownership', 1],
  ['Invent and Simplify', 0],
  ['Are Right, A Lot', 0],
  ['Learn and Be Curious', 1],
  ['Hire and Develop the Best', 1],
  ['Insist on the Highest Standards', 1],
  ['Think Big', 0],
  ['Bias for Action', 1],
  ['Frugality', 1],
  ['Earn Trust', 2],
  ['Dive Deep', 2],
  ['Have Backbone; Disagree and Commit', 0],
  ['Deliver Results', 1],
  ["Strive to be Earth's Best Employer", 0],
  ['Success and Scale Bring Broad Responsibility', 0],
];

const counts = (c: CoverageResult | undefined) => c?.principles.map((p) => [p.principle, p.count] as [string, number]);
const countOf = (c: CoverageResult | undefined, name: string) => c?.principles.find((p) => p.principle === name)?.count;

async function status(): Promise<StatusInfo | undefined> {
  return vscode.commands.executeCommand<StatusInfo | undefined>('starStories.getStatus');
}

export default function register(): void {
  describe('principle coverage', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('lists all 16 principles with the fixture workspace counts', async () => {
      const api = await getApi();
      const c = await waitFor(
        () => {
          const c = api.coverage();
          return JSON.stringify(counts(c)) === JSON.stringify(EXPECTED) ? c : undefined;
        },
        'the expected coverage',
        undefined,
        () => JSON.stringify(counts(api.coverage())),
      );
      assert.equal(c.total, 16);
      assert.equal(c.covered, 9);
      assert.equal(c.target, 2);
      const byName = new Map(c.principles.map((p) => [p.principle, p]));
      assert.equal(byName.get('Earn Trust')!.state, 'covered');
      assert.equal(byName.get('Ownership')!.state, 'below');
      assert.equal(byName.get('Think Big')!.state, 'none');
      assert.deepEqual(
        byName
          .get('Earn Trust')!
          .stories.map((s) => s.title)
          .sort(),
        ['Fixing a confusing refund flow', 'Moving nightly reports off a dying server'],
      );
      assert.deepEqual(
        byName
          .get('Dive Deep')!
          .stories.map((s) => vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri)))
          .sort(),
        ['stories/checkout-latency.md', 'story-bank.md'],
      );
    });

    it('starStories.getCoverage returns the same data as the API', async () => {
      const api = await getApi();
      const fromCommand = await vscode.commands.executeCommand<CoverageResult>('starStories.getCoverage');
      assert.deepEqual(counts(fromCommand), counts(api.coverage()));
    });

    it('the status bar shows LP 9/16 and names the missing principles in its hover', async () => {
      const s = await waitFor(async () => {
        const s = await status();
        return s?.text === 'LP 9/16' ? s : undefined;
      }, 'the status bar to show LP 9/16');
      assert.equal(s.command, 'starStories.showCoverage');
      assert.match(s.tooltip, /9 of 16 principles have a story/);
      assert.match(s.tooltip, /No story yet: Customer Obsession, Invent and Simplify/);
    });

    it('the workbench asks the coverage view for its 16 rows when the view is shown', async () => {
      const api = await getApi();
      const provider = api.coverageProvider;
      const asked: (CoverageNode | undefined)[] = [];
      const items: vscode.TreeItem[] = [];
      const origChildren = provider.getChildren.bind(provider);
      const origItem = provider.getTreeItem.bind(provider);
      provider.getChildren = (node?: CoverageNode) => {
        asked.push(node);
        return origChildren(node);
      };
      provider.getTreeItem = (node: CoverageNode) => {
        const item = origItem(node);
        items.push(item);
        return item;
      };
      try {
        await vscode.commands.executeCommand('starStories.showCoverage');
        await api.refresh(); // fires onDidChangeTreeData: a registered, visible view asks again
        await waitFor(
          () => asked.some((n) => n === undefined) && items.length >= 16,
          'VS Code to ask the Principle Coverage view for its rows (is its tree data provider registered?)',
          15_000,
          () => `getChildren ${asked.length} times, getTreeItem ${items.length} times`,
        );
      } finally {
        provider.getChildren = origChildren;
        provider.getTreeItem = origItem;
      }
      const rows = new Map<string, string>();
      for (const it of items) {
        const label = typeof it.label === 'string' ? it.label : it.label?.label;
        if (it.id?.startsWith('principle:') && !it.id.slice(10).includes(':') && label) rows.set(label, String(it.description));
      }
      assert.equal(rows.size, 16, JSON.stringify([...rows]));
      assert.equal(rows.get('Earn Trust'), '2 stories');
      assert.equal(rows.get('Ownership'), '1 story (target 2)');
      assert.equal(rows.get('Think Big'), 'no story yet');
    });

    it('adding a principle to a story updates coverage and the status bar', async () => {
      const api = await getApi();
      const rel = 'stories/hiring-loop.md';
      const original = await diskText(rel);
      const doc = await vscode.workspace.openTextDocument(file(rel));
      await vscode.window.showTextDocument(doc);
      try {
        const edit = new vscode.WorkspaceEdit();
        const line = doc
          .getText()
          .split('\n')
          .findIndex((l) => l.startsWith('principles:'));
        assert.equal(doc.lineAt(line).text, 'principles: [Hire and Develop the Best]');
        edit.replace(doc.uri, doc.lineAt(line).range, 'principles: [Hire and Develop the Best, Think Big]');
        assert.ok(await vscode.workspace.applyEdit(edit));
        // unsaved: the open document wins over the disk
        const c = await waitFor(
          () => (countOf(api.coverage(), 'Think Big') === 1 ? api.coverage() : undefined),
          'Think Big to have 1 story',
          undefined,
          () => JSON.stringify(counts(api.coverage())),
        );
        assert.equal(c.covered, 10);
        assert.equal(c.principles.find((p) => p.principle === 'Think Big')!.stories[0]!.title, 'Redesigning our interview loop');
        await waitFor(async () => (await status())?.text === 'LP 10/16', 'the status bar to show LP 10/16');
        const story = await waitFor(
          () => api.stories()?.find((s) => s.title === 'Redesigning our interview loop' && s.principles.includes('Think Big')),
          'the Stories view to list Think Big on the story',
        );
        assert.deepEqual(story.principles, ['Hire and Develop the Best', 'Think Big']);
      } finally {
        await restore(doc, original);
      }
      await waitFor(() => countOf(api.coverage(), 'Think Big') === 0, 'Think Big back to 0 after the restore');
      await waitFor(async () => (await status())?.text === 'LP 9/16', 'the status bar back to LP 9/16');
    });
  });
}
