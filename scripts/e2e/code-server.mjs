// npm run test:code-server: the extension test suite (client/src/test, bundled
// into dist/test/index.js) inside a real VS Code, code-server 1.139, driven by
// Chromium through playwright-core.
//
// Steps: build; install Node 24 and code-server into .tools/ when missing;
// then two passes, each in a fresh code-server (own user data dir) and a
// fresh Chromium profile:
//   1. the extension suite on a copy of test/vscode-workspace, workspace
//      trust off (--disable-workspace-trust);
//   2. Restricted Mode: trust on, the folder not trusted, its settings and
//      .starstories.yaml pointing outside it (test/vscode-restricted);
//      only client/src/test/restricted.test.ts runs.
// Each pass copies the workspace to a temp folder; starts code-server on a
// free port with the smoke-test driver enabled; opens the workspace with
// the `payload` that makes the workbench load this repo as the extension
// under development and run the test index; forwards the extension host's
// console (mocha's output) and waits for codeAutomationExit. Ends with one
// "N passed, N failed" for both passes; exits non-zero on any failure,
// timeout or setup error (a pass that cannot run counts as one failure, and
// the other pass still runs). code-server and Chromium are always stopped
// (process groups).
//
// Environment: STAR_E2E_TIMEOUT_MS (per pass, default 300000),
// STAR_E2E_GREP (run only matching tests, in both passes), STAR_E2E_PASS
// (main or restricted: run one pass only), STAR_E2E_KEEP=1 (keep the temp
// folders), STAR_E2E_CHROMIUM, STAR_E2E_NODE. Logs and the JSON summary go
// to .artifacts/code-server/ (the second pass's to its restricted/).

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

/**
 * One run of the test index in a fresh code-server and a fresh Chromium
 * profile: `prepare(tmp)` makes the workspace and returns { workspace,
 * env, settings }. Never throws: a setup error or a timeout counts as one
 * failure, so the next pass still runs and the total stays right.
 */
async function runPass({ name, dir, workspaceTrust, prepare, setup }) {
  const started = Date.now();
  fs.mkdirSync(dir, { recursive: true });
  const resultFile = path.join(dir, 'result.json');
  const serverLog = path.join(dir, 'code-server.log');
  const workbenchLog = path.join(dir, 'workbench.log');
  const tmp = scratchDir('code-server');
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions'); // empty: only the extension under development loads
  fs.mkdirSync(extensionsDir, { recursive: true });

  let server;
  let chromium;
  let watchdog;
  let exitCode;
  try {
    const { workspace, env = {}, settings = {} } = prepare(tmp);
    writeUserSettings(userDataDir, settings);
    server = await startCodeServer({
      node: setup.node,
      userDataDir,
      extensionsDir,
      logFile: serverLog,
      workspaceTrust,
      env: { STAR_E2E_RESULT: resultFile, ...(process.env.STAR_E2E_GREP ? { STAR_E2E_GREP: process.env.STAR_E2E_GREP } : {}), ...env },
    });
    log(
      'e2e',
      `${name}: code-server ${server.url} is up (${Math.round((Date.now() - started) / 1000)} s); opening ${path.relative(tmp, workspace)} with the test payload`,
    );

    chromium = await launchChromium(); // a fresh browser profile: no folder is remembered as trusted
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => fs.appendFileSync(path.join(dir, 'page-errors.log'), `${e.stack ?? e}\n`));

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
    // begin and end markers (mocha's spec output) is shown; the rest goes to workbench.log. The
    // index's own "N passed, N failed" is shown with the pass's name, so the only such line that
    // starts a line is the total at the end (the line scripts/test-all.sh reads).
    let inTests = false;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (text.startsWith(BEGIN)) inTests = true;
      if (inTests) process.stdout.write(/^\d+ passed, \d+ failed/.test(text) ? `${name}: ${text}\n` : `${text}\n`);
      else fs.appendFileSync(workbenchLog, `[${type}] ${text}\n`);
      if (text.startsWith(END)) inTests = false;
    });
    await page.goto(
      workbenchUrl(server.url, server.port, workspace, {
        extensionDevelopmentPath: repo,
        extensionTestsPath: setup.testIndex.replace(/\.js$/, ''),
        skipWelcome: 'true',
        skipReleaseNotes: 'true',
      }),
      { timeout: 60_000 },
    );
    try {
      exitCode = await done;
    } finally {
      if (exitCode !== 0) {
        await page.screenshot({ path: path.join(dir, 'failure.png') }).catch(() => undefined);
        const errors = fs.existsSync(workbenchLog)
          ? fs
              .readFileSync(workbenchLog, 'utf8')
              .split('\n')
              .filter((l) => l.startsWith('[error]') && !/open-vsx|authentication provider/.test(l))
          : [];
        if (errors.length) console.log(`\nErrors the workbench logged (all of it: ${path.relative(repo, workbenchLog)}):\n${errors.slice(-15).join('\n')}`);
      }
    }
  } catch (e) {
    console.error(`\n${name} failed: ${e instanceof Error ? e.message : e}`);
    return { name, passed: 0, failed: 1, failures: [], seconds: Math.round((Date.now() - started) / 1000), exitCode };
  } finally {
    clearTimeout(watchdog);
    if (chromium) await chromium.close();
    if (server) await killGroup(server.child);
    if (process.env.STAR_E2E_KEEP) log('e2e', `kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    console.error(
      `\n${name}: the test index exited with ${exitCode} but wrote no summary to ${path.relative(repo, resultFile)}; see ${path.relative(repo, serverLog)}`,
    );
    return { name, passed: 0, failed: 1, failures: [], seconds, exitCode };
  }
  const failed = summary.failed + (exitCode !== 0 && summary.failed === 0 ? 1 : 0);
  return { name, passed: summary.passed, failed, failures: summary.failures ?? [], seconds, exitCode };
}

/** The first pass: the whole extension suite on test/vscode-workspace, workspace trust off. */
function mainPass(tmp) {
  return { workspace: copyWorkspace(tmp) };
}

/**
 * The second pass: Restricted Mode. Workspace trust on, no start-up prompt,
 * and a fresh user data dir and browser profile, so the folder is not
 * trusted. The workspace copy's own settings and .starstories.yaml point the
 * framework, include/exclude and the stories folder at `<tmp>/outside/`
 * (test/vscode-restricted), which lies outside it; only
 * client/src/test/restricted.test.ts runs (STAR_E2E_SUITE=restricted).
 */
function restrictedPass(tmp) {
  const workspace = copyWorkspace(tmp);
  const outside = path.join(tmp, 'outside');
  fs.cpSync(path.join(repo, 'test', 'vscode-restricted'), outside, { recursive: true });
  const outsideStories = path.join(outside, 'stories');
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'starStories.framework': path.join(outside, 'settings-target.yaml'),
        'starStories.include': [`${outsideStories}/**/*.md`, '../outside/**/*.md'],
        'starStories.exclude': ['stories/**', '*.md'],
        'starStories.storiesFolder': outsideStories,
      },
      null,
      2,
    ),
  );
  const config = path.join(workspace, '.starstories.yaml');
  fs.appendFileSync(
    config,
    [
      '# Restricted Mode pass: each of these points outside the workspace',
      `framework: ${JSON.stringify(path.join(outside, 'framework.yaml'))}`,
      `include: [${JSON.stringify('**/*.md')}, ${JSON.stringify('../outside/**/*.md')}, ${JSON.stringify(`${outsideStories}/**/*.md`)}]`,
      `storiesFolder: ${JSON.stringify(outsideStories)}`,
      '',
    ].join('\n'),
  );
  return {
    workspace,
    env: { STAR_E2E_SUITE: 'restricted', STAR_E2E_OUTSIDE: outside },
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
      'security.workspace.trust.emptyWindow': false,
    },
  };
}

async function main() {
  const started = Date.now();
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });

  const only = process.env.STAR_E2E_PASS;
  const passes = [
    { id: 'main', name: 'extension suite', dir: artifacts, workspaceTrust: false, prepare: mainPass },
    { id: 'restricted', name: 'Restricted Mode', dir: path.join(artifacts, 'restricted'), workspaceTrust: true, prepare: restrictedPass },
  ].filter((p) => !only || p.id === only);
  if (!passes.length) throw new SetupError(`STAR_E2E_PASS=${only}: no such pass (main or restricted)`);

  log('e2e', 'building the extension and the test bundle');
  const testIndex = await buildTests({ quiet: true });
  chromiumPath(); // fail early, before any install, when there is no browser
  const node = await ensureNode24();
  await ensureCodeServer(node);

  const results = [];
  for (const pass of passes) {
    console.log();
    log('e2e', `pass: ${pass.name}`);
    results.push(await runPass({ ...pass, setup: { node, testIndex } }));
  }

  console.log();
  for (const r of results) {
    for (const f of r.failures) console.log(`FAILED (${r.name}): ${f.title}\n  ${String(f.error).split('\n').slice(0, 4).join('\n  ')}`);
  }
  for (const r of results) console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s, exit code ${r.exitCode ?? 'none'})`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  finish(passed, failed, `code-server tier: ${seconds} s, ${results.length} pass${results.length === 1 ? '' : 'es'} (VS Code 1.139 in code-server)`);
}

main().catch((e) => {
  const setup = e instanceof SetupError;
  console.error(`\ntest:code-server ${setup ? 'setup failed' : 'failed'}: ${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
