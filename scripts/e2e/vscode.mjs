// npm run test:vscode: the extension test suite (dist/test/index.js) in VS Code
// desktop, downloaded and started by @vscode/test-electron's runTests().
//
// Where VS Code desktop cannot be downloaded (no network but npm, as on the
// CI machine), this fails fast with a message pointing at
// `npm run test:code-server`, which runs the same suite in code-server.
//
// runTests() runs in a child Node process of its own process group, so a
// time limit (STAR_E2E_TIMEOUT_MS, default 600000) can stop VS Code and
// everything it started. On a Linux machine without a display run it under
// xvfb-run. STAR_E2E_VSCODE_VERSION picks the version (default: stable);
// STAR_E2E_VSCODE_EXECUTABLE uses an installed VS Code instead of downloading.
// VS Code is cached in .tools/vscode-test.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTests } from './build-tests.mjs';
import { copyWorkspace, killGroup, repo, scratchDir, spawnGroup } from './lib.mjs';

const TIMEOUT_MS = Number(process.env.STAR_E2E_TIMEOUT_MS) || 10 * 60_000;
const artifacts = path.join(repo, '.artifacts', 'vscode');
const resultFile = path.join(artifacts, 'result.json');
const cachePath = path.join(repo, '.tools', 'vscode-test');

function fail(message) {
  console.error(`\ntest:vscode: ${message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}

/** In the child: download VS Code (or use the given one) and run the suite with runTests(). */
async function child() {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  let vscodeExecutablePath = process.env.STAR_E2E_VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({
        version: process.env.STAR_E2E_VSCODE_VERSION || 'stable',
        cachePath,
        timeout: 20_000,
      });
    } catch (e) {
      fail(
        `VS Code desktop could not be downloaded: ${e instanceof Error ? e.message : e}. ` +
          'Use npm run test:code-server, which runs the same suite in code-server (VS Code 1.139) from npm.',
      );
      return;
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('test:vscode: no DISPLAY; VS Code desktop needs one (run under xvfb-run -a npm run test:vscode).');
  }
  const tmp = scratchDir('vscode');
  const workspace = copyWorkspace(tmp);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repo,
      extensionTestsPath: path.join(repo, 'dist', 'test', 'index.js'),
      extensionTestsEnv: { STAR_E2E_RESULT: resultFile, STAR_E2E_GREP: process.env.STAR_E2E_GREP },
      launchArgs: [
        workspace,
        '--disable-extensions', // other extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
    });
  } catch (e) {
    // a failing suite rejects too; the summary says which tests failed
    if (!fs.existsSync(resultFile)) fail(`VS Code did not run the tests: ${e instanceof Error ? e.message : e}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function parent() {
  const started = Date.now();
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  try {
    await buildTests({ quiet: true });
  } catch (e) {
    fail(e.message);
    return;
  }
  const proc = spawnGroup(process.execPath, [fileURLToPath(import.meta.url)], {
    cwd: repo,
    env: { ...process.env, STAR_E2E_VSCODE_CHILD: '1' },
    stdio: 'inherit',
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void killGroup(proc);
  }, TIMEOUT_MS);
  const code = await new Promise((resolve) => proc.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  clearTimeout(timer);
  await killGroup(proc, 1000); // anything VS Code left behind
  if (timedOut) return fail(`the tests did not finish within ${TIMEOUT_MS / 1000} s; stopped VS Code.`);
  if (!fs.existsSync(resultFile)) {
    // the child has explained why (download failed, VS Code did not start)
    process.exitCode = code || 1;
    return;
  }
  const summary = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const f of summary.failures ?? []) console.log(`FAILED: ${f.title}\n  ${String(f.error).split('\n').slice(0, 4).join('\n  ')}`);
  console.log(`vscode tier: ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  process.exitCode = summary.failed > 0 || summary.passed === 0 || code !== 0 ? 1 : 0;
}

if (process.env.STAR_E2E_VSCODE_CHILD) await child();
else await parent();
