// What the end-to-end tiers need from the system, installed when it can be:
// Debian's Chromium (the browser the code-server and UI tiers drive),
// Neovim (the second LSP client) and the C headers code-server's native
// modules build against. `npm test` runs this before those tiers. As root,
// or with sudo that asks no password, it installs what is missing with
// apt-get and says what it installs; otherwise it stops at once and names
// the one command to run. Node 24 and code-server come from the npm registry
// (scripts/e2e/setup.mjs), not from here.
//
//   node scripts/e2e/system-deps.mjs            check, install what is missing
//   node scripts/e2e/system-deps.mjs --check    check only (exit 1 when something is missing)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

const checkOnly = process.argv.includes('--check');

/** Debian packages and how to tell each is there. */
const NEEDS = [
  {
    pkg: 'chromium',
    what: 'Chromium',
    present: () => !!process.env.STAR_E2E_CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => fs.existsSync(p)),
  },
  { pkg: 'neovim', what: 'Neovim', present: () => has(process.env.STAR_NVIM || 'nvim', ['--version']) },
  // headers for code-server's native modules (built once, when .tools/code-server is installed)
  ...['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'pkg-config'].map((pkg) => ({ pkg, what: pkg, present: () => installed(pkg) })),
];

function has(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** Whether a Debian package is installed (true where there is no dpkg: nothing to check against). */
function installed(pkg) {
  if (!has('dpkg-query', ['--version'])) return true;
  // dpkg's own format field, written with a dollar sign (not a template)
  const r = spawnSync('dpkg-query', ['-W', `-f=${'$'}{Status}`, pkg], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

const say = (s) => console.log(`[system-deps] ${s}`);

const missing = NEEDS.filter((n) => !n.present());
if (!missing.length) {
  say('Chromium, Neovim and the build headers are installed');
  process.exit(0);
}
const pkgs = missing.map((n) => n.pkg);
const command = `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;
if (checkOnly) {
  say(`missing: ${missing.map((n) => n.what).join(', ')}; install with: ${command}`);
  process.exit(1);
}

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo', ['-n', 'true']);
if (!has('apt-get', ['--version']) || (!root && !sudo)) {
  const why = !has('apt-get', ['--version'])
    ? 'there is no apt-get here'
    : has('sudo', ['--version'])
      ? 'it is not root, and sudo asks for a password'
      : 'it is not root, and there is no sudo';
  console.error(
    `[system-deps] the end-to-end tiers need ${missing.map((n) => n.what).join(', ')}, not installed here, and this run cannot install ${missing.length === 1 ? 'it' : 'them'} (${why}).\n` +
      `Run this once, then npm test again:\n\n    ${command}\n\n(or skip the end-to-end tiers: STAR_E2E=0 npm test)`,
  );
  process.exit(1);
}

const prefix = root ? [] : ['sudo', '-n'];
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
function apt(args, timeoutMs) {
  const [cmd, ...rest] = [...prefix, 'apt-get', ...args];
  say(`${root ? '' : 'sudo '}apt-get ${args.join(' ')}`);
  const r = spawnSync(cmd, rest, { stdio: 'inherit', env, timeout: timeoutMs });
  if (r.status !== 0) {
    console.error(`[system-deps] apt-get ${args[0]} failed (${r.error?.message ?? `exit ${r.status}`}); install by hand: ${command}`);
    process.exit(1);
  }
}

say(`installing what the end-to-end tiers need: ${pkgs.join(' ')}`);
apt(['update'], 5 * 60_000);
apt(['install', '-y', ...pkgs], 15 * 60_000);
const still = missing.filter((n) => !n.present());
if (still.length) {
  console.error(`[system-deps] still missing after apt-get: ${still.map((n) => n.what).join(', ')}`);
  process.exit(1);
}
say(`installed ${pkgs.join(' ')}`);
