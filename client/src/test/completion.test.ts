// Completion of principle names in a story's frontmatter.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AMAZON_PRINCIPLES as ALL } from '../../../test/support/principles';
import { closeAll, getApi, scratch } from './helpers';

async function complete(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
  return list?.items ?? [];
}

const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

export default function register(): void {
  describe('completion', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('offers every principle not yet listed in a frontmatter `principles:` list item', async () => {
      const { doc } = await scratch('---\ntitle: Draft story\nprinciples:\n  - Earn Trust\n  - \n---\n\n## Situation\n');
      const pos = new vscode.Position(4, 4);
      const items = (await complete(doc, pos)).filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
      const labels = items.map(labelOf);
      assert.deepEqual([...labels].sort(), ALL.filter((p) => p !== 'Earn Trust').sort(), 'the 15 principles other than the one already listed');
      const areRight = items.find((i) => labelOf(i) === 'Are Right, A Lot')!;
      // a name with a comma is quoted so the YAML stays a list of strings
      const edit = areRight.textEdit ?? areRight;
      const newText = 'newText' in edit ? edit.newText : String(areRight.insertText);
      assert.equal(newText, '"Are Right, A Lot"');
    });

    it('replaces what was typed: `Cust` completes to Customer Obsession', async () => {
      const { doc, editor } = await scratch('---\ntitle: Draft story\nprinciples:\n  - Cust\n---\n');
      const pos = new vscode.Position(3, 8);
      const items = await complete(doc, pos);
      const item = items.find((i) => labelOf(i) === 'Customer Obsession');
      assert.ok(item, `no Customer Obsession among ${JSON.stringify(items.map(labelOf))}`);
      const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
      assert.ok(range, 'the item has no range');
      assert.equal(doc.getText(range), 'Cust');
      await editor.edit((b) => b.replace(range, String(item.insertText ?? labelOf(item))));
      assert.equal(doc.lineAt(3).text, '  - Customer Obsession');
    });

    it('offers principle names after a `Principles:` line in a story bank', async () => {
      const { doc } = await scratch('# Bank\n\n## Cutting costs\n\nPrinciples: Frugality, \n');
      const items = await complete(doc, new vscode.Position(4, 23));
      const labels = items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).map(labelOf);
      assert.ok(labels.includes('Think Big'), JSON.stringify(labels));
      assert.ok(!labels.includes('Frugality'), 'Frugality is already on the line');
    });
  });
}
