// The extension test index: the `run()` that @vscode/test-electron (VS Code
// desktop) and code-server's smoke-test driver (scripts/e2e/code-server.mjs)
// load in the extension host as `extensionTestsPath`.
//
// Bundled with mocha into dist/test/index.js by scripts/e2e/build-tests.mjs,
// so it needs nothing from node_modules at run time (the extension host
// resolves modules relative to this file). Mocha's spec output goes to the
// console; with STAR_E2E_RESULT set, a JSON summary is written there too:
// { passed, failed, pending, durationMs, failures: [{ title, error }] }.
// STAR_E2E_GREP runs only the tests whose full title matches.
// STAR_E2E_SUITE=restricted runs restricted.test.ts instead of the others:
// it needs a workspace in Restricted Mode, which scripts/e2e/code-server.mjs
// opens in a second pass (the other tests need a trusted one).

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import commands from './commands.test';
import completion from './completion.test';
import coverage from './coverage.test';
import crossfile from './crossfile.test';
import diagnostics from './diagnostics.test';
import hover from './hover.test';
import matrix from './matrix.test';
import plan from './plan.test';
import practice from './practice.test';
import quickfix from './quickfix.test';
import restricted from './restricted.test';
import seed from './seed.test';

export interface Summary {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  failures: { title: string; error: string }[];
}

function writeSummary(summary: Summary): void {
  const out = process.env.STAR_E2E_RESULT;
  if (!out) return;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(summary, null, 2));
}

export function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.STAR_E2E_GREP) mocha.grep(process.env.STAR_E2E_GREP);
  // Define describe/it on the global object, as loading a test file would.
  mocha.suite.emit('pre-require', globalThis, 'star-stories-e2e', mocha);
  // Order matters only for speed: every test restores what it changes.
  const suites =
    process.env.STAR_E2E_SUITE === 'restricted'
      ? [restricted]
      : [diagnostics, quickfix, completion, coverage, crossfile, commands, hover, plan, practice, matrix, seed];
  for (const register of suites) register();

  const failures: Summary['failures'] = [];
  // scripts/e2e/code-server.mjs shows what is printed between these two lines
  console.log(`[star-e2e] begin: STAR Stories extension tests in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost})`);
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failed) => {
        const stats = runner.stats;
        const summary: Summary = {
          passed: stats?.passes ?? 0,
          failed: stats?.failures ?? failed,
          pending: stats?.pending ?? 0,
          durationMs: Date.now() - started,
          failures,
        };
        try {
          writeSummary(summary);
        } catch (e) {
          console.error(`could not write the test summary: ${String(e)}`);
        }
        console.log(`${summary.passed} passed, ${summary.failed} failed`);
        console.log('[star-e2e] end');
        if (failed > 0) reject(new Error(`${failed} tests failed.`));
        else resolve();
      });
      runner.on('fail', (test, err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        failures.push({ title: test.fullTitle(), error: e.stack ?? e.message });
      });
    } catch (e) {
      writeSummary({ passed: 0, failed: 1, pending: 0, durationMs: Date.now() - started, failures: [{ title: 'test index', error: String(e) }] });
      reject(e);
    }
  });
}
