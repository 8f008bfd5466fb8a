// Faults in files and configuration, over stdio: each test shows what the
// user is told and that the server keeps serving the other files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, withCode, workspace } from './harness';
import { CLEAN_STORY, NO_TASK_STORY, stillServing } from './stories';

type Message = { type: number; message: string };

function messages(c: TestClient): Message[] {
  return c.notificationsOf<Message>('window/showMessage');
}

function logs(c: TestClient): string {
  return c
    .notificationsOf<{ message: string }>('window/logMessage')
    .map((m) => m.message)
    .join('\n');
}

/** A workspace with a clean story and a story without a Task, plus `extra` set up by the test. */
async function withFaultyServer(
  files: Record<string, string>,
  setup: (dir: string) => void,
  fn: (c: TestClient) => Promise<void>,
  opts: { capabilities?: object; client?: (c: TestClient) => void; init?: object } = {},
): Promise<void> {
  const dir = workspace({ 'checkout.md': CLEAN_STORY, 'reports.md': NO_TASK_STORY, ...files });
  setup(dir);
  const c = new TestClient(dir);
  opts.client?.(c);
  try {
    const caps = opts.capabilities ?? { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } };
    if (opts.init) {
      await c.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: c.uri(''),
        workspaceFolders: [{ uri: c.uri(''), name: 'ws' }],
        capabilities: caps,
        initializationOptions: opts.init,
      });
      await c.conn.sendNotification('initialized', {});
    } else await c.start(caps);
    await fn(c);
  } finally {
    await c.stop();
  }
}

const reload = (c: TestClient) => void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });

describe('lsp faults: files and configuration', () => {
  it('a folder named .starstories.yaml: told at start and on reload, the defaults in force, the other files served', async () => {
    await withFaultyServer(
      {},
      (dir) => fs.mkdirSync(path.join(dir, '.starstories.yaml')),
      async (c) => {
        await c.ready();
        const shown = await c.until('a message about the configuration', () => messages(c).find((m) => /starstories\.yaml/.test(m.message)));
        assert.match(shown.message, /Cannot read .*\.starstories\.yaml: a folder/);
        await c.waitDiags('reports.md', 'missing-section under the defaults', (ds) => withCode(ds, 'missing-section').length === 1);
        // VS Code reloads the configuration right after every start
        reload(c);
        reload(c);
        await c.until('the reload logged', () => (logs(c).match(/Cannot read .*a folder/g)?.length ?? 0) >= 3);
        await stillServing(c);
        // the same problem is not shown again on every reload
        assert.equal(messages(c).filter((m) => /starstories\.yaml/.test(m.message)).length, 1);
      },
    );
  });

  it('a configuration that loaded, then turns into a folder: the last good configuration stays in force', async () => {
    await withFaultyServer(
      { '.starstories.yaml': 'rules:\n  missing-section: error\n' },
      () => undefined,
      async (c) => {
        await c.ready();
        const ds = await c.waitDiags('reports.md', 'missing-section as an error', (d) => withCode(d, 'missing-section')[0]?.severity === 1);
        assert.ok(ds.length);
        const cfg = path.join(c.dir, '.starstories.yaml');
        fs.rmSync(cfg);
        fs.mkdirSync(cfg);
        c.watched('.starstories.yaml', 2);
        const shown = await c.until('a message about the folder', () => messages(c).find((m) => /a folder/.test(m.message)));
        assert.match(shown.message, /last configuration that loaded stays in force/);
        await stillServing(c);
        // a new edit is still checked with the last good rules
        c.open('reports.md', `${NO_TASK_STORY}\n`);
        await c.waitDiags('reports.md', 'still an error after the edit', (d) => withCode(d, 'missing-section')[0]?.severity === 1);
      },
    );
  });

  it('invalid YAML in .starstories.yaml is a diagnostic on the file, at its line', async () => {
    await withFaultyServer(
      { '.starstories.yaml': 'rules:\n  missing-section: [error\n' },
      () => undefined,
      async (c) => {
        await c.ready();
        const ds = await c.waitDiags('.starstories.yaml', 'a diagnostic on the configuration', (d) => d.length > 0);
        assert.match(String(ds[0]!.message), /not valid YAML/);
        assert.ok(ds[0]!.range.start.line >= 1, JSON.stringify(ds[0]!.range));
        await stillServing(c);
        // fixed: the diagnostic goes
        c.write('.starstories.yaml', 'rules:\n  missing-section: error\n');
        c.watched('.starstories.yaml', 2);
        await c.waitDiags('.starstories.yaml', 'the diagnostic cleared', (d) => d.length === 0);
        await c.waitDiags('reports.md', 'the fixed file applies', (d) => withCode(d, 'missing-section')[0]?.severity === 1);
      },
    );
  });

  it('framework: /dev/zero in .starstories.yaml is refused at once as outside the workspace; the default framework stays', async () => {
    const t0 = Date.now();
    await withFaultyServer(
      { '.starstories.yaml': 'framework: /dev/zero\n' },
      () => undefined,
      async (c) => {
        await c.ready();
        const shown = await c.until('a message about the framework', () => messages(c).find((m) => /framework/.test(m.message)));
        assert.match(shown.message, /\/dev\/zero is outside the configuration file's folder and the workspace; the default framework is used/);
        const cov = await c.request<{ principles: { principle: string }[] }>('starStories/coverage');
        assert.ok(
          cov.principles.some((p) => p.principle === 'Ownership'),
          'the default framework',
        );
        const ds = await c.waitDiags('.starstories.yaml', 'a diagnostic on the configuration', (d) => d.length > 0);
        assert.match(String(ds[0]!.message), /outside/);
        await stillServing(c);
      },
    );
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  });

  it('a framework file that is a FIFO inside the workspace is refused without blocking', async () => {
    await withFaultyServer(
      { '.starstories.yaml': 'framework: fw.yaml\n' },
      (dir) => execFileSync('mkfifo', [path.join(dir, 'fw.yaml')]),
      async (c) => {
        await c.ready();
        const shown = await c.until('a message about the framework', () => messages(c).find((m) => /framework file/.test(m.message)));
        assert.match(shown.message, /cannot read the framework file .*fw\.yaml: a named pipe/);
        await stillServing(c);
      },
    );
  });

  it('a framework outside the workspace from the user settings is used, but not in an untrusted workspace', async () => {
    const fwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'star-fw-'));
    const fw = path.join(fwDir, 'fw.yaml');
    fs.writeFileSync(fw, 'name: Tiny\nprinciples:\n  - name: Kindness\n');
    const settings = (c: TestClient) => c.conn.onRequest('workspace/configuration', () => [{ framework: fw }]);
    try {
      const names = async (c: TestClient) =>
        (await c.request<{ principles: { principle: string }[] }>('starStories/coverage')).principles.map((p) => p.principle);
      await withFaultyServer(
        {},
        () => undefined,
        async (c) => {
          await c.ready();
          assert.deepEqual(await names(c), ['Kindness']);
        },
        { client: settings },
      );
      await withFaultyServer(
        {},
        () => undefined,
        async (c) => {
          await c.ready();
          const shown = await c.until('a message about the framework', () => messages(c).find((m) => /framework/.test(m.message)));
          assert.match(shown.message, /untrusted workspace cannot point outside itself/);
          assert.ok((await names(c)).includes('Ownership'));
          await stillServing(c);
        },
        { client: settings, init: { trusted: false }, capabilities: { workspace: { configuration: true } } },
      );
    } finally {
      fs.rmSync(fwDir, { recursive: true, force: true });
    }
  });

  it('story files that are links to /dev/zero, a FIFO or a folder are skipped at once and logged', async () => {
    await withFaultyServer(
      {},
      (dir) => {
        fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
        execFileSync('mkfifo', [path.join(dir, 'pipe')]);
        fs.symlinkSync(path.join(dir, 'pipe'), path.join(dir, 'fifo.md'));
        fs.mkdirSync(path.join(dir, 'folder'));
        fs.symlinkSync(path.join(dir, 'folder'), path.join(dir, 'folder.md'));
      },
      async (c) => {
        await c.ready();
        const log = logs(c);
        assert.match(log, /zero\.md: a device, not a story file; skipped/);
        assert.match(log, /fifo\.md: a named pipe \(FIFO\), not a story file; skipped/);
        assert.match(log, /folder\.md: a link to a folder/);
        await c.waitDiags('reports.md', 'the other files checked', (ds) => withCode(ds, 'missing-section').length === 1);
        // a watched-file event on the FIFO does not block either
        c.watched('fifo.md', 2);
        await stillServing(c);
      },
    );
  });

  for (const answer of ['fails', 'chooses'] as const) {
    it(`a client that ${answer === 'fails' ? 'does not implement' : 'answers'} window/showMessageRequest: the server ${answer === 'fails' ? 'survives' : 'opens the configuration'}`, async () => {
      const shown: string[] = [];
      await withFaultyServer(
        { '.starstories.yaml': 'rules:\n  missing-section: [error\n' },
        () => undefined,
        async (c) => {
          await c.ready();
          if (answer === 'fails') {
            await c.until('the failed request logged', () => /showMessageRequest failed/.test(logs(c)));
            reload(c);
            await stillServing(c);
          } else {
            await c.until('window/showDocument of the configuration', () => shown.length > 0);
            assert.equal(shown[0], c.uri('.starstories.yaml'));
            await stillServing(c);
          }
        },
        {
          capabilities: { workspace: { configuration: true }, window: { showMessage: {}, showDocument: { support: true } } },
          client: (c) => {
            if (answer === 'fails')
              c.conn.onRequest('window/showMessageRequest', () => {
                throw new Error('not implemented');
              });
            else {
              c.conn.onRequest('window/showMessageRequest', (p: { message: string; actions: { title: string }[] }) => {
                assert.match(p.message, /not valid YAML/);
                return p.actions.find((a) => a.title === 'Open configuration') ?? null;
              });
              c.conn.onRequest('window/showDocument', (p: { uri: string }) => {
                shown.push(p.uri);
                return { success: true };
              });
            }
          },
        },
      );
    });
  }
});
