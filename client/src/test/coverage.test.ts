// Principle coverage: the data behind the "Principle Coverage" view and the
// status bar, that the workbench really asks the view's provider for rows,
// and that an edit to a story updates all of it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageResult } from '../../../server/src/protocol';
import { type CoverageNode, NEW_STORY_FOR_PRINCIPLE } from '../coverageTree';
import type { StatusInfo } from '../extension';
import { closeAll, diskText, EXTENSION_ID, file, getApi, restore, waitFor } from './helpers';

const provider = (api: Awaited<ReturnType<typeof getApi>>) => api.coverageProvider;

/** The fixture workspace's coverage, principle by principle: stories tagged (target 2). */
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

/**
 * Of them, the stories ready to tell (the fixture turns story-length off, so length is no condition):
 * nightly-reports and the certificate story have no Task.
 */
const READY: Record<string, number> = {
  'Learn and Be Curious': 1,
  'Hire and Develop the Best': 1,
  'Insist on the Highest Standards': 1,
  Frugality: 1,
  'Earn Trust': 1,
  'Dive Deep': 2,
  'Deliver Results': 1,
};

/** The principles in the order the view lists them: no story, then below the target (fewer ready first), then met. */
const BY_NEED = [
  'Customer Obsession',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Think Big',
  'Have Backbone; Disagree and Commit',
  "Strive to be Earth's Best Employer",
  'Success and Scale Bring Broad Responsibility',
  'Ownership',
  'Bias for Action',
  'Learn and Be Curious',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Frugality',
  'Earn Trust',
  'Deliver Results',
  'Dive Deep',
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

    it('lists all 16 principles with the fixture workspace counts, tagged and ready apart', async () => {
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
      assert.deepEqual([c.total, c.covered, c.ready, c.met, c.target], [16, 9, 7, 1, 2]);
      for (const p of c.principles) assert.equal(p.ready, READY[p.principle] ?? 0, p.principle);
      const byName = new Map(c.principles.map((p) => [p.principle, p]));
      // met needs the target of READY stories: Earn Trust has two tagged, one ready
      assert.equal(byName.get('Dive Deep')!.state, 'met');
      assert.equal(byName.get('Earn Trust')!.state, 'below');
      assert.equal(byName.get('Ownership')!.state, 'below');
      assert.equal(byName.get('Think Big')!.state, 'none');
      assert.deepEqual(
        byName
          .get('Earn Trust')!
          .stories.map((s) => [s.title, s.ready, s.why])
          .sort(),
        [
          ['Fixing a confusing refund flow', true, []],
          ['Moving nightly reports off a dying server', false, ['no Task']],
        ],
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

    it('the status bar shows LP 7/16 ready · 9 tagged, and lists the gaps in its hover', async () => {
      const s = await waitFor(async () => {
        const s = await status();
        return s?.text === 'LP 7/16 ready · 9 tagged' ? s : undefined;
      }, 'the status bar to show LP 7/16 ready · 9 tagged');
      assert.equal(s.command, 'starStories.showCoverage');
      assert.match(s.tooltip, /7 of 16 principles have a story ready to tell/);
      assert.match(s.tooltip, /9 of 16 have a tagged story/);
      // lists, one principle an item: names hold commas of their own
      assert.match(s.tooltip, /No story yet:\n\n- Customer Obsession\n- Invent and Simplify\n- Are Right, A Lot\n/);
      assert.match(s.tooltip, /Tagged, but no story ready yet:\n\n- Ownership\n- Bias for Action\n/);
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
      assert.equal(rows.get('Earn Trust'), '1 of 2 ready · 2 tagged');
      assert.equal(rows.get('Ownership'), '0 of 2 ready · 1 tagged');
      assert.equal(rows.get('Dive Deep'), '2 ready · 2 tagged');
      assert.equal(rows.get('Think Big'), 'no story yet');
    });

    it('plans: principles by need, gaps in the warning colour, an inline New Story action, stories with their state', async () => {
      const api = await getApi();
      const provider = api.coverageProvider;
      const roots = provider.getChildren();
      assert.deepEqual(
        roots.map((n) => (n.kind === 'principle' ? n.principle.principle : '')),
        BY_NEED,
      );
      const itemOf = (name: string) => provider.getTreeItem(roots.find((n) => n.kind === 'principle' && n.principle.principle === name)!);
      for (const [name, state] of [
        ['Think Big', 'none'],
        ['Earn Trust', 'below'],
        ['Dive Deep', 'met'],
      ] as const) {
        const item = itemOf(name);
        assert.equal(item.contextValue, `principle.${state}`);
        // a plain label: no search-match highlights
        assert.deepEqual(item.label, { label: name });
        const icon = item.iconPath as vscode.ThemeIcon;
        const deco = provider.provideFileDecoration(item.resourceUri!);
        if (state === 'met') {
          assert.equal(icon.color?.id, 'testing.iconPassed');
          assert.equal(deco, undefined);
        } else {
          assert.equal(icon.color?.id, 'problemsWarningIcon.foreground', name);
          assert.equal((deco?.color as vscode.ThemeColor | undefined)?.id, 'list.warningForeground', name);
        }
      }
      // the tooltip is a list, one line a fact
      const tip = (itemOf('Earn Trust').tooltip as vscode.MarkdownString).value;
      assert.match(tip, /^- Tagged: 2 stories$/m);
      assert.match(tip, /^- Ready: 1 \(target: 2\)$/m);
      assert.match(tip, /^- ✗ Moving nightly reports off a dying server: no Task$/m);
      // the inline action on every principle row
      const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as {
        command: string;
        when: string;
        group: string;
      }[];
      const inline = menus.find((m) => m.command === NEW_STORY_FOR_PRINCIPLE);
      assert.ok(inline && inline.group === 'inline' && /view == starStories\.coverage/.test(inline.when), JSON.stringify(menus));
      assert.ok((await vscode.commands.getCommands(true)).includes(NEW_STORY_FOR_PRINCIPLE));
      // child stories: ready first, each with its state and findings
      const earn = roots.find((n) => n.kind === 'principle' && n.principle.principle === 'Earn Trust')!;
      const children = provider.getChildren(earn).map((n) => provider.getTreeItem(n));
      assert.deepEqual(
        children.map((c) => c.label),
        ['Fixing a confusing refund flow', 'Moving nightly reports off a dying server'],
      );
      assert.match(String(children[0]!.description), /^ready( · \d+ findings?)?$/);
      assert.match(String(children[1]!.description), /^no Task · \d+ findings?$/);
      assert.equal((children[1]!.iconPath as vscode.ThemeIcon).color?.id, 'problemsWarningIcon.foreground');
      assert.match((children[1]!.tooltip as vscode.MarkdownString).value, /^- no Task$/m);
      // opening a story puts the cursor on its title, selecting nothing
      assert.equal(children[1]!.command!.command, 'starStories.openStory');
      const at = children[1]!.command!.arguments![1] as { line: number; character: number };
      assert.deepEqual(Object.keys(at).sort(), ['character', 'line'], 'a position, not a range to select');
    });

    it('"New Story for this principle" asks for a title with that principle picked and writes the story tagged with it', async () => {
      const api = await getApi();
      const w = vscode.window as unknown as Record<string, unknown>;
      const origInput = w.showInputBox;
      const origPick = w.showQuickPick;
      let offered: (vscode.QuickPickItem & { name?: string })[] = [];
      let uri: vscode.Uri | undefined;
      try {
        w.showInputBox = async () => 'Choosing a bolder launch plan';
        w.showQuickPick = async (items: readonly (vscode.QuickPickItem & { name?: string })[]) => {
          offered = [...(await items)];
          return offered.filter((i) => i.picked);
        };
        const thinkBig = provider(api)
          .getChildren()
          .find((n) => n.kind === 'principle' && n.principle.principle === 'Think Big')!;
        uri = await vscode.commands.executeCommand<vscode.Uri>(NEW_STORY_FOR_PRINCIPLE, thinkBig);
      } finally {
        w.showInputBox = origInput;
        w.showQuickPick = origPick;
      }
      assert.ok(uri instanceof vscode.Uri, `the command returned ${String(uri)}`);
      try {
        assert.deepEqual(
          offered.filter((i) => i.picked).map((i) => i.name),
          ['Think Big'],
        );
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        assert.match(text, /principles:\n {2}- Think Big\n/);
      } finally {
        const doc = await vscode.workspace.openTextDocument(uri);
        await restore(doc, '');
        await vscode.workspace.fs.delete(uri, { useTrash: false });
      }
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
        assert.deepEqual([c.covered, c.ready], [10, 8]);
        assert.equal(c.principles.find((p) => p.principle === 'Think Big')!.stories[0]!.title, 'Redesigning our interview loop');
        await waitFor(async () => (await status())?.text === 'LP 8/16 ready · 10 tagged', 'the status bar to show LP 8/16 ready · 10 tagged');
        const story = await waitFor(
          () => api.stories()?.find((s) => s.title === 'Redesigning our interview loop' && s.principles.includes('Think Big')),
          'the Stories view to list Think Big on the story',
        );
        assert.deepEqual(story.principles, ['Hire and Develop the Best', 'Think Big']);
      } finally {
        await restore(doc, original);
      }
      await waitFor(() => countOf(api.coverage(), 'Think Big') === 0, 'Think Big back to 0 after the restore');
      await waitFor(async () => (await status())?.text === 'LP 7/16 ready · 9 tagged', 'the status bar back to LP 7/16 ready · 9 tagged');
    });
  });
}
