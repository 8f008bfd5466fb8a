import assert from 'node:assert/strict';
import * as path from 'node:path';
import { TestClient, root, withCode, withServer, workspace } from './harness';
import { BANK, CLEAN_STORY, NO_TASK_STORY, stillServing } from './stories';

/** Send a request; resolve to its result or to the error it answered with. */
async function settle(p: Promise<unknown>): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  try {
    return { result: await p };
  } catch (e) {
    return { error: e as { code: number; message: string } };
  }
}

const BROKEN_YAML = `---
title: Moving nightly reports off a dying server
principles: [Ownership
company: "Contoso
---

## Situation
Our nightly finance reports ran on a single server that was out of warranty.

## Action
I rewrote the eleven report jobs as scheduled container tasks.

## Result
All eleven reports moved with zero missed deliveries.
`;

describe('lsp robustness', () => {
  it('answers malformed hover params with an error (or null) and keeps serving', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const r = await settle(c.request('textDocument/hover', { textDocument: 5 }));
      assert.ok(r.error || r.result === null, JSON.stringify(r));
      if (r.error) assert.equal(typeof r.error.code, 'number');
      const r2 = await settle(c.request('textDocument/hover', {}));
      assert.ok(r2.error || r2.result === null, JSON.stringify(r2));
      await stillServing(c);
    });
  });

  it('answers a codeAction without a context with an error (or null/empty) and keeps serving', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const r = await settle(
        c.request('textDocument/codeAction', {
          textDocument: { uri: c.uri('checkout.md') },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        }),
      );
      assert.ok(r.error || r.result === null || (Array.isArray(r.result) && r.result.length === 0), JSON.stringify(r));
      const r2 = await settle(c.request('textDocument/completion', { textDocument: { uri: 42 }, position: 'here' }));
      assert.ok(r2.error || r2.result === null || (Array.isArray(r2.result) && r2.result.length === 0), JSON.stringify(r2));
      const r3 = await settle(c.request('textDocument/documentSymbol', null));
      assert.ok(r3.error || r3.result === null || (Array.isArray(r3.result) && r3.result.length === 0), JSON.stringify(r3));
      await stillServing(c);
    });
  });

  it('ignores a diagnostic whose data.fixes is not a list of fixes (every action has a title and an edit)', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };
      const r = await settle(
        c.request('textDocument/codeAction', {
          textDocument: { uri: c.uri('checkout.md') },
          range,
          context: { diagnostics: [{ source: 'star-stories', code: 'missing-section', message: 'x', range, data: { fixes: 'x' } }] },
        }),
      );
      if (r.result)
        for (const a of r.result as { title?: unknown; edit?: { changes?: Record<string, unknown[]> } }[]) {
          assert.equal(typeof a.title, 'string', JSON.stringify(a));
          if (a.edit)
            assert.ok(
              Object.values(a.edit.changes ?? {}).some((e) => Array.isArray(e) && e.length > 0),
              JSON.stringify(a),
            );
        }
      await stillServing(c);
    });
  });

  it('survives malformed notifications', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: c.uri('x.md') } });
      void c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: c.uri('never-opened.md'), version: 2 }, contentChanges: [{ text: BANK }] });
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: 'all of them' });
      void c.conn.sendNotification('textDocument/didClose', {});
      await stillServing(c);
      c.open('reports.md', NO_TASK_STORY);
      await c.waitDiags('reports.md', 'a later document is still analysed', (ds) => withCode(ds, 'missing-section').length === 1);
    });
  });

  it('answers an unknown method with MethodNotFound (-32601)', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      const r = await settle(c.request('starStories/noSuchThing', {}));
      assert.equal(r.error?.code, -32601, JSON.stringify(r));
      await stillServing(c);
    });
  });

  it('reports frontmatter-invalid on broken YAML and still reports the other findings', async () => {
    await withServer({ 'reports.md': BROKEN_YAML }, async (c) => {
      await c.ready();
      const ds = c.diags('reports.md')!;
      const fm = withCode(ds, 'frontmatter-invalid');
      assert.ok(fm.length >= 1, JSON.stringify(ds));
      assert.equal(fm[0]!.severity, 1);
      assert.ok(fm[0]!.range.start.line <= 4, 'inside the frontmatter');
      assert.deepEqual(
        withCode(ds, 'missing-section').map((d) => (d.data as { part?: string }).part),
        ['task'],
      );
      // the same when the broken text is typed in the editor
      c.open('typed.md', CLEAN_STORY);
      await c.waitDiags('typed.md', 'clean', (ds) => ds.length === 0);
      c.change(
        'typed.md',
        CLEAN_STORY.replace('principles: [Dive Deep, Deliver Results]', 'principles: [Dive Deep, Deliver Results').replace(/## Task\n[^#]*/, ''),
        2,
      );
      const typed = await c.waitDiags(
        'typed.md',
        'frontmatter-invalid and missing-section',
        (ds) => withCode(ds, 'frontmatter-invalid').length > 0 && withCode(ds, 'missing-section').length > 0,
      );
      assert.ok(typed.every((d) => d.source === 'star-stories'));
    });
  });

  it('honours .starstories.yaml rule levels and exclude globs at start-up', async () => {
    await withServer(
      {
        '.starstories.yaml': 'rules:\n  missing-section: off\n  unknown-principle: warning\nexclude: ["drafts/**"]\n',
        'reports.md': NO_TASK_STORY,
        'bank.md': BANK,
        'drafts/wip.md': NO_TASK_STORY.replace('Moving nightly reports', 'Draft: moving nightly reports'),
      },
      async (c) => {
        await c.ready();
        const reports = c.diags('reports.md')!;
        assert.equal(withCode(reports, 'missing-section').length, 0, JSON.stringify(reports));
        assert.ok(withCode(reports, 'story-length').length, 'other rules still run');
        const unknown = withCode(c.diags('bank.md'), 'unknown-principle');
        assert.equal(unknown.length, 1);
        assert.equal(unknown[0]!.severity, 2, 'unknown-principle re-levelled to warning');
        assert.equal(c.publishCount('drafts/wip.md'), 0, 'an excluded file is not published');
      },
    );
  });

  it('reloads .starstories.yaml when it changes (didChangeWatchedFiles)', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('reports.md'), 'missing-section').length, 1);
      c.write('.starstories.yaml', 'rules:\n  missing-section: off\n');
      c.watched('.starstories.yaml', 1);
      await c.waitDiags('reports.md', 'missing-section turned off', (ds) => withCode(ds, 'missing-section').length === 0);
    });
  });

  it('reads the client settings (workspace/configuration) and again on didChangeConfiguration', async () => {
    const c = new TestClient(workspace({ 'reports.md': NO_TASK_STORY }));
    let settings: object = { rules: { 'missing-section': 'off' }, coverage: { target: 3 } };
    c.conn.onRequest('workspace/configuration', () => [settings]);
    try {
      await c.start();
      await c.ready();
      const ds = c.diags('reports.md')!;
      assert.equal(withCode(ds, 'missing-section').length, 0, JSON.stringify(ds));
      assert.ok(withCode(ds, 'story-length').length);
      assert.equal((await c.request<{ target: number }>('starStories/coverage')).target, 3);
      settings = { rules: { 'story-length': 'off' } };
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const after = await c.waitDiags(
        'reports.md',
        'the new settings applied',
        (ds) => withCode(ds, 'missing-section').length === 1 && withCode(ds, 'story-length').length === 0,
      );
      assert.ok(after.length);
      assert.equal((await c.request<{ target: number }>('starStories/coverage')).target, 2);
    } finally {
      await c.stop();
    }
  });

  it('tells the user about an unknown rule option in .starstories.yaml, naming the option, and keeps serving', async () => {
    await withServer(
      { 'reports.md': NO_TASK_STORY, '.starstories.yaml': 'rules:\n  story-length: { maxMinute: 2 }\n  missing-section: error\n' },
      async (c) => {
        await c.ready();
        const shown = await c.until('a window/showMessage about the option', () =>
          c.notificationsOf<{ type: number; message: string }>('window/showMessage').find((m) => /maxMinute\b/.test(m.message)),
        );
        assert.match(shown.message, /rule `story-length` has no option `maxMinute` \(did you mean `maxMinutes`\?\)/);
        assert.equal(shown.type, 2, 'a warning');
        // the rest of the file still applies
        const ds = await c.waitDiags('reports.md', 'missing-section as an error', (d) => withCode(d, 'missing-section').length === 1);
        assert.equal(withCode(ds, 'missing-section')[0]!.severity, 1);
      },
    );
  });

  it('reports spoken minutes in the story list at the configured words a minute', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY, '.starstories.yaml': 'rules:\n  story-length: { wordsPerMinute: 100 }\n' }, async (c) => {
      await c.ready();
      const [story] = await c.request<{ words: number; minutes: number }[]>('starStories/stories');
      assert.ok(story!.words > 0);
      assert.equal(story!.minutes, story!.words / 100);
    });
  });

  it('keeps out of a file with `star: false` in its frontmatter', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY.replace('company: Contoso\n', 'company: Contoso\nstar: false\n'), 'bank.md': BANK }, async (c) => {
      await c.ready();
      const ds = c.diags('reports.md');
      assert.ok(ds === undefined || ds.length === 0, JSON.stringify(ds));
      const stories = await c.request<{ uri: string }[]>('starStories/stories');
      assert.ok(stories.some((s) => s.uri === c.uri('bank.md')));
      assert.ok(!stories.some((s) => s.uri === c.uri('reports.md')), 'no story of the opted-out file is listed');
      const cov = await c.request<{ principles: { principle: string; count: number }[] }>('starStories/coverage');
      assert.equal(cov.principles.find((p) => p.principle === 'Ownership')!.count, 1, 'the opted-out story does not count');
    });
  });

  it('works for a client with no optional capabilities (no configuration, no watchers, no progress)', async () => {
    const c = new TestClient(workspace({ 'reports.md': NO_TASK_STORY, 'checkout.md': CLEAN_STORY }));
    try {
      await c.start({});
      await c.waitDiags('reports.md', 'missing-section', (ds) => withCode(ds, 'missing-section').length === 1);
      assert.deepEqual(await c.until('checkout.md published', () => c.diags('checkout.md')), []);
    } finally {
      await c.stop();
    }
  });
});

describe('lsp stdio transport', () => {
  it('`node bin/star-stories-language-server.js --stdio` answers initialize with its capabilities', async () => {
    const c = new TestClient(workspace({ 'checkout.md': CLEAN_STORY }), path.join(root, 'bin/star-stories-language-server.js'));
    try {
      const init = await c.start();
      const caps = init.capabilities;
      for (const cap of [
        'codeActionProvider',
        'completionProvider',
        'hoverProvider',
        'documentSymbolProvider',
        'foldingRangeProvider',
        'codeLensProvider',
        'workspaceSymbolProvider',
        'textDocumentSync',
      ]) {
        assert.ok(caps[cap], `${cap} in ${JSON.stringify(caps)}`);
      }
      const kinds = (caps.codeActionProvider as { codeActionKinds?: string[] }).codeActionKinds ?? [];
      assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.starStories'), JSON.stringify(kinds));
      assert.deepEqual(await c.until('checkout.md published', () => c.diags('checkout.md')), []);
      await c.conn.sendRequest('shutdown');
      void c.conn.sendNotification('exit');
      await c.until('the process exits after shutdown + exit', () => c.exited);
      assert.equal(c.proc.exitCode, 0);
    } finally {
      await c.stop();
    }
  });
});
