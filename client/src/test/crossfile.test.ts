// Workspace rules: an edit in one story changes the diagnostics of another file.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, diskText, file, getApi, ours, restore, waitForDiags, withCode } from './helpers';

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
  });
}
