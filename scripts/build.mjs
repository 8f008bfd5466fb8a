// Bundles the CLI, the language server and the VS Code client with esbuild.
import * as esbuild from 'esbuild';
import { readFileSync, existsSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'linked',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { STAR_STORIES_VERSION: JSON.stringify(pkg.version) },
};
const entries = [{ entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js' }];
if (existsSync('server/src/server.ts')) entries.push({ entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' });
if (existsSync('client/src/extension.ts')) entries.push({ entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });

if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
}
