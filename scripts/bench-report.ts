// The coverage matrix report over a bank, as `star-stories coverage --format
// html` writes it. Bundled and run by scripts/bench.mjs: node .bench/report.js
// DIR (DIR: generated story files). The check is not timed (analysis, the
// workspace rules and each file's diagnostics, which the report counts); the
// report is: the matrix (coverage, readiness, events, findings per story) and
// its HTML page, and the markdown table for information.
import * as path from 'node:path';
import { coverageMatrix, eventOptions, matrixHtml, matrixMarkdown, type Diagnostic } from '../server/src/core';
import { benchWorkspace } from './bench-workspace';

const dir = process.argv[2]!;
const { ws } = benchWorkspace(dir);
// the check: every file's diagnostics, as the CLI has them before it writes a report
const cross = ws.workspaceFindings();
const diagnostics = new Map<string, Diagnostic[]>(ws.uris().map((u) => [u, ws.diagnosticsFor(u, cross)]));
const names = { file: (u: string) => path.relative(dir, u), href: (s: { uri: string; line: number }) => `${path.relative(dir, s.uri)}#L${s.line}` };
const times: number[] = [];
const mdTimes: number[] = [];
let bytes = 0;
let stories = 0;
let cells = 0;
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const rules = ws.getRules();
  const m = coverageMatrix(ws.files(), ws.getMatcher().framework, ws.getConfig().coverageTarget, rules, eventOptions(rules), (u) => diagnostics.get(u) ?? []);
  const html = matrixHtml(m, names);
  times.push(performance.now() - t0);
  const t1 = performance.now();
  matrixMarkdown(m, names);
  mdTimes.push(performance.now() - t1);
  bytes = html.length;
  stories = m.stories.length;
  cells = m.principles.reduce((n, p) => n + p.cells.filter(Boolean).length, 0);
}
const first = times[0]!;
times.sort((a, b) => a - b);
mdTimes.sort((a, b) => a - b);
console.log(JSON.stringify({ stories, cells, bytes, first, median: times[Math.floor(times.length / 2)], max: times[times.length - 1], markdown: mdTimes[3] }));
