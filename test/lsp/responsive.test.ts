// A responsive server, over stdio: bursts of edits coalesce to the latest
// version, requests keep being answered while a large bank is edited, the
// first index and file events cannot race, nothing is answered after
// `shutdown`, and a closed untitled document leaves nothing behind.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient, withCode, withServer, workspace } from './harness';

const story = (n: number, principle = 'Ownership') => `---
title: Story number ${n} about moving the nightly reports
principles: [${principle}]
company: Company ${n}
---

## Situation
The reporting server number ${n} failed twice a week and the finance team waited for numbers.

## Task
I owned the move of the nightly jobs before the quarter closed.

## Action
I moved the jobs to a managed scheduler, wrote checks for each report and ran both systems side by side.

## Result
Reports arrived on time every day for a quarter.
`;

/** A bank of `n` stories under level-two headings, in one file. */
function bank(n: number): string {
  const out = ['# Story bank', ''];
  for (let i = 0; i < n; i++) {
    out.push(`## Story ${i}: moving report server ${i} to a scheduler`, '', `- **LPs:** Ownership, Dive Deep`, '');
    out.push('### Situation', `Report server ${i} failed twice a week and the finance team of region ${i} waited for their numbers every time.`, '');
    out.push('### Task', `I owned the move of the ${i} nightly jobs before the quarter closed.`, '');
    out.push('### Action', `I moved the jobs to a managed scheduler, wrote checks for each of the ${i} reports and ran both systems side by side.`, '');
    out.push('### Result', `Reports arrived on time for a quarter and the run took ${(i % 50) + 10}% less time.`, '');
  }
  return out.join('\n');
}

async function settle(p: Promise<unknown>): Promise<{ result?: unknown; error?: { code: number; message: string } }> {
  try {
    return { result: await p };
  } catch (e) {
    return { error: e as { code: number; message: string } };
  }
}

describe('lsp: a responsive server', () => {
  it('coalesces a burst of 1,000 edits: far fewer analyses than edits, and the last version is published', async () => {
    await withServer({ 'a.md': story(1) }, async (c) => {
      await c.ready();
      c.open('a.md', story(1), 1);
      await c.until('diagnostics of version 1', () => c.publishes.some((p) => p.uri === c.uri('a.md') && p.version === 1));
      const before = c.publishCount('a.md');
      const t0 = Date.now();
      // each edit is one keystroke on the Result line; the last one misspells the principle
      for (let v = 2; v <= 1001; v++) c.change('a.md', v === 1001 ? story(v, 'Customer Obssesion') : story(v), v);
      const last = await c.until(
        'diagnostics of version 1001',
        () => c.publishes.find((p: PublishDiagnosticsParams) => p.uri === c.uri('a.md') && p.version === 1001),
        20000,
      );
      const settled = Date.now() - t0;
      assert.equal(withCode(last.diagnostics, 'unknown-principle').length, 1, 'the diagnostics are those of the latest text');
      // let anything still queued arrive, then count
      await new Promise((r) => setTimeout(r, 300));
      const publishes = c.publishCount('a.md') - before;
      assert.ok(publishes <= 100, `1,000 edits made ${publishes} publishes (settled in ${settled} ms)`);
      const versions = c.publishes.filter((p) => p.uri === c.uri('a.md')).map((p) => p.version ?? 0);
      assert.deepEqual(
        versions,
        [...versions].sort((a, b) => a - b),
        'versions are published in order',
      );
      assert.equal(versions.at(-1), 1001);
    });
  });

  it('answers a hover sent right after an edit of a large bank (200 stories, analysed in the worker) within 50 ms (median of 20)', async () => {
    const text = bank(200);
    await withServer({ 'bank.md': text }, async (c) => {
      await c.ready();
      c.open('bank.md', text, 1);
      const opened = await c.until('diagnostics of the opened bank', () => c.publishes.find((p) => p.uri === c.uri('bank.md') && p.version === 1), 30000);
      const indexed = c.publishes.find((p) => p.uri === c.uri('bank.md') && p.version === undefined);
      assert.ok(indexed && indexed.diagnostics.length > 0, 'the index published the bank');
      assert.deepEqual(opened.diagnostics, indexed.diagnostics, 'the worker reads the bank as the index does');
      const line = text.split('\n').findIndex((l) => l.startsWith('### Action'));
      const hover = () => c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('bank.md') }, position: { line, character: 5 } });
      await hover(); // warm
      const latencies: number[] = [];
      for (let version = 2; version <= 21; version++) {
        // a keystroke in the middle of the bank, and a hover right after it
        c.change('bank.md', text.replace('Report server 50 failed', `Report server 50 (edit ${version}) failed`), version);
        const sent = performance.now();
        const h = await hover();
        latencies.push(performance.now() - sent);
        assert.ok(h && JSON.stringify(h.contents).includes('words'), JSON.stringify(h));
        await c.until(`diagnostics of version ${version}`, () => c.publishes.some((p) => p.uri === c.uri('bank.md') && p.version === version), 20000);
      }
      latencies.sort((a, b) => a - b);
      // the median, not the slowest: on a loaded shared 2-core machine (load average 7-10) the work left on the main
      // thread (keeping the facts, the cross-file pass, publishing) still delays some answers; analysing on the main
      // thread put the median alone at 115-223 ms for a bank half this size
      const median = latencies[latencies.length >> 1]!;
      const summary = `median ${median.toFixed(1)} ms, 90th percentile ${latencies[Math.floor(latencies.length * 0.9) - 1]!.toFixed(1)} ms, slowest ${latencies.at(-1)!.toFixed(1)} ms`;
      assert.ok(median <= 50, `hovers sent right after an edit: ${summary}`);
    });
  });

  it('answers requests after shutdown with an error', async () => {
    const c = new TestClient(workspace({ 'a.md': story(1) }));
    try {
      await c.start();
      await c.ready();
      c.open('a.md', story(1));
      const before = await settle(c.request('textDocument/hover', { textDocument: { uri: c.uri('a.md') }, position: { line: 6, character: 4 } }));
      assert.ok(before.result, 'a hover before shutdown');
      await c.request('shutdown');
      for (const [method, params] of [
        ['textDocument/hover', { textDocument: { uri: c.uri('a.md') }, position: { line: 6, character: 4 } }],
        ['textDocument/documentSymbol', { textDocument: { uri: c.uri('a.md') } }],
        ['starStories/coverage', undefined],
      ] as const) {
        const r = await settle(c.request(method, params));
        assert.ok(r.error, `${method} after shutdown was answered: ${JSON.stringify(r.result)}`);
        assert.equal(r.error.code, -32600, `${method}: ${r.error.message}`);
      }
    } finally {
      await c.stop();
    }
  });

  it('forgets a closed untitled document: its stories leave coverage and the story list', async () => {
    await withServer({ 'a.md': story(1) }, async (c) => {
      await c.ready();
      const covered = async () =>
        ((await c.request('starStories/coverage')) as { principles: { principle: string; count: number }[] }).principles.find(
          (p) => p.principle === 'Frugality',
        )!.count;
      for (let i = 0; i < 3; i++) {
        const uri = `untitled:Untitled-${i}`;
        const notes = c.notificationsOf('starStories/coverageChanged').length;
        void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: story(100 + i, 'Frugality') } });
        await c.until('coverage with the untitled story', () => c.notificationsOf('starStories/coverageChanged').length > notes);
        assert.equal(await covered(), 1);
        const after = c.notificationsOf('starStories/coverageChanged').length;
        void c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
        // the client is told (its status bar and views drop the story) without asking
        const note = await c.until(
          'coverage without the untitled story',
          () => c.notificationsOf<{ principles: { principle: string; count: number }[] }>('starStories/coverageChanged')[after],
        );
        assert.equal(note.principles.find((p) => p.principle === 'Frugality')!.count, 0);
        assert.equal(await covered(), 0);
        const stories = (await c.request('starStories/stories')) as { uri: string }[];
        assert.ok(!stories.some((s) => s.uri === uri), JSON.stringify(stories.map((s) => s.uri)));
      }
    });
  });

  it('does not lose a file created, nor keep a file deleted, while the first index runs', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 600; i++) files[`s${String(i).padStart(3, '0')}.md`] = story(i);
    const c = new TestClient(workspace(files));
    try {
      // when the index has listed the folders (its progress begins), a file appears and early ones go
      let changed: Promise<void> | undefined;
      c.conn.onNotification('$/progress', (p: { value: { kind: string } }) => {
        if (p.value.kind !== 'begin' || changed !== undefined) return;
        changed = (async () => {
          await new Promise((r) => setTimeout(r, 100));
          c.write('new.md', story(9999, 'Frugality'));
          c.watched('new.md', 1);
          for (let i = 0; i < 20; i++) {
            const rel = `s${String(i).padStart(3, '0')}.md`;
            fs.rmSync(path.join(c.dir, rel));
            c.watched(rel, 3);
          }
        })();
      });
      await c.start();
      await c.ready();
      await c.until('the file events sent', () => changed !== undefined);
      await changed;
      const stories = async () => ((await c.request('starStories/stories')) as { uri: string }[]).map((s) => s.uri);
      let listed = await stories();
      for (const deadline = Date.now() + 10000; !listed.includes(c.uri('new.md')) && Date.now() < deadline; listed = await stories())
        await new Promise((r) => setTimeout(r, 100));
      assert.ok(listed.includes(c.uri('new.md')), 'the file created during the index is listed');
      const ghosts = listed.filter((u) => /s0(0\d|1\d)\.md$/.test(u));
      assert.deepEqual(ghosts, [], 'deleted files are not listed');
      assert.equal(listed.length, 600 - 20 + 1);
    } finally {
      await c.stop();
    }
  });
});
