// Diagnostics as VS Code holds them: codes (rule ids), ranges, severities, for
// opened and unopened files of the fixture workspace.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAll, codeOf, file, fmtRange, getApi, ours, waitFor, waitForDiags, withCode } from './helpers';

const W = vscode.DiagnosticSeverity.Warning;
const E = vscode.DiagnosticSeverity.Error;

export default function register(): void {
  describe('diagnostics', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('an unopened story with no Task has a missing-section warning on its title', async () => {
      const uri = file('stories/nightly-reports.md');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'nightly-reports.md must not be open for this test');
      const ds = await waitForDiags(uri, 'missing-section', (ds) => withCode(ds, 'missing-section').length > 0);
      assert.equal(ds.length, 1, ds.map((d) => codeOf(d)).join(', '));
      const d = ds[0]!;
      assert.equal(codeOf(d), 'missing-section');
      assert.equal(d.severity, W);
      // line 2 of the file: `title: Moving nightly reports off a dying server`
      assert.equal(fmtRange(d.range), '1:0-1:48');
      // the range points at the title, so the message does not repeat it and fits the Problems panel
      assert.equal(d.message, 'No Task part: nothing says what you were responsible for.');
      assert.ok(d.message.length < 80);
      // it is in the full list VS Code keeps too (what the Problems panel shows)
      const all = vscode.languages.getDiagnostics();
      assert.ok(all.some(([u, list]) => u.toString() === uri.toString() && list.some((x) => codeOf(x) === 'missing-section')));
    });

    it('the rule id links to its documentation page', async () => {
      const uri = file('stories/nightly-reports.md');
      const [d] = await waitForDiags(uri, 'missing-section', (ds) => withCode(ds, 'missing-section').length > 0);
      const code = d!.code;
      assert.ok(code && typeof code === 'object', `code is ${JSON.stringify(code)}`);
      assert.equal(code.value, 'missing-section');
      // the page packaged with the extension, opened inside VS Code (no external-site prompt) as a preview
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.equal(code.target.toString(), vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', 'missing-section.md').toString());
      await vscode.workspace.fs.stat(code.target);
      await vscode.commands.executeCommand('vscode.open', code.target);
      const tab = await waitFor(() => {
        const t = vscode.window.tabGroups.activeTabGroup.activeTab;
        return t?.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType) ? t : undefined;
      }, 'the rule page as a markdown preview');
      assert.match(tab.label, /missing-section/);
      assert.ok(
        !vscode.window.tabGroups.all.some((g) =>
          g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === code.target.toString()),
        ),
        'the page is not left open as text',
      );
      // documentation, not a story: nothing of it reaches the story list or the Problems panel
      const api = await getApi();
      await api.refresh();
      const docs = vscode.Uri.joinPath(ext.extensionUri, 'docs').toString();
      assert.deepEqual(
        (api.stories() ?? []).filter((st) => st.uri.startsWith(docs)).map((st) => st.title),
        [],
      );
      assert.deepEqual(ours(code.target), []);
      await closeAll();
    });

    it('rule levels set in the Settings editor (starStories.ruleLevels) apply; the settings read "STAR Stories"', async () => {
      const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
      assert.equal(pkg.contributes.configuration.title, 'STAR Stories');
      const levels = pkg.contributes.configuration.properties['starStories.ruleLevels'];
      assert.deepEqual(levels.properties['missing-section'].enum, ['off', 'error', 'warning', 'information', 'hint']);
      assert.equal(levels.default['missing-section'], 'warning');
      const uri = file('stories/nightly-reports.md');
      await waitForDiags(uri, 'missing-section', (ds) => withCode(ds, 'missing-section').length === 1);
      const config = vscode.workspace.getConfiguration('starStories');
      await config.update('ruleLevels', { ...levels.default, 'missing-section': 'error' }, vscode.ConfigurationTarget.Global);
      try {
        await waitForDiags(uri, 'missing-section as an error', (ds) => withCode(ds, 'missing-section')[0]?.severity === E);
        await config.update('ruleLevels', { 'missing-section': 'off' }, vscode.ConfigurationTarget.Global);
        await waitForDiags(uri, 'missing-section off', (ds) => withCode(ds, 'missing-section').length === 0);
      } finally {
        await config.update('ruleLevels', undefined, vscode.ConfigurationTarget.Global);
      }
      await waitForDiags(uri, 'missing-section back as a warning', (ds) => withCode(ds, 'missing-section')[0]?.severity === W);
    });

    it('an opened story with a misspelt principle gets an unknown-principle error on the name', async () => {
      const uri = file('stories/refund-flow.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const ds = await waitForDiags(uri, 'unknown-principle', (ds) => withCode(ds, 'unknown-principle').length > 0);
      assert.deepEqual(
        ds.map((d) => codeOf(d)),
        ['unknown-principle'],
      );
      const d = ds[0]!;
      assert.equal(d.severity, E);
      assert.equal(fmtRange(d.range), '3:4-3:22');
      assert.equal(doc.getText(d.range), 'Customer Obssesion');
      assert.match(d.message, /"Customer Obssesion" is not a known principle\. Did you mean "Customer Obsession"\?/);
    });

    it('two files with the same title both get duplicate-title, each pointing at the other', async () => {
      const a = file('stories/payroll-vendor.md');
      const b = file('stories/payroll-vendor-retro.md');
      for (const [uri, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const ds = await waitForDiags(uri, 'duplicate-title', (ds) => withCode(ds, 'duplicate-title').length > 0);
        assert.equal(ds.length, 1);
        const d = ds[0]!;
        assert.equal(d.severity, W);
        assert.equal(fmtRange(d.range), '1:0-1:40');
        assert.match(d.message, /^2 stories have this title/);
        const rel = d.relatedInformation ?? [];
        assert.equal(rel.length, 1);
        assert.equal(rel[0]!.location.uri.toString(), other.toString());
        assert.equal(rel[0]!.location.range.start.line, 1);
      }
    });

    it('a story bank reports the story missing its Task, not the complete one', async () => {
      const uri = file('story-bank.md');
      const ds = await waitForDiags(uri, 'missing-section', (ds) => withCode(ds, 'missing-section').length > 0);
      assert.equal(ds.length, 1, ds.map((d) => `${codeOf(d)}@${fmtRange(d.range)}`).join(', '));
      const d = ds[0]!;
      assert.equal(d.severity, W);
      // `## Renewing an expiring certificate at midnight`, the heading text
      assert.equal(fmtRange(d.range), '28:3-28:47');
      assert.match(d.message, /^No Task part/);
    });

    it('an Action that says "we" is reported at information level, on the first "we", and listed with the other problems', async () => {
      const uri = file('stories/hiring-loop.md');
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const original = doc.getText();
      const from =
        'I mapped every step a candidate went through, cut two overlapping interviews,\nwrote a scoring guide for each remaining one and trained the interviewers.';
      assert.ok(original.includes(from), 'the fixture has its Action');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
        original.replace(from, 'We mapped every step, we cut two overlapping interviews,\nand our team wrote a scoring guide for each remaining one.'),
      );
      try {
        assert.ok(await vscode.workspace.applyEdit(edit));
        const [d] = withCode(await waitForDiags(uri, 'we-not-i', (ds) => withCode(ds, 'we-not-i').length > 0), 'we-not-i');
        assert.equal(d!.severity, vscode.DiagnosticSeverity.Information);
        assert.equal(doc.getText(d!.range), 'We');
        assert.match(d!.message, /^The Action says we\/our\/us 3 times and I\/my\/me never/);
        assert.equal(d!.relatedInformation?.length, 2);
        // what the Problems panel lists
        assert.ok(vscode.languages.getDiagnostics().some(([u, list]) => u.toString() === uri.toString() && list.some((x) => codeOf(x) === 'we-not-i')));
      } finally {
        const back = new vscode.WorkspaceEdit();
        back.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), original);
        await vscode.workspace.applyEdit(back);
        if (doc.isDirty) await doc.save();
      }
      await waitForDiags(uri, 'no we-not-i after the restore', (ds) => withCode(ds, 'we-not-i').length === 0);
    });

    it('a story told in one paragraph shows S, T, A, R inlay hints where its parts start', async () => {
      const content = [
        '## Bias for Action: Rescuing the spring catalogue',
        '',
        "Two weeks before the print date at Fernleigh Outdoor, our photo supplier lost half of the product shots for the spring catalogue. As the catalogue lead, I had to get a complete catalogue to the printer on the original date. I booked the in-house studio for a one-day reshoot and re-used last season's photos for the products that had not changed. The catalogue went to print on time with 212 of its 214 products pictured.",
        '',
      ].join('\n');
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(doc);
      await waitForDiags(doc.uri, 'unlabelled-parts', (ds) => withCode(ds, 'unlabelled-parts').length === 1);
      const hints = (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, 4, 0))) ?? [];
      assert.deepEqual(
        hints.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''))),
        ['S:', 'T:', 'A:', 'R:'],
      );
      assert.deepEqual(
        hints.map((h) => h.position.character),
        ['Two weeks', 'As the catalogue', 'I booked', 'The catalogue went'].map((t) => content.split('\n')[2]!.indexOf(t)),
      );
      assert.equal(withCode(ours(doc.uri), 'missing-section').length, 0, 'the prose has all four parts');
    });

    it('clean stories (opened or not) and a notes file have no diagnostics', async () => {
      // Wait until the workspace pass has published (the other files have theirs) ...
      await waitForDiags(file('stories/payroll-vendor.md'), 'duplicate-title', (ds) => ds.length > 0);
      const api = await getApi();
      await api.refresh();
      // ... an unopened clean story (crossfile.test.ts relies on it staying unopened) ...
      assert.deepEqual(
        ours(file('stories/checkout-latency.md')).map((d) => codeOf(d)),
        [],
      );
      assert.deepEqual(
        ours(file('notes.md')).map((d) => codeOf(d)),
        [],
      );
      // ... and an opened one, checked by the server as an open document
      const opened = file('stories/hiring-loop.md');
      const doc = await vscode.workspace.openTextDocument(opened);
      await vscode.window.showTextDocument(doc);
      await api.refresh();
      assert.deepEqual(
        ours(opened).map((d) => codeOf(d)),
        [],
      );
      // the server does know the clean stories (listed, with no findings)
      for (const title of ['Cutting checkout latency before the holiday peak', 'Redesigning our interview loop']) {
        const story = api.stories()?.find((s) => s.title === title);
        assert.ok(story, `"${title}" is not in the story list`);
        assert.equal(story.findings, 0);
        assert.deepEqual(story.parts, ['situation', 'task', 'action', 'result']);
      }
    });
  });
}
