// Commands that write stories (New Story, Insert STAR Skeleton) and the
// contributed snippets.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, codeOf, describeDiags, file, getApi, ours, restore, scratch, waitFor, waitForDiags } from './helpers';

const TEMPLATE = `---
title: Leading the on-call rotation redesign
principles:
  - Ownership
  - Think Big
company: ""
---

## Situation

<What was the situation? The team, the stakes, what was going wrong.>

## Task

<What did you in particular have to achieve, and by when?>

## Action

<What did you do, step by step? Say "I", not "we".>

## Result

<What changed, with numbers? Before and after, time or money saved.>
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

    it('New Story with arguments writes stories/<slug>.md from the template, the Situation placeholder selected; the template has no finding', async () => {
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
      assert.equal(editor.document.lineAt(8).text, '## Situation');
      assert.equal(editor.selection.active.line, 10);
      assert.equal(editor.document.getText(editor.selection), '<What was the situation? The team, the stakes, what was going wrong.>');
      // the server has read it (a story elsewhere changes, so diagnostics are published) and finds nothing in a template
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(
        ours(uri).map((d) => `${codeOf(d)}: ${d.message}`),
        [],
      );
      // a story with nothing written yet is a template: it counts for no principle until the candidate writes it
      const thinkBig = () => api.coverage()?.principles.find((p) => p.principle === 'Think Big')?.count;
      assert.equal(thinkBig(), 0);
      await editor.edit((e) =>
        e.replace(editor.selection, 'Our on-call rotation paged the same three engineers every weekend, and two of them had asked to leave the team.'),
      );
      await waitFor(() => thinkBig() === 1, 'Think Big to count the story once it has a Situation');
      await editor.document.save();
    });

    it('New Story refuses a title a story of the workspace has (case and spacing aside); a folder argument is honoured', async () => {
      const api = await getApi();
      await waitFor(() => api.stories()?.some((s) => s.title === 'Leading the on-call rotation redesign'), 'the story in the list');
      const again = await vscode.commands.executeCommand<vscode.Uri | undefined>('starStories.newStory', {
        title: '  leading the on-call   Rotation redesign ',
        principles: ['Ownership'],
      });
      assert.equal(again, undefined);
      assert.equal(await exists(file('stories/leading-the-on-call-rotation-redesign-2.md')), false);
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

    it('New Story with target "bank" adds the story at the end of the open story bank, at its heading level', async () => {
      const doc = await vscode.workspace.openTextDocument(file('story-bank.md'));
      const original = doc.getText();
      await vscode.window.showTextDocument(doc, { preview: false });
      try {
        const uri = await vscode.commands.executeCommand<vscode.Uri>('starStories.newStory', {
          title: 'Rebuilding the release checklist',
          principles: ['Insist on the Highest Standards'],
          target: 'bank',
        });
        assert.equal(uri?.toString(), doc.uri.toString());
        const added = doc.getText().slice(original.trimEnd().length);
        assert.equal(
          added,
          '\n\n## Rebuilding the release checklist\n\n**Principles:** Insist on the Highest Standards\n\n### Situation\n\n' +
            '<What was the situation? The team, the stakes, what was going wrong.>\n\n### Task\n\n<What did you in particular have to achieve, and by when?>\n\n' +
            '### Action\n\n<What did you do, step by step? Say "I", not "we".>\n\n### Result\n\n<What changed, with numbers? Before and after, time or money saved.>\n',
        );
        const editor = vscode.window.activeTextEditor!;
        assert.equal(editor.document.getText(editor.selection), '<What was the situation? The team, the stakes, what was going wrong.>');
        // the bank keeps its findings: the new story adds none
        await new Promise((r) => setTimeout(r, 1500));
        assert.equal(ours(doc.uri).filter((d) => d.range.start.line >= original.split('\n').length - 1).length, 0, describeDiags(doc.uri));
      } finally {
        await restore(doc, original);
      }
    });

    it('contributes the New Story target setting and hides the Show … duplicates of Focus on … View from the palette', () => {
      const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
      const props = pkg.contributes.configuration.properties;
      assert.deepEqual(props['starStories.newStory.target'].enum, ['ask', 'bank', 'file']);
      const hidden = (pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command);
      for (const id of ['starStories.showCoverage', 'starStories.showStories', 'starStories.showMetrics', 'starStories.openStory'])
        assert.ok(hidden.includes(id), id);
      // one Create a Story button among the welcome texts
      const welcome = (pkg.contributes.viewsWelcome as { view: string; contents: string }[]).map((w) => w.contents).join('\n');
      assert.equal((welcome.match(/\[Create a Story\]/g) ?? []).length, 1);
      assert.ok(
        (pkg.contributes.viewsWelcome as { view: string }[]).some((w) => w.view === 'starStories.metrics'),
        'the Metrics view has a welcome text',
      );
      assert.ok(pkg.activationEvents.includes('workspaceContains:**/*.md'));
      assert.ok(pkg.contributes.walkthroughs.some((w: { id: string }) => w.id === 'starStories.getStarted'));
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

    it('clicking a story in the Stories view puts the cursor at its title, nothing selected', async () => {
      const api = await getApi();
      const story = api.stories()!.find((s) => s.title === 'Tracing a memory leak in the billing service')!;
      assert.ok(story, 'the bank story is listed');
      const item = api.storiesProvider.getTreeItem(story);
      assert.equal(item.command?.command, 'starStories.openStory');
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), file('story-bank.md').toString());
      assert.ok(editor.selection.isEmpty, 'nothing is selected');
      assert.equal(editor.selection.active.line, 4);
      assert.equal(editor.document.lineAt(4).text, '## Tracing a memory leak in the billing service');
      assert.equal(editor.selection.active.character, story.range.start.character);
      // and in Principle Coverage
      const principle = api.coverageProvider.getChildren().find((n) => n.kind === 'principle' && n.principle.principle === 'Dive Deep')!;
      const child = api.coverageProvider.getChildren(principle)[0]!;
      const cmd = api.coverageProvider.getTreeItem(child).command!;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
      assert.ok(vscode.window.activeTextEditor?.selection.isEmpty, 'nothing is selected (coverage)');
    });

    it('code lens: S ✓ T ✗ A ✓ R ✓, words and m:ss spoken, principles; a part lens goes to the part, the principles lens reveals them in coverage', async () => {
      const uri = file('stories/nightly-reports.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const lenses = await waitFor(async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
        return ls?.length ? ls : undefined;
      }, 'code lenses');
      const titles = lenses.map((l) => l.command?.title ?? '');
      assert.deepEqual(titles.slice(0, 4), ['S ✓', 'T ✗', 'A ✓', 'R ✓']);
      assert.match(titles[4]!, /^\d+ words · \d+:\d\d spoken$/);
      assert.equal(titles[5], 'Earn Trust, Ownership');
      const action = lenses[2]!.command!;
      await vscode.commands.executeCommand(action.command, ...(action.arguments ?? []));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## Action');
      assert.ok(editor.selection.isEmpty);
      const principles = lenses[5]!.command!;
      const revealed = await vscode.commands.executeCommand<string[]>(principles.command, ...(principles.arguments ?? []));
      assert.deepEqual([...revealed].sort(), ['Earn Trust', 'Ownership']);
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
