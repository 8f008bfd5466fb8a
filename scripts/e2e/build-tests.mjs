// Builds the extension (dist/extension.js, dist/server.js) and bundles the
// extension test suite, mocha included, into dist/test/index.js: the
// `extensionTestsPath` that @vscode/test-electron and code-server load.
// `vscode` stays external (the extension host provides it).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function buildTests({ quiet = false } = {}) {
  const r = spawnSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { cwd: repo, stdio: quiet ? 'pipe' : 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${r.status})${quiet ? `:\n${r.stderr}` : ''}`);
  await esbuild.build({
    absWorkingDir: repo,
    entryPoints: ['client/src/test/index.ts'],
    outfile: 'dist/test/index.js',
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    // vscode comes from the extension host; the two mocha files are only for its parallel mode
    external: ['vscode', './reporters/parallel-buffered.cjs', './worker.cjs'],
    logLevel: 'warning',
  });
  return path.join(repo, 'dist/test/index.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = await buildTests();
    console.log(`build-tests: wrote ${path.relative(repo, out)}`);
  } catch (e) {
    console.error(`build-tests: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
