// Language-server budgets (issue: workspace of 1,000 stories, one bank file
// of 100 stories). Prints figures; called by scripts/bench.mjs.
//   node scripts/bench-lsp.mjs <dir-of-1000-stories> <bank.md> <machine factor>
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { StreamMessageReader, StreamMessageWriter, createProtocolConnection } = require('vscode-languageserver-protocol/node');

const root = path.resolve(new URL('..', import.meta.url).pathname);
const [dir, bank, factorArg] = process.argv.slice(2);
const factor = Number(factorArg || 1);

function startServer(folder) {
  const proc = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Map();
  const listeners = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    published.set(p.uri, p);
    state.publishes++;
    for (const l of listeners.splice(0)) l(p);
  });
  const state = { settings: null, logs: [], publishes: 0 };
  conn.onRequest('workspace/configuration', () => [state.settings]);
  conn.onNotification('window/logMessage', (p) => state.logs.push(p.message));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => {});
  conn.listen();
  const next = () => new Promise((r) => listeners.push(r));
  return { proc, conn, published, next, folder, state };
}

function rssMB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = /VmHWM:\s+(\d+)/.exec(status);
  const rss = /VmRSS:\s+(\d+)/.exec(status);
  return { peak: Number(hwm[1]) / 1024, now: Number(rss[1]) / 1024 };
}

async function init(s) {
  const uri = pathToFileURL(s.folder).href;
  await s.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
  });
  const t0 = performance.now();
  await s.conn.sendNotification('initialized', {});
  return t0;
}

const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

/** Edit a document `n` times; time from didChange to its diagnostics for that version. */
async function edits(s, uri, text, n, variant) {
  const times = [];
  for (let v = 2; v < n + 2; v++) {
    const t = variant(text, v);
    const got = new Promise((resolve) => {
      const wait = () => s.next().then((p) => (p.uri === uri && p.version === v ? resolve() : wait()));
      wait();
    });
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: t }] });
    await got;
    times.push(performance.now() - t0);
  }
  return times.slice(10); // the first edits warm the JIT
}

const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
let over = 0;

// 1. a workspace of 1,000 story files
{
  const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
  const s = startServer(dir);
  const t0 = await init(s);
  while (s.published.size < files.length) await s.next();
  const ready = (performance.now() - t0) / 1000;
  const first = path.join(dir, files[0]);
  const uri = pathToFileURL(first).href;
  const text = readFileSync(first, 'utf8');
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await s.next();
  const times = await edits(s, uri, text, 210, (t, v) => t.replace('## Result', `## Result\n\nEdit number ${v}.`));
  const mem = rssMB(s.proc.pid);
  // a configuration change: every story becomes "too long" at 10 words a minute, so every file is republished
  const before = s.state.publishes;
  const logsBefore = s.state.logs.length;
  s.state.settings = { rules: { 'story-length': { wordsPerMinute: 10 } } };
  const c0 = performance.now();
  await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  while (s.state.publishes - before < files.length) await s.next();
  const reconfigured = performance.now() - c0;
  const loaded = s.state.logs.slice(logsBefore).find((l) => /configuration loaded/.test(l)) ?? '(no log)';
  const reparsed = !/rules re-run over the facts already read/.test(loaded);
  console.log(`\nlanguage server, ${files.length} story files`);
  console.log(
    `  diagnostics for every file ${ready.toFixed(2)} s after initialized (budget 2 s -> ${(2 * factor).toFixed(2)} s here: ${verdict(ready <= 2 * factor)})`,
  );
  console.log(
    `  edit -> diagnostics  p50 ${q(times, 0.5).toFixed(1)} ms  p95 ${q(times, 0.95).toFixed(1)} ms (budget 15 / 50 ms -> ${(15 * factor).toFixed(0)} / ${(50 * factor).toFixed(0)} ms here: ${verdict(q(times, 0.5) <= 15 * factor && q(times, 0.95) <= 50 * factor)})`,
  );
  console.log(`  server RSS ${mem.now.toFixed(0)} MB, peak ${mem.peak.toFixed(0)} MB (budget 150 MB: ${verdict(mem.peak <= 150)})`);
  console.log(
    `  configuration change -> every file republished ${reconfigured.toFixed(0)} ms, ${reparsed ? 'FILES PARSED AGAIN' : 'no file parsed again'} (server: "${loaded.replace(/^\[star-stories\] /, '')}"; must not re-parse: ${verdict(!reparsed)})`,
  );
  over += reparsed ? 1 : 0;
  over += (ready <= 2 * factor ? 0 : 1) + (q(times, 0.5) <= 15 * factor && q(times, 0.95) <= 50 * factor ? 0 : 1) + (mem.peak <= 150 ? 0 : 1);
  s.proc.kill();
}

// 2. one story-bank file of 100 stories
{
  const folder = path.dirname(bank);
  const s = startServer(folder);
  await init(s);
  const uri = pathToFileURL(bank).href;
  const text = readFileSync(bank, 'utf8');
  await s.next();
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  // edit inside one story in the middle of the bank
  const anchor = text.indexOf('### Action', Math.floor(text.length / 2));
  const times = await edits(
    s,
    uri,
    text,
    110,
    (t, v) => `${t.slice(0, anchor)}### Action\n\nI edited this, take ${v}.${t.slice(anchor + '### Action'.length)}`,
  );
  console.log(`\nlanguage server, one bank file of ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`);
  console.log(
    `  edit -> diagnostics  p50 ${q(times, 0.5).toFixed(1)} ms  p95 ${q(times, 0.95).toFixed(1)} ms (budget p95 50 ms -> ${(50 * factor).toFixed(0)} ms here: ${verdict(q(times, 0.95) <= 50 * factor)})`,
  );
  over += q(times, 0.95) <= 50 * factor ? 0 : 1;
  s.proc.kill();
}
console.log(over ? `\n${over} language-server budget(s) over` : '\nlanguage-server budgets met');
process.exit(0);
