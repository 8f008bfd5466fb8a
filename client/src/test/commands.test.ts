// Commands that write stories (New Story, Insert STAR Skeleton) and the
// contributed snippets.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, file, getApi, restore, scratch, waitFor, waitForDiags } from './helpers';

const TEMPLATE = `---
title: Leading the on-call rotation redesign
principles:
  - Ownership
  - Think Big
company: ""
---

## Situation

## Task

## Action

## Result

`;

const PREFIXES = [
  'star-story',
  'star-situation',
  'star-task',
  'star-action',
  'star-result',
  'star-bank-story',
  'star-principles',
  'star-disable-next-line',
  'star-disable',
  'star-enable',
  'star-disable-file',
];

interface SnippetDef {
  prefix: string;
  body: string | string[];
  description?: string;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function snippetFile(): Promise<Record<string, SnippetDef>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const contributed = ext.packageJSON.contributes?.snippets as { language: string; path: string }[] | undefined;
  assert.ok(Array.isArray(contributed), 'package.json contributes no snippets');
  const md = contributed.find((s) => s.language === 'markdown');
  assert.ok(md, JSON.stringify(contributed));
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, md.path));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetDef>;
}

export default function register(): void {
  describe('commands and snippets', () => {
    const created: vscode.Uri[] = [];
    before(async () => {
      await getApi();
    });
    afterEach(closeAll);
    after(async () => {
      // New Story opened them, and VS Code keeps a document an extension opened for a while
      // after its editor closes (the server goes by open documents first): empty them, then delete.
      for (const uri of created) {
        const doc = await vscode.workspace.openTextDocument(uri);
        await restore(doc, '');
        await vscode.workspace.fs.delete(uri, { useTrash: false });
      }
      const drafts = file('drafts');
      if (await exists(drafts)) await vscode.workspace.fs.delete(drafts, { recursive: true, useTrash: false });
      const api = await getApi();
      // the new stories are gone from coverage again
      await waitFor(
        () => api.coverage()?.covered === 9,
        'coverage back to 9 principles',
        undefined,
        () => String(api.coverage()?.covered),
      );
    });

    it('New Story with arguments writes stories/<slug>.md from the template and opens it under Situation', async () => {
      const api = await getApi();
      const uri = await vscode.commands.executeCommand<vscode.Uri>('starStories.newStory', {
        title: 'Leading the on-call rotation redesign',
        principles: ['Ownership', 'Think Big'],
      });
      assert.ok(uri instanceof vscode.Uri, `newStory returned ${String(uri)}`);
      created.push(uri);
      assert.equal(uri.toString(), file('stories/leading-the-on-call-rotation-redesign.md').toString());
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(onDisk, TEMPLATE);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the new story is the active editor');
      assert.equal(editor.selection.active.line, 9);
      assert.equal(editor.document.lineAt(8).text, '## Situation');
      // a story with nothing written yet is a template: it counts for no principle until the candidate writes it
      const thinkBig = () => api.coverage()?.principles.find((p) => p.principle === 'Think Big')?.count;
      assert.equal(thinkBig(), 0);
      await editor.edit((e) =>
        e.insert(
          new vscode.Position(9, 0),
          'Our on-call rotation paged the same three engineers every weekend, and two of them had asked to leave the team.\n',
        ),
      );
      await waitFor(() => thinkBig() === 1, 'Think Big to count the story once it has a Situation');
      await editor.document.save();
    });

    it('New Story never overwrites: the same title again gives <slug>-2.md; a folder argument is honoured', async () => {
      const again = await vscode.commands.executeCommand<vscode.Uri>('starStories.newStory', {
        title: 'Leading the on-call rotation redesign',
        principles: ['Ownership', 'Think Big'],
      });
      created.push(again);
      assert.equal(again.toString(), file('stories/leading-the-on-call-rotation-redesign-2.md').toString());
      const inDrafts = await vscode.commands.executeCommand<vscode.Uri>('starStories.newStory', {
        title: 'Saying no to a launch date',
        principles: [],
        folder: 'drafts',
      });
      created.push(inDrafts);
      assert.equal(inDrafts.toString(), file('drafts/saying-no-to-a-launch-date.md').toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(inDrafts));
      assert.ok(text.startsWith('---\ntitle: Saying no to a launch date\nprinciples: []\ncompany: ""\n---\n'), text);
    });

    it('Insert STAR Skeleton puts the four parts one level below the story heading', async () => {
      const { doc, editor } = await scratch('## Cutting costs\n\n');
      editor.selection = new vscode.Selection(2, 0, 2, 0);
      const ok = await vscode.commands.executeCommand<boolean>('starStories.insertSkeleton');
      assert.equal(ok, true);
      assert.equal(
        doc.getText(),
        '## Cutting costs\n\n' +
          '### Situation\n\nWhere and when: the team, the stakes, what was going wrong.\n\n' +
          '### Task\n\nWhat you in particular had to achieve, and by when.\n\n' +
          '### Action\n\nWhat you did, step by step, in the first person.\n\n' +
          '### Result\n\nWhat changed, with numbers: before and after, time or money saved.\n',
      );
      // the first placeholder is selected, ready to type over
      assert.equal(doc.getText(editor.selection), 'Where and when: the team, the stakes, what was going wrong.');
    });

    it('contributes the markdown snippets with their prefixes', async () => {
      const snippets = await snippetFile();
      const prefixes = Object.values(snippets).map((s) => s.prefix);
      assert.deepEqual([...prefixes].sort(), [...PREFIXES].sort());
      for (const [name, s] of Object.entries(snippets)) assert.ok(s.description, `snippet "${name}" has no description`);
    });

    it('the Situation snippet inserted by name gives a Situation heading with its hint', async () => {
      const { doc } = await scratch('');
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'STAR Situation part' });
      await waitFor(() => doc.getText().length > 0, 'the snippet to be inserted');
      assert.equal(doc.getText(), '## Situation\n\n[Where and when: the team, the stakes, what was going wrong]\n');
    });

    it('the star-story snippet left as inserted (Esc on every choice) is a template: no story, no finding, no coverage', async () => {
      const api = await getApi();
      const snippets = await snippetFile();
      const def = Object.values(snippets).find((s) => s.prefix === 'star-story')!;
      const body = Array.isArray(def.body) ? def.body.join('\n') : def.body;
      const { doc, editor } = await scratch('');
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(body)));
      const text = doc.getText();
      assert.equal(
        text,
        [
          '---',
          'title: Story title',
          'principles:',
          '  - <Principle>', // the first choice: a placeholder, not a principle
          'company: Company',
          '---',
          '',
          '## Situation',
          '',
          '[Where and when: the team, the stakes, what was going wrong]',
          '',
          '## Task',
          '',
          '[What you in particular had to achieve, and by when]',
          '',
          '## Action',
          '',
          '[What you did, step by step, in the first person]',
          '',
          '## Result',
          '',
          '[What changed, with numbers: before and after]',
          '',
        ].join('\n'),
      );
      // the server has read it (a story's text written into it is reported), and the template itself says nothing
      const covered = api.coverage()!.covered;
      await editor.edit((e) => e.replace(new vscode.Range(9, 0, 9, doc.lineAt(9).text.length), 'Our checkout slowed down before the holiday peak.'));
      await waitForDiags(doc.uri, 'a finding once a part is written', (ds) => ds.length > 0);
      await editor.edit((e) => e.replace(doc.lineAt(9).range, '[Where and when: the team, the stakes, what was going wrong]'));
      await waitForDiags(doc.uri, 'no finding on the template', (ds) => ds.length === 0);
      assert.equal(api.coverage()!.covered, covered, 'the template counts for no principle');
    });

    it('the bank snippet left as inserted names no principle: Esc on the choice covers nothing', async () => {
      const snippets = await snippetFile();
      const def = Object.values(snippets).find((s) => s.prefix === 'star-bank-story')!;
      const body = Array.isArray(def.body) ? def.body.join('\n') : def.body;
      assert.match(body, /^Principles: \$\{2\|\[Principle\],Customer Obsession,/m);
      const line = Object.values(snippets).find((s) => s.prefix === 'star-principles')!;
      assert.match(Array.isArray(line.body) ? line.body.join('\n') : line.body, /^Principles: \$\{1\|\[Principle\],/);
    });

    it('typing a snippet prefix offers the snippet in completion', async () => {
      const { doc } = await scratch('star-sit');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 8));
      const snippet = list.items.find(
        (i) => i.kind === vscode.CompletionItemKind.Snippet && (typeof i.label === 'string' ? i.label : i.label.label) === 'star-situation',
      );
      assert.ok(snippet, `no star-situation snippet among ${JSON.stringify(list.items.map((i) => i.label))}`);
    });
  });
}
