// Hover in a real editor: links, images and HTML in a story's title show as
// text; only the server's own links to the stories remain.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { dashboardStory } from '../../../test/support/stories';
import { closeAll, getApi, scratch, settled, waitFor, withCode } from './helpers';

const COMMAND = '[x](command:workbench.action.terminal.new)';
const IMAGE = '![](https://example.invalid/t.png)';

const story = (title: string, result: string) => dashboardStory(title, result);

/** Markdown links and images whose `[` and `]` are not escaped. */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)(!?)\[((?:[^\]\\]|\\.)*)(?<!\\)\]\(([^)]*)\)/g)].map((m) => `${m[1]}[](${m[3]})`);
}

export default function register(): void {
  describe('hover', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('shows a command link and a remote image in a title as text in the claim hover', async () => {
      const a = await scratch(story(`Fixing the stock reports ${COMMAND} ${IMAGE}`, 'I reduced query time by 15% across the reports.'));
      const b = await scratch(story('Lag](command:workbench.action.terminal.new) [x', 'Overall, query time fell by 25% after the change.'));
      await settled(b.doc, (ds) => withCode(ds, 'metric-conflict').length === 1);
      await settled(a.doc, (ds) => withCode(ds, 'metric-conflict').length === 1);
      const pos = new vscode.Position(16, 27);
      const hovers = await waitFor(async () => {
        const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', a.doc.uri, pos);
        return hs.some((h) => h.contents.some((c) => c instanceof vscode.MarkdownString && c.value.includes('Every claim'))) ? hs : undefined;
      }, 'the claim hover');
      const ours = hovers
        .flatMap((h) => h.contents)
        .find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Every claim'))!;
      assert.ok(!ours.isTrusted, 'the hover is not trusted: command links would not run anyway');
      // the two links to the stories, nothing else
      const found = links(ours.value);
      assert.equal(found.length, 2, ours.value);
      assert.ok(
        found.every((l) => l.startsWith('[](<untitled:')),
        ours.value,
      );
      assert.ok(ours.value.includes('\\[x\\]\\(command\\:workbench.action.terminal.new\\)'), ours.value);
      assert.ok(ours.value.includes('\\!\\[\\]\\(https\\://example.invalid/t.png\\)'), ours.value);
    });

    it('lists each claim once: a figure a story states twice is one row', async () => {
      const a = await scratch(
        story('Speeding up the stock reports', 'I reduced query time by 15% across the reports. In the end, query time fell by 15% for every warehouse.'),
      );
      const b = await scratch(story('Tuning the replenishment reports', 'Overall, query time fell by 25% after the change.'));
      await settled(b.doc, (ds) => withCode(ds, 'metric-conflict').length >= 1);
      await settled(a.doc, (ds) => withCode(ds, 'metric-conflict').length >= 1);
      const pos = new vscode.Position(16, 27);
      const value = await waitFor(async () => {
        const hs = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', a.doc.uri, pos);
        const md = hs.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Every claim'));
        return md?.value;
      }, 'the claim hover');
      const rows = value.split('\n').filter((l) => /^\| .*%/.test(l));
      assert.equal(rows.filter((r) => r.includes('Speeding up the stock reports')).length, 1, value);
      assert.equal(rows.filter((r) => r.includes('Tuning the replenishment reports')).length, 1, value);
    });
  });
}
