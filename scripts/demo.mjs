// npm run demo: the CLI over the bundled sample story bank, then its
// principle coverage. The samples hold faults on purpose, so exit status 1
// (an error was found) is the expected outcome here.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, ['bin/star-stories.js', ...args], { stdio: 'inherit', cwd: new URL('..', import.meta.url).pathname });
console.log('$ star-stories check samples\n');
const check = run(['check', 'samples']);
console.log('\n$ star-stories coverage samples\n');
const coverage = run(['coverage', 'samples']);
const ok = (check.status === 0 || check.status === 1) && coverage.status === 0;
if (ok) console.log('\nThe samples hold faults on purpose: each line above is one a candidate would fix.');
process.exit(ok ? 0 : 1);
