// The Coverage Matrix webview: opened by its command, it shows the server's
// matrix page under a strict Content-Security-Policy (nonce'd style and script,
// nothing remote, command URIs off, local resources limited to the extension's
// media), follows an edit that changes coverage within a second, shows a
// hostile title as text, opens a story when a cell is chosen and exports the
// report the CLI writes.

import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MatrixState } from '../matrixView';
import { closeAll, diskText, EXTENSION_ID, file, getApi, restore, waitFor } from './helpers';

const STATE = 'starStories.test.matrixState';
const state = async (message?: unknown) => (await vscode.commands.executeCommand<MatrixState>(STATE, ...(message === undefined ? [] : [message])))!;

/** The class of the cell of `principle` × the story titled `title` in the page ('' when empty), read from its label. */
function cellClass(html: string, principle: string, title: string): string | undefined {
  const row = new RegExp(`<tr class="[a-z]+"[^>]*data-name="${principle}">(.*?)</tr>`, 's').exec(html)?.[1];
  if (!row) return undefined;
  const heads = [...html.matchAll(/<th class="story[^"]*" scope="col" data-c="(\d+)" data-title="([^"]*)"/g)];
  const col = heads.find((h) => h[2] === title)?.[1];
  if (col === undefined) return undefined;
  const cell = new RegExp(`<td class="c([^"]*)" data-c="${col}">`).exec(row)?.[1] ?? '';
  return cell.replace(/\bev0\b/, '').trim();
}

/** What VS Code's webview guidance asks of the page: a CSP meta, every script and style with the nonce, nothing remote, no inline handler. */
function assertCsp(html: string, nonce: string): void {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, 'a Content-Security-Policy meta');
  assert.match(csp!, /^default-src 'none';/);
  assert.match(csp!, new RegExp(`script-src 'nonce-${nonce}'`));
  assert.match(csp!, new RegExp(`style-src \\S+ 'nonce-${nonce}'`));
  assert.ok(!/unsafe-inline|unsafe-eval|https?:\/\/(?!\*\.vscode-cdn\.net)/.test(csp!), csp);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.ok(scripts.length >= 1);
  for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), s);
  for (const s of html.match(/<style\b[^>]*>/g) ?? []) assert.ok(s.includes(`nonce="${nonce}"`), s);
  assert.ok(!/\b(?:src|href)="(?:https?:)?\/\//i.test(html), 'no remote source or link');
  // (attribute values hold titles as text: a handler would be an attribute name)
  assert.ok(!/<[a-z][^>]*\son[a-z]+=/i.test(html.replace(/"[^"]*"/g, '""')), 'no inline event handler');
  assert.ok(!/href="command:/i.test(html), 'no command link');
}

export default function register(): void {
  describe('coverage matrix', () => {
    before(async () => {
      await getApi();
    });
    after(async () => {
      await closeAll();
    });

    it('Show Coverage Matrix opens a webview with a strict CSP, command URIs off and only the media folder local', async () => {
      await vscode.commands.executeCommand('starStories.showCoverageMatrix');
      const s = await waitFor(async () => {
        const st = await state();
        return st.open && st.renders > 0 && st.html?.includes('<table class="matrix"') ? st : undefined;
      }, 'the Coverage Matrix to render');
      assert.ok(s.nonce && s.nonce.length >= 16);
      assertCsp(s.html!, s.nonce!);
      assert.deepEqual(s.options?.enableScripts, true);
      assert.deepEqual(s.options?.enableCommandUris, false);
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.deepEqual(s.options?.localResourceRoots, [vscode.Uri.joinPath(ext.extensionUri, 'client', 'media').toString()]);
      // the fixture's coverage: nightly-reports has no Task (weak), refund-flow's misspelt principle is no principle
      assert.equal(cellClass(s.html!, 'Earn Trust', 'Moving nightly reports off a dying server'), 'weak');
      assert.ok(s.html!.includes('data-name="Customer Obsession"'));
      // the button on Principle Coverage's title bar
      const pkg = ext.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
      assert.ok(pkg.contributes.menus['view/title']!.some((m) => m.command === 'starStories.showCoverageMatrix' && m.when === 'view == starStories.coverage'));
    });

    it('an edit that changes coverage shows in the matrix within a second', async () => {
      const rel = 'stories/nightly-reports.md';
      const original = await diskText(rel);
      const doc = await vscode.workspace.openTextDocument(file(rel));
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
      await vscode.commands.executeCommand('starStories.showCoverageMatrix');
      await waitFor(async () => (await state()).html?.includes('<table class="matrix"'), 'the matrix');
      const before = await state();
      try {
        const at = doc.getText().indexOf('## Action');
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, doc.positionAt(at), '## Task\n\nI had to move every report before the old server failed for good.\n\n');
        // from the moment the text changes in the editor (applyEdit itself may take seconds to resolve in code-server)
        let t0 = 0;
        const changed = vscode.workspace.onDidChangeTextDocument((e) => {
          if (!t0 && e.document === doc && e.contentChanges.length) t0 = Date.now();
        });
        try {
          assert.ok(await vscode.workspace.applyEdit(edit));
        } finally {
          changed.dispose();
        }
        assert.ok(t0 > 0, 'the document changed');
        const after = await waitFor(
          async () => {
            const st = await state();
            return st.renders > before.renders && cellClass(st.html!, 'Earn Trust', 'Moving nightly reports off a dying server') === 'ready' ? st : undefined;
          },
          'the nightly-reports cell to turn ready',
          10_000,
        );
        const took = after.renderedAt - t0;
        const history = JSON.stringify(after.history.map((h) => ({ ...h, asked: h.asked - t0, answered: h.answered - t0, shown: h.shown - t0 })));
        console.log(`      (the matrix followed the edit in ${took} ms)`);
        assert.ok(took <= 1000, `the matrix took ${took} ms to follow the edit; renders (ms from the edit): ${history}`);
        assert.equal(cellClass(after.html!, 'Ownership', 'Moving nightly reports off a dying server'), 'ready');
        assertCsp(after.html!, after.nonce!);
        assert.notEqual(after.nonce, before.nonce, 'a fresh nonce a render');
      } finally {
        await restore(doc, original);
      }
      await waitFor(
        async () => cellClass((await state()).html!, 'Earn Trust', 'Moving nightly reports off a dying server') === 'weak',
        'the cell back to weak after the restore',
      );
    });

    it('a story titled <img src=x onerror=alert(1)> or [x](command:…) shows as text', async () => {
      const xss = file('stories/zz-hostile-titles.md');
      const text = [
        '---',
        "title: '<img src=x onerror=alert(1)>'",
        'principles: [Think Big]',
        '---',
        '',
        '## Situation',
        '',
        'A page of ours showed user names without escaping them.',
        '',
        '## Result',
        '',
        'Nothing ran.',
        '',
      ].join('\n');
      const cmd = file('stories/zz-command-title.md');
      await vscode.workspace.fs.writeFile(xss, new TextEncoder().encode(text));
      await vscode.workspace.fs.writeFile(
        cmd,
        new TextEncoder().encode(text.replace("'<img src=x onerror=alert(1)>'", "'[x](command:workbench.action.terminal.new)'")),
      );
      try {
        await vscode.commands.executeCommand('starStories.showCoverageMatrix');
        const s = await waitFor(
          async () => {
            const st = await state();
            return st.html?.includes('&lt;img src=x onerror=alert(1)&gt;') && st.html.includes('[x](command:workbench.action.terminal.new)') ? st : undefined;
          },
          'the hostile titles in the matrix',
          15_000,
        );
        assert.ok(!s.html!.includes('<img'), 'no img element');
        assertCsp(s.html!, s.nonce!);
        assert.equal(cellClass(s.html!, 'Think Big', '&lt;img src=x onerror=alert(1)&gt;'), 'weak');
      } finally {
        await vscode.workspace.fs.delete(xss, { useTrash: false });
        await vscode.workspace.fs.delete(cmd, { useTrash: false });
      }
      await waitFor(async () => !(await state()).html?.includes('onerror'), 'the hostile titles to leave the matrix', 15_000);
    });

    it('choosing a cell opens the story where it starts; Export saves the report the CLI writes', async () => {
      await vscode.commands.executeCommand('starStories.showCoverageMatrix');
      const s = await waitFor(async () => {
        const st = await state();
        return st.html?.includes('<table class="matrix"') ? st : undefined;
      }, 'the matrix');
      // the page's story index of nightly-reports, as a cell's data-story says
      const index = /data-story="(\d+)" title="\d+\. Moving nightly reports off a dying server/.exec(s.html!)?.[1];
      assert.ok(index !== undefined, 'nightly-reports has a column');
      await state({ type: 'open', story: Number(index) });
      const editor = await waitFor(
        () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/stories/nightly-reports.md') ? vscode.window.activeTextEditor : undefined),
        'the story to open',
        10_000,
      );
      assert.equal(editor.selection.active.line, 0);

      const target = vscode.Uri.file(path.join(os.tmpdir(), `star-matrix-${process.pid}`, 'matrix.html'));
      const saved = await vscode.commands.executeCommand<vscode.Uri>('starStories.exportCoverageMatrix', target);
      assert.equal(saved?.toString(), target.toString());
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(html, /^<!DOCTYPE html>/);
      // links to each story relative to the report's folder, at its line
      const rel = path.relative(path.dirname(target.fsPath), file('stories/nightly-reports.md').fsPath).split(path.sep).join('/');
      assert.ok(html.includes(`href="${encodeURI(rel)}#L1"`), rel);
      assert.ok(!html.includes('acquireVsCodeApi()') || html.includes("typeof acquireVsCodeApi === 'function'"));
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(target, '..'), { recursive: true, useTrash: false });
    });
  });
}
