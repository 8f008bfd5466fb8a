// Acceptance on a real candidate's story bank (../shared/corpus/seed-story-bank.md,
// beside the repository; CI has it), copied into the workspace as a user would
// keep it: what the Problems panel, Fix All and the status bar make of it.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, codeOf, file, getApi, ours, waitFor, waitForDiags, withCode } from './helpers';

const REL = 'seed/seed-story-bank.md';
/** What fits on one row of the Problems panel at its default width beside the file name and place. */
const READABLE_CHARS = 80;

export default function register(): void {
  describe('the seed story bank (a real candidate’s bank)', () => {
    let original = '';
    let doc: vscode.TextDocument;

    before(async function (this: Mocha.Context) {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const source = path.resolve(ext.extensionPath, '..', 'shared', 'corpus', 'seed-story-bank.md');
      if (!fs.existsSync(source)) {
        console.log(`      (skipped: ${source} is not beside the repository)`);
        this.skip();
      }
      await getApi();
      original = fs.readFileSync(source, 'utf8');
      await vscode.workspace.fs.writeFile(file(REL), Buffer.from(original, 'utf8'));
      doc = await vscode.workspace.openTextDocument(file(REL));
      await vscode.window.showTextDocument(doc);
      await waitForDiags(doc.uri, 'findings on the seed bank', (ds) => ds.length > 0);
    });

    after(async () => {
      await closeAll();
      if (!original) return;
      await vscode.workspace.fs.delete(file(REL), { recursive: false, useTrash: false });
      await vscode.workspace.fs.delete(file('seed'), { recursive: true, useTrash: false });
      const api = await getApi();
      await waitFor(() => !api.stories()!.some((s) => s.uri === file(REL).toString()), 'the deleted bank to leave the story list');
    });

    it('the Problems panel has at most one missing-parts row per story, each message short enough to read in full', async () => {
      const api = await getApi();
      const uri = doc.uri.toString();
      const stories = await waitFor(() => {
        const mine = api.stories()!.filter((s) => s.uri === uri);
        return mine.length >= 10 ? mine : undefined;
      }, 'the bank’s stories in the Stories view');
      const starts = stories.map((s) => s.range.start.line).sort((a, b) => a - b);
      const storyAt = (line: number) => starts.filter((s) => s <= line).length - 1;
      const perStory = new Map<number, number>();
      for (const d of withCode(ours(doc.uri), 'missing-section')) {
        const i = storyAt(d.range.start.line);
        perStory.set(i, (perStory.get(i) ?? 0) + 1);
      }
      for (const [i, n] of perStory) assert.equal(n, 1, `story ${i + 1} (line ${starts[i]! + 1}) has ${n} missing-parts rows`);
      for (const d of ours(doc.uri)) {
        assert.ok(d.message.length <= READABLE_CHARS, `${codeOf(d)} on line ${d.range.start.line + 1}: ${d.message.length} characters: ${d.message}`);
        const title = stories[storyAt(d.range.start.line)]?.title;
        if (title && title.length > 20) assert.ok(!d.message.includes(title), `the message repeats the story's title: ${d.message}`);
      }
    });

    it('Fix All changes no part of any story', async () => {
      const actions =
        (await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          new vscode.Range(0, 0, 0, 0),
          'source.fixAll',
        )) ?? [];
      for (const a of actions.filter((x) => x.kind?.value?.startsWith('source.fixAll.starStories'))) {
        if (a.edit) await vscode.workspace.applyEdit(a.edit);
      }
      assert.equal(doc.getText(), original, 'Fix All edited the bank');
      assert.ok(!doc.isDirty, 'the document was not touched');
    });

    it('a story added to the bank in "we" gets its we-vs-I finding in the Problems panel (information, not a hidden hint), on a "we"', async () => {
      // the bank's own answers say "I"; a story told as a team is appended in the editor (not saved)
      assert.equal(withCode(ours(doc.uri), 'we-not-i').length, 0);
      const editor = await vscode.window.showTextDocument(doc);
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const story = [
        '',
        '',
        '## Rebuilding the release pipeline',
        '',
        'Principles: Deliver Results',
        '',
        '**Situation:** Releases took two days and failed one time in five.',
        '',
        '**Task:** The pipeline had to ship a release in under an hour before the spring launch.',
        '',
        '**Action:** We split the build into stages, we cached our dependencies and we ran the tests in parallel.',
        '',
        '**Result:** A release took 40 minutes and failed once in the next 60 releases.',
        '',
      ].join('\n');
      await editor.edit((e) => e.insert(end, story));
      try {
        const ds = await waitForDiags(doc.uri, 'we-not-i on the added story', (all) => withCode(all, 'we-not-i').length > 0);
        const [we] = withCode(ds, 'we-not-i');
        assert.equal(we!.severity, vscode.DiagnosticSeverity.Information);
        assert.equal(doc.getText(we!.range), 'We');
        assert.ok(we!.message.length <= READABLE_CHARS, we!.message);
      } finally {
        // take the story out again and save: the file is as it was, the editor clean
        await editor.edit((e) => e.delete(new vscode.Range(end, doc.lineAt(doc.lineCount - 1).range.end)));
        await doc.save();
        assert.equal(doc.getText(), original);
      }
    });

    it('the status bar says principles ready and tagged apart', async () => {
      const api = await getApi();
      const status = await waitFor(() => {
        const s = api.status();
        return s && /tagged/.test(s.text) ? s : undefined;
      }, 'the status bar item');
      const m = /LP (\d+)\/16 ready · (\d+) tagged/.exec(status.text);
      assert.ok(m, status.text);
      assert.ok(Number(m[2]) >= Number(m[1]), status.text);
      // the bank tags every principle, but few of its one-paragraph answers are ready to tell
      assert.equal(Number(m[2]), 16, status.text);
      assert.ok(Number(m[1]) < 16, status.text);
    });
  });
}
