// npm run test:nvim: a second real LSP client. Headless Neovim (0.7+, Debian's
// `neovim` package) starts the built language server (bin/star-stories-language-server.js
// --stdio) the way the README's init.lua does, opens a story with a missing
// Task and a misspelt principle (test/e2e/nvim/workspace), and
// test/e2e/nvim/check.lua writes what arrived (vim.diagnostic.get, the code
// actions, starStories/coverage) as JSON; this script checks it.
// Ends with "N passed, N failed". Neovim (and the server it started) is
// stopped after STAR_NVIM_TIMEOUT_MS (default 60000) at the latest.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finish, killGroup, repo, scratchDir, spawnGroup } from './lib.mjs';

const TIMEOUT_MS = Number(process.env.STAR_NVIM_TIMEOUT_MS) || 60_000;
const nvim = process.env.STAR_NVIM || 'nvim';
const results = [];

function check(name, fn) {
  try {
    fn();
    results.push(true);
    console.log(`  ✔ ${name}`);
  } catch (e) {
    results.push(false);
    console.log(`  ✘ ${name}\n      ${e instanceof Error ? e.message : e}`);
  }
}
function expect(cond, message) {
  if (!cond) throw new Error(message);
}

async function main() {
  const started = Date.now();
  const version = spawnSync(nvim, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (version.status !== 0) {
    throw new Error(`Neovim was not found (${nvim}). Install it (Debian/Ubuntu: sudo apt-get install -y neovim) or set STAR_NVIM.`);
  }
  console.log(version.stdout.split('\n')[0]);
  const build = spawnSync(process.execPath, [path.join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'inherit', timeout: 120_000 });
  if (build.status !== 0) throw new Error('the build failed');

  const tmp = scratchDir('nvim');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(repo, 'test', 'e2e', 'nvim', 'workspace'), workspace, { recursive: true });
  const out = path.join(tmp, 'result.json');
  let result;
  try {
    const child = spawnGroup(nvim, ['--headless', '--clean', '-S', path.join(repo, 'test', 'e2e', 'nvim', 'check.lua')], {
      cwd: workspace,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        STAR_NVIM_NODE: process.execPath,
        STAR_NVIM_SERVER: path.join(repo, 'bin', 'star-stories-language-server.js'),
        STAR_NVIM_ROOT: workspace,
        STAR_NVIM_FILE: path.join(workspace, 'stories', 'vendor-outage.md'),
        STAR_NVIM_OUT: out,
      },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void killGroup(child, 1000);
    }, TIMEOUT_MS);
    const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? s)));
    clearTimeout(timer);
    await killGroup(child, 1000); // the language server Neovim started, if it lingers
    if (timedOut) throw new Error(`Neovim did not finish within ${TIMEOUT_MS / 1000} s; stopped it.`);
    if (!fs.existsSync(out)) throw new Error(`Neovim exited (${code}) without writing its result`);
    result = JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const ds = Array.isArray(result.diagnostics) ? result.diagnostics : [];
  const byCode = (c) => ds.filter((d) => d.code === c);
  const E = 1; // vim.diagnostic.severity.ERROR
  const W = 2; // WARN
  check('the script ran without a Lua error', () => expect(!result.error, result.error));
  check('diagnostics arrived within the wait', () => expect(result.arrived === true, `arrived: ${result.arrived}; ${JSON.stringify(ds)}`));
  check('missing-section: a warning on the title line (line 2, columns 0-53)', () => {
    const [d] = byCode('missing-section');
    expect(d, `none among ${ds.map((x) => x.code).join(', ')}`);
    expect(d.severity === W && d.source === 'star-stories', JSON.stringify(d));
    expect(d.lnum === 1 && d.col === 0 && d.end_lnum === 1 && d.end_col === 53, JSON.stringify(d));
    expect(d.message === 'No Task part: nothing says what you were responsible for.', d.message);
  });
  check('unknown-principle: an error on "Customer Obssesion" (line 4, columns 4-22) naming the suggestion', () => {
    const [d] = byCode('unknown-principle');
    expect(d, `none among ${ds.map((x) => x.code).join(', ')}`);
    expect(d.severity === E, JSON.stringify(d));
    expect(d.lnum === 3 && d.col === 4 && d.end_lnum === 3 && d.end_col === 22, JSON.stringify(d));
    expect(/Did you mean "Customer Obsession"\?/.test(d.message), d.message);
  });
  check('nothing else: .starstories.yaml (story-length: off) is honoured', () => expect(ds.length === 2, `got ${ds.map((d) => d.code).join(', ')}`));
  check('the code actions for the unknown principle include Change to "Customer Obsession"', () =>
    expect((result.code_actions ?? []).includes('Change to "Customer Obsession"'), JSON.stringify(result.code_actions)),
  );
  check('the custom request starStories/coverage answers (1 of 16 principles covered)', () =>
    expect(result.coverage?.covered === 1 && result.coverage?.total === 16, JSON.stringify(result.coverage)),
  );
  const passed = results.filter(Boolean).length;
  finish(passed, results.length - passed, `nvim tier: ${Math.round((Date.now() - started) / 1000)} s (Neovim ${result.nvim})`);
}

main().catch((e) => {
  console.error(`\ntest:nvim failed: ${e instanceof Error ? e.message : e}`);
  console.log(`${results.filter(Boolean).length} passed, ${results.filter((r) => !r).length + 1} failed`);
  process.exitCode = 1;
});
