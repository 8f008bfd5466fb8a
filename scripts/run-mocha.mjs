// Runs mocha over TypeScript test files (via tsx) with our reporter.
// Usage: node scripts/run-mocha.mjs <folder> [more mocha args]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [folder = 'test/unit', ...rest] = process.argv.slice(2);
const mocha = require.resolve('mocha/bin/mocha.js');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', mocha, '--reporter', './test/support/reporter.cjs', '--timeout', '60000', `${folder}/**/*.test.ts`, ...rest],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
