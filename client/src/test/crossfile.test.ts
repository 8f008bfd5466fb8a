// Workspace rules: an edit in one story changes the diagnostics of another file.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, diskText, file, getApi, ours, restore, waitFor, waitForDiags, withCode } from './helpers';

export default function register(): void {
  describe('across files', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('giving a story the title of another makes duplicate-title appear in the other (unopened) file', async () => {
      const rel = 'stories/hiring-loop.md';
      const other = file('stories/checkout-latency.md');
      const original = await diskText(rel);
      // the other file is closed and clean
      await closeAll();
      assert.deepEqual(ours(other), []);
      const doc = await vscode.workspace.openTextDocument(file(rel));
      await vscode.window.showTextDocument(doc);
      try {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, doc.lineAt(1).range, 'title: Cutting checkout latency before the holiday peak');
        assert.ok(await vscode.workspace.applyEdit(edit));
        const [d] = withCode(await waitForDiags(other, 'duplicate-title', (ds) => withCode(ds, 'duplicate-title').length === 1), 'duplicate-title');
        assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
        assert.equal(d!.message, '2 stories have this title; give each a title of its own.');
        assert.match(d!.relatedInformation?.[0]?.message ?? '', /Also titled "Cutting checkout latency before the holiday peak"/);
        assert.equal(d!.relatedInformation?.[0]?.location.uri.toString(), doc.uri.toString());
        // and the edited story gets its own
        await waitForDiags(doc.uri, 'duplicate-title', (ds) => withCode(ds, 'duplicate-title').length === 1);
        assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === other.toString()), 'checkout-latency.md stayed unopened');
      } finally {
        await restore(doc, original);
      }
      await waitForDiags(other, 'duplicate-title to go after the restore', (ds) => ds.length === 0);
    });

    it('a story file deleted on disk while open stops counting at once: stories, coverage and diagnostics', async () => {
      const api = await getApi();
      const uri = file('stories/short-lived.md');
      const text =
        '---\ntitle: Answering the audit in a weekend\nprinciples: [Frugality]\n---\n\n## Situation\n\nThe auditors asked for a year of access logs by Monday.\n\n## Action\n\nI wrote a script that pulled the logs from cold storage and checked every day was there.\n\n## Result\n\nWe sent the logs on time.\n';
      const count = () => api.coverage()?.principles.find((p) => p.principle === 'Frugality')?.count ?? 0;
      const base = count();
      const frugality = () => count() - base;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      await waitForDiags(uri, 'findings on the new story', (ds) => ds.length > 0);
      await waitFor(() => api.stories()?.some((s) => s.uri === uri.toString()) && frugality() === 1, 'the story to count');
      const t0 = Date.now();
      await vscode.workspace.fs.delete(uri, { useTrash: false });
      await waitForDiags(uri, 'diagnostics cleared', (ds) => ds.length === 0, 10_000);
      await waitFor(() => frugality() === 0 && !api.stories()?.some((s) => s.uri === uri.toString()), 'the story to stop counting', 10_000);
      console.log(`      (stopped counting ${Date.now() - t0} ms after the delete)`);
      // typing into the orphaned editor does not bring it back
      await vscode.window.activeTextEditor!.edit((e) => e.insert(new vscode.Position(6, 0), 'Still here. '));
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal(frugality(), 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
