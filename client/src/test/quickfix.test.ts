// Quick fixes as the light bulb offers them (vscode.executeCodeActionProvider),
// applied with workspace.applyEdit; each test puts its file back afterwards.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { actionsWith, applyAction, closeAll, codeActions, diskText, file, getApi, pick, restore, waitFor, waitForDiags, withCode } from './helpers';

async function openWith(rel: string, code: string): Promise<{ doc: vscode.TextDocument; d: vscode.Diagnostic; original: string }> {
  const uri = file(rel);
  const original = await diskText(rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const [d] = withCode(await waitForDiags(uri, code, (ds) => withCode(ds, code).length > 0), code);
  return { doc, d: d!, original };
}

export default function register(): void {
  describe('quick fixes', () => {
    before(async () => {
      await getApi();
    });
    afterEach(closeAll);

    it('"Add a Task part" inserts `## Task` before the Action and the warning goes away', async () => {
      const { doc, d, original } = await openWith('stories/nightly-reports.md', 'missing-section');
      try {
        const actions = await actionsWith(doc.uri, d.range, 'Add a Task part');
        const fix = pick(actions, 'Add a Task part');
        assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.equal(fix.isPreferred, true);
        const text = await applyAction(doc, fix);
        assert.equal(text, original.replace('\n## Action\n', '\n## Task\n\n\n## Action\n'));
        // the cursor is in the new part, on the empty line under its heading, ready to type
        const editor = vscode.window.activeTextEditor!;
        assert.equal(editor.document.uri.toString(), doc.uri.toString());
        const taskLine = text.split('\n').indexOf('## Task');
        assert.ok(editor.selection.isEmpty);
        assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [taskLine + 2, 0]);
        await waitForDiags(doc.uri, 'missing-section to go', (ds) => withCode(ds, 'missing-section').length === 0);
      } finally {
        await restore(doc, original);
      }
      await waitForDiags(doc.uri, 'missing-section back after the restore', (ds) => withCode(ds, 'missing-section').length === 1);
    });

    it('"Change to "Customer Obsession"" replaces the misspelt principle and the error goes away', async () => {
      const { doc, d, original } = await openWith('stories/refund-flow.md', 'unknown-principle');
      try {
        const actions = await actionsWith(doc.uri, d.range, 'Change to "Customer Obsession"');
        const fix = pick(actions, 'Change to "Customer Obsession"');
        assert.equal(fix.isPreferred, true);
        const text = await applyAction(doc, fix);
        assert.equal(text, original.replace('  - Customer Obssesion\n', '  - Customer Obsession\n'));
        await waitForDiags(doc.uri, 'unknown-principle to go', (ds) => ds.length === 0);
      } finally {
        await restore(doc, original);
      }
      await waitForDiags(doc.uri, 'unknown-principle back after the restore', (ds) => withCode(ds, 'unknown-principle').length === 1);
    });

    it('"Disable missing-section for this line" adds a disable-next-line comment and silences it', async () => {
      const { doc, d, original } = await openWith('story-bank.md', 'missing-section');
      try {
        const actions = await actionsWith(doc.uri, d.range, 'Disable missing-section for this line');
        const titles = actions.map((a) => a.title);
        assert.ok(titles.includes('Add a Task part'), JSON.stringify(titles));
        assert.ok(titles.includes('Disable missing-section for this file'), JSON.stringify(titles));
        const fix = pick(actions, 'Disable missing-section for this line');
        assert.notEqual(fix.isPreferred, true);
        const text = await applyAction(doc, fix);
        assert.equal(
          text,
          original.replace(
            '\n## Renewing an expiring certificate at midnight\n',
            '\n<!-- star-stories-disable-next-line missing-section -->\n## Renewing an expiring certificate at midnight\n',
          ),
        );
        assert.equal(doc.lineAt(d.range.start.line).text, '<!-- star-stories-disable-next-line missing-section -->');
        await waitForDiags(doc.uri, 'missing-section to be silenced', (ds) => withCode(ds, 'missing-section').length === 0);
      } finally {
        await restore(doc, original);
      }
      await waitForDiags(doc.uri, 'missing-section back after the restore', (ds) => withCode(ds, 'missing-section').length === 1);
    });

    it('Fix All adds no part: on a bank with a missing Task it offers nothing, on a misspelt principle it corrects only the name', async () => {
      const bank = await openWith('story-bank.md', 'missing-section');
      const fixAll = async (uri: vscode.Uri) =>
        (
          (await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            uri,
            new vscode.Range(0, 0, 0, 0),
            'source.fixAll.starStories',
          )) ?? []
        ).filter((a) => a.kind?.value === 'source.fixAll.starStories');
      assert.deepEqual(
        (await fixAll(bank.doc.uri)).map((a) => a.title),
        [],
      );
      const refund = await openWith('stories/refund-flow.md', 'unknown-principle');
      try {
        const [all] = await waitFor(async () => {
          const found = await fixAll(refund.doc.uri);
          return found.length ? found : undefined;
        }, 'the fix-all action');
        const text = await applyAction(refund.doc, all!);
        assert.equal(text, refund.original.replace('  - Customer Obssesion\n', '  - Customer Obsession\n'));
      } finally {
        await restore(refund.doc, refund.original);
      }
    });

    it('lists each "Disable" action once for the line of a title with several findings', async () => {
      const { doc, d } = await openWith('story-bank.md', 'missing-section');
      const actions = await actionsWith(doc.uri, d.range, 'Disable missing-section for this line');
      const titles = actions.map((a) => a.title);
      assert.equal(new Set(titles).size, titles.length, JSON.stringify(titles));
      assert.ok(!titles.some((t) => /^Add a [AEIOU]/.test(t)), JSON.stringify(titles));
    });

    it('"Move Task above Action" puts a Task told after the Action back in order, losing nothing', async () => {
      const uri = file('stories/hiring-loop.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const original = doc.getText();
      const task = '## Task\n\nI was asked to make the loop faster and fairer without lowering the bar.\n\n';
      assert.ok(original.includes(task), 'the fixture has its Task');
      // the Task moved below the Action, as a candidate might write it
      const swapped = original.replace(task, '').replace('## Result\n', `${task}## Result\n`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), swapped);
      try {
        assert.ok(await vscode.workspace.applyEdit(edit));
        const [d] = withCode(await waitForDiags(uri, 'section-order', (ds) => withCode(ds, 'section-order').length > 0), 'section-order');
        assert.equal(d!.message, 'Task comes after Action; tell it as Situation, Task, Action, Result.');
        const fix = pick(await actionsWith(uri, d!.range, 'Move Task above Action'), 'Move Task above Action');
        assert.equal(await applyAction(doc, fix), original);
        await waitForDiags(uri, 'section-order to go', (ds) => withCode(ds, 'section-order').length === 0);
      } finally {
        await restore(doc, original);
      }
    });

    it('offers no quick fix on a clean story', async () => {
      const uri = file('stories/hiring-loop.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      // the server has the document once it answers with the story's code lens ("… words · … min · …")
      await waitFor(async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return (lenses ?? []).some((l) => /words/.test(l.command?.title ?? ''));
      }, 'the code lens of the story');
      const actions = await codeActions(uri, new vscode.Range(1, 0, 1, 10));
      const ours = actions.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value && /Task|Change to|Disable/.test(a.title));
      assert.deepEqual(
        ours.map((a) => a.title),
        [],
      );
    });
  });
}
