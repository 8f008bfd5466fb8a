// Restricted Mode in a real VS Code: the workspace is not trusted, and its own
// .vscode/settings.json and .starstories.yaml point the framework, include/
// exclude and the stories folder at a folder outside it (test/vscode-restricted,
// copied there by scripts/e2e/code-server.mjs, which runs this file alone in
// its second pass with STAR_E2E_SUITE=restricted and STAR_E2E_OUTSIDE). What a
// user sees: stories are checked as usual with the default framework, nothing
// of the outside files shows anywhere, and New Story writes inside.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AMAZON_PRINCIPLES } from '../../../test/support/principles';
import { EXTENSION_ID, closeAll, codeOf, describeDiags, file, getApi, root, scratch, waitFor, waitForDiags, withCode } from './helpers';

function outsideDir(): string {
  const dir = process.env.STAR_E2E_OUTSIDE;
  assert.ok(dir, 'STAR_E2E_OUTSIDE is not set: this file runs in the Restricted Mode pass of npm run test:code-server');
  return dir;
}

/** The words of the outside files that must not reach the user: the framework's names, the other file's keys, the outside story's title. */
function secrets(): string[] {
  const dir = outsideDir();
  const framework = fs.readFileSync(path.join(dir, 'framework.yaml'), 'utf8');
  const names = [...framework.matchAll(/^\s*(?:- )?name:\s*(.+)$/gm)].map((m) => m[1]!.trim());
  const keys = [...fs.readFileSync(path.join(dir, 'settings-target.yaml'), 'utf8').matchAll(/^([A-Za-z_]+):/gm)].map((m) => m[1]!);
  const title = /^title:\s*(.+)$/m.exec(fs.readFileSync(path.join(dir, 'stories', 'elsewhere.md'), 'utf8'))?.[1]?.trim();
  // the test would prove nothing if the fixture had changed shape
  assert.equal(names.length, 4, `framework.yaml: ${JSON.stringify(names)}`);
  assert.equal(keys.length, 2, `settings-target.yaml: ${JSON.stringify(keys)}`);
  assert.ok(title, 'stories/elsewhere.md has no title');
  return [...names, ...keys, title, 'Quillwort', 'Bramblegate', 'Lanternry'];
}

const outsideListing = (): string[] => fs.readdirSync(path.join(outsideDir(), 'stories')).sort();

function isInWorkspace(uri: string | vscode.Uri): boolean {
  const u = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  if (u.scheme !== 'file') return true; // untitled scratch documents
  const rel = path.relative(root().fsPath, u.fsPath);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

export default function register(): void {
  describe('Restricted Mode (an untrusted workspace whose settings point outside it)', () => {
    const created: vscode.Uri[] = [];
    before(async () => {
      await getApi();
    });
    afterEach(closeAll);
    after(async () => {
      for (const uri of created) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    });

    it('the workspace is not trusted, the extension is active, and the workspace values of the restricted settings are not in force', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'the Restricted Mode pass must open the folder untrusted');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext?.isActive, 'the extension is not active in Restricted Mode');
      // the fixture does set them (else this test would prove nothing) ...
      const onDisk = JSON.parse(await fs.promises.readFile(path.join(root().fsPath, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(onDisk['starStories.storiesFolder'], path.join(outsideDir(), 'stories'));
      assert.match(String(onDisk['starStories.framework']), /settings-target\.yaml$/);
      // ... and VS Code holds them back, as package.json's restrictedConfigurations ask
      const cfg = vscode.workspace.getConfiguration('starStories', root());
      assert.equal(cfg.get('storiesFolder'), 'stories');
      assert.equal(cfg.get('framework'), '');
      assert.deepEqual(cfg.get('include'), []);
      assert.deepEqual(cfg.get('exclude'), []);
    });

    it('stories are checked with the default framework: a misspelt Amazon principle is found, Earn Trust is known', async () => {
      const uri = file('stories/refund-flow.md');
      const ds = await waitForDiags(uri, 'unknown-principle', (ds) => withCode(ds, 'unknown-principle').length > 0);
      const unknown = withCode(ds, 'unknown-principle');
      assert.equal(unknown.length, 1, describeDiags(uri));
      assert.match(unknown[0]!.message, /"Customer Obssesion" is not a known principle\. Did you mean "Customer Obsession"\?/);
      // the folder the workspace settings exclude (stories/**) is checked all the same
      await waitForDiags(file('stories/nightly-reports.md'), 'missing-section', (ds) => withCode(ds, 'missing-section').length === 1);
      const api = await getApi();
      const coverage = await waitFor(
        () => api.coverage(),
        'coverage',
        undefined,
        () => JSON.stringify(api.coverage()),
      );
      assert.deepEqual(
        coverage.principles.map((p) => p.principle),
        AMAZON_PRINCIPLES,
      );
      assert.ok((coverage.principles.find((p) => p.principle === 'Earn Trust')?.count ?? 0) > 0, 'Earn Trust counts its stories');
    });

    it('the framework .starstories.yaml points at outside the workspace is refused, and the file says so', async () => {
      const uri = file('.starstories.yaml');
      const ds = await waitForDiags(uri, 'the refusal', (ds) => ds.some((d) => /outside the configuration file's folder and the workspace/.test(d.message)));
      const d = ds.find((d) => /outside the configuration file's folder and the workspace/.test(d.message))!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(d.message, /the default framework is used/);
      // the workspace's settings.json value never reached the server (VS Code held it back)
      assert.ok(!ds.some((x) => /starStories\.framework|settings-target/.test(x.message)), describeDiags(uri));
    });

    it('completion offers the Amazon principles and none of the outside framework', async () => {
      const { doc } = await scratch('---\ntitle: Draft story\nprinciples:\n  - \n---\n\n## Situation\n');
      const list = await waitFor(async () => {
        const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(3, 4));
        return l && l.items.length > 0 ? l : undefined;
      }, 'completion items');
      const labels = list.items
        .filter((i) => i.kind === vscode.CompletionItemKind.EnumMember)
        .map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.deepEqual([...labels].sort(), [...AMAZON_PRINCIPLES].sort());
    });

    it('nothing of the outside files reaches a diagnostic, the views or the status bar, and no file outside is read', async () => {
      const api = await getApi();
      // settled: the fixture's findings are all in
      await waitForDiags(file('stories/payroll-vendor.md'), 'duplicate-title', (ds) => withCode(ds, 'duplicate-title').length === 1);
      const seen: string[] = [];
      for (const [uri, ds] of vscode.languages.getDiagnostics()) {
        const ourDs = ds.filter((d) => d.source === 'star-stories');
        if (!ourDs.length) continue;
        assert.ok(isInWorkspace(uri), `diagnostics for a file outside the workspace: ${uri.toString()}`);
        for (const d of ourDs) {
          seen.push(codeOf(d), d.message, ...(d.relatedInformation ?? []).map((r) => r.message));
        }
      }
      const stories = api.stories() ?? [];
      assert.ok(stories.length > 0, 'the Stories view is empty');
      for (const s of stories) assert.ok(isInWorkspace(s.uri), `a story outside the workspace is listed: ${s.uri}`);
      assert.ok(
        stories.some((s) => s.uri.endsWith('/story-bank.md')),
        'story-bank.md (which the workspace settings exclude) is listed',
      );
      seen.push(JSON.stringify(api.coverage()), JSON.stringify(stories), JSON.stringify(api.metrics() ?? null), JSON.stringify(api.status() ?? null));
      const all = seen.join('\n').toLowerCase();
      for (const word of secrets()) assert.ok(!all.includes(word.toLowerCase()), `"${word}" from a file outside the workspace is shown`);
    });

    it('New Story writes into the workspace: not to the configured folder outside it, nor to a folder argument outside it', async () => {
      const before = outsideListing();
      const outsideStories = path.join(outsideDir(), 'stories');
      const cases: [string | undefined, string][] = [
        [undefined, 'stories/quieting-the-pager.md'],
        [outsideStories, 'stories/quieting-the-pager-2.md'],
        ['../outside/stories', 'stories/quieting-the-pager-3.md'],
      ];
      for (const [folder, expected] of cases) {
        const uri = await vscode.commands.executeCommand<vscode.Uri>('starStories.newStory', {
          title: 'Quieting the pager',
          principles: ['Ownership'],
          ...(folder ? { folder } : {}),
        });
        assert.ok(uri instanceof vscode.Uri, `newStory returned ${String(uri)}`);
        created.push(uri);
        assert.equal(uri.toString(), file(expected).toString(), `folder ${folder ?? '(the setting)'}`);
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        assert.ok(text.startsWith('---\ntitle: Quieting the pager\nprinciples:\n  - Ownership\n'), text);
      }
      assert.deepEqual(outsideListing(), before, 'New Story wrote outside the workspace');
    });

    it("a framework outside the workspace in the user's own settings is refused too while the workspace is untrusted (the client tells the server)", async () => {
      const config = file('.starstories.yaml');
      const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
      const settings = vscode.workspace.getConfiguration('starStories');
      const REFUSED =
        /^settings \(starStories\.framework\): the framework file .* is outside the workspace \(an untrusted workspace cannot point outside itself\)/;
      try {
        // the file's own framework would win over the settings: take it out, so the user's setting is the one in force
        const withoutFramework = original.replace(/^framework:.*\n/m, '');
        assert.notEqual(withoutFramework, original, 'the fixture .starstories.yaml has no framework line');
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(withoutFramework));
        await settings.update('framework', path.join(outsideDir(), 'framework.yaml'), vscode.ConfigurationTarget.Global);
        const ds = await waitForDiags(config, 'the refusal of the settings framework', (ds) => ds.some((d) => REFUSED.test(d.message)));
        assert.equal(ds.length, 1, describeDiags(config));
        const api = await getApi();
        assert.deepEqual(
          api.coverage()?.principles.map((p) => p.principle),
          AMAZON_PRINCIPLES,
        );
        const refund = file('stories/refund-flow.md');
        const unknown = withCode(await waitForDiags(refund, 'unknown-principle', (ds) => withCode(ds, 'unknown-principle').length > 0), 'unknown-principle');
        assert.equal(unknown.length, 1, describeDiags(refund));
        const shown = vscode.languages
          .getDiagnostics()
          .flatMap(([, ds]) => ds.map((d) => d.message))
          .join('\n')
          .toLowerCase();
        for (const word of secrets()) assert.ok(!shown.includes(word.toLowerCase()), `"${word}" from a file outside the workspace is shown`);
      } finally {
        await settings.update('framework', undefined, vscode.ConfigurationTarget.Global);
        await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(original));
      }
    });
  });
}
