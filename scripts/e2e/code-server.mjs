// npm run test:code-server: the extension test suite (client/src/test, bundled
// into dist/test/index.js) inside a real VS Code, code-server 1.139, driven by
// Chromium through playwright-core.
//
// Steps: build; install Node 24 and code-server into .tools/ when missing;
// copy test/vscode-workspace to a temp folder; start code-server on a free
// port with the smoke-test driver enabled; open the workspace with the
// `payload` that makes the workbench load this repo as the extension under
// development and run the test index; forward the extension host's console
// (mocha's output) and wait for codeAutomationExit. Ends with
// "N passed, N failed"; exits non-zero on failure, timeout or setup error.
// code-server and Chromium are always stopped (process groups).
//
// Environment: STAR_E2E_TIMEOUT_MS (default 300000), STAR_E2E_GREP (run only
// matching tests), STAR_E2E_KEEP=1 (keep the temp folder), STAR_E2E_CHROMIUM,
// STAR_E2E_NODE. Logs and the JSON summary go to .artifacts/code-server/.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { buildTests } from './build-tests.mjs';
import {
  SetupError,
  chromiumPath,
  copyWorkspace,
  ensureCodeServer,
  ensureNode24,
  finish,
  killGroup,
  launchChromium,
  log,
  repo,
  scratchDir,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './lib.mjs';

const TIMEOUT_MS = Number(process.env.STAR_E2E_TIMEOUT_MS) || 5 * 60_000;
const artifacts = path.join(repo, '.artifacts', 'code-server');
// printed by client/src/test/index.ts around mocha's run
const BEGIN = '[star-e2e] begin';
const END = '[star-e2e] end';

async function main() {
  const started = Date.now();
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const resultFile = path.join(artifacts, 'result.json');
  const serverLog = path.join(artifacts, 'code-server.log');
  const workbenchLog = path.join(artifacts, 'workbench.log');

  log('e2e', 'building the extension and the test bundle');
  const testIndex = await buildTests({ quiet: true });
  chromiumPath(); // fail early, before any install, when there is no browser
  const node = await ensureNode24();
  await ensureCodeServer(node);

  const tmp = scratchDir('code-server');
  const workspace = copyWorkspace(tmp);
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions'); // empty: only the extension under development loads
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);

  let server;
  let chromium;
  let watchdog;
  let exitCode;
  try {
    server = await startCodeServer({
      node,
      userDataDir,
      extensionsDir,
      logFile: serverLog,
      env: { STAR_E2E_RESULT: resultFile, ...(process.env.STAR_E2E_GREP ? { STAR_E2E_GREP: process.env.STAR_E2E_GREP } : {}) },
    });
    log(
      'e2e',
      `code-server ${server.url} is up (${Math.round((Date.now() - started) / 1000)} s); opening ${path.relative(tmp, workspace)} with the test payload`,
    );

    chromium = await launchChromium();
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => fs.appendFileSync(path.join(artifacts, 'page-errors.log'), `${e.stack ?? e}\n`));

    let settle;
    const done = new Promise((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    watchdog = setTimeout(
      () => settle.reject(new Error(`the tests did not finish within ${TIMEOUT_MS / 1000} s (STAR_E2E_TIMEOUT_MS); see ${path.relative(repo, serverLog)}`)),
      TIMEOUT_MS,
    );
    server.child.once('exit', (code, signal) =>
      settle.reject(new Error(`code-server exited during the tests (${signal ?? `exit ${code}`}); see ${path.relative(repo, serverLog)}`)),
    );
    // the workbench calls this with 0 when run() resolves and 1 when it rejects
    await page.exposeFunction('codeAutomationExit', (code) => settle.resolve(Number(code)));
    // The console of the workbench and the extension host. What the test index prints between its
    // begin and end markers (mocha's spec output) is shown; the rest goes to workbench.log.
    let inTests = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(BEGIN)) inTests = true;
      if (inTests) process.stdout.write(`${text}\n`);
      else fs.appendFileSync(workbenchLog, `[${type}] ${text}\n`);
      if (text.startsWith(END)) inTests = false;
    });
    await page.goto(
      workbenchUrl(server.url, server.port, workspace, {
        extensionDevelopmentPath: repo,
        extensionTestsPath: testIndex.replace(/\.js$/, ''),
        skipWelcome: 'true',
        skipReleaseNotes: 'true',
      }),
      { timeout: 60_000 },
    );
    try {
      exitCode = await done;
    } finally {
      if (exitCode !== 0) {
        await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => undefined);
        const errors = fs.existsSync(workbenchLog)
          ? fs
              .readFileSync(workbenchLog, 'utf8')
              .split('\n')
              .filter((l) => l.startsWith('[error]') && !/open-vsx|authentication provider/.test(l))
          : [];
        if (errors.length) console.log(`\nErrors the workbench logged (all of it: ${path.relative(repo, workbenchLog)}):\n${errors.slice(-15).join('\n')}`);
      }
    }
  } finally {
    clearTimeout(watchdog);
    if (chromium) await chromium.close();
    if (server) await killGroup(server.child);
    if (process.env.STAR_E2E_KEEP) log('e2e', `kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    throw new Error(`the test index exited with ${exitCode} but wrote no summary to ${path.relative(repo, resultFile)}; see ${path.relative(repo, serverLog)}`);
  }
  console.log();
  for (const f of summary.failures ?? []) console.log(`FAILED: ${f.title}\n  ${String(f.error).split('\n').slice(0, 4).join('\n  ')}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = summary.failed + (exitCode !== 0 && summary.failed === 0 ? 1 : 0);
  finish(summary.passed, failed, `code-server tier: ${seconds} s (VS Code 1.139 in code-server, exit code ${exitCode})`);
}

main().catch((e) => {
  const setup = e instanceof SetupError;
  console.error(`\ntest:code-server ${setup ? 'setup failed' : 'failed'}: ${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
