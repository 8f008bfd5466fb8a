import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withCode, withServer } from './harness';
import { BANK, NO_TASK_STORY, lineOf } from './stories';

/** A single-story file titled like the first story of BANK ("Refund flow rewrite"). */
const REFUND_FILE = `---
title: Refund flow rewrite
principles: [Customer Obsession]
company: Fabrikam
---

## Situation
Refunds for cancelled orders at Fabrikam needed three manual approvals.

## Task
I was asked to cut the refund time for customers in half.

## Action
I removed two approvals for low-value orders and automated the third.

## Result
Refunds went out in 2 days instead of 6.
`;

describe('lsp cross-file diagnostics', () => {
  it('reports duplicate-title on both files, each pointing at the other', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK }, async (c) => {
      await c.ready();
      const a = withCode(c.diags('refund.md'), 'duplicate-title');
      const b = withCode(c.diags('bank.md'), 'duplicate-title');
      assert.equal(a.length, 1, JSON.stringify(c.diags('refund.md')));
      assert.equal(b.length, 1, JSON.stringify(c.diags('bank.md')));
      assert.equal(a[0]!.severity, 2);
      assert.equal(a[0]!.range.start.line, lineOf(REFUND_FILE, 'title: Refund flow rewrite'));
      assert.equal(b[0]!.range.start.line, lineOf(BANK, '## Refund flow rewrite'));
      assert.deepEqual(
        a[0]!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
        [[c.uri('bank.md'), lineOf(BANK, '## Refund flow rewrite')]],
      );
      assert.deepEqual(
        b[0]!.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
        [[c.uri('refund.md'), lineOf(REFUND_FILE, 'title: Refund flow rewrite')]],
      );
    });
  });

  it('clears duplicate-title in the OTHER file when one title is edited', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('bank.md'), 'duplicate-title').length, 1);
      const before = c.publishCount('bank.md');
      c.open('refund.md', REFUND_FILE);
      c.change('refund.md', REFUND_FILE.replace('title: Refund flow rewrite', 'title: Automating refund approvals'), 2);
      const ds = await c.waitDiags('bank.md', 'bank.md republished without duplicate-title', (ds) => withCode(ds, 'duplicate-title').length === 0);
      assert.ok(c.publishCount('bank.md') > before);
      assert.ok(withCode(ds, 'unknown-principle').length, 'its own findings stay');
      await c.waitDiags('refund.md', 'refund.md without duplicate-title', (ds) => withCode(ds, 'duplicate-title').length === 0);
    });
  });

  it('clears duplicate-title when the other file is deleted on disk (didChangeWatchedFiles, type 3)', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('refund.md'), 'duplicate-title').length, 1);
      fs.rmSync(path.join(c.dir, 'bank.md'));
      c.watched('bank.md', 3);
      await c.waitDiags('refund.md', 'duplicate-title gone', (ds) => withCode(ds, 'duplicate-title').length === 0);
      await c.waitDiags('bank.md', 'the deleted file cleared', (ds) => ds.length === 0);
      const stories = await c.request<{ uri: string }[]>('starStories/stories');
      assert.ok(
        stories.every((s) => s.uri !== c.uri('bank.md')),
        'the deleted file has no stories left',
      );
    });
  });

  it('a folder deleted on disk takes its files with it (one event for the folder, none for the files in it)', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'old/bank.md': BANK, 'old/notes/more.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('refund.md'), 'duplicate-title').length, 1);
      fs.rmSync(path.join(c.dir, 'old'), { recursive: true });
      // as VS Code's watcher reports it: the folder's deletion only
      c.watched('old', 3);
      await c.waitDiags('refund.md', 'duplicate-title gone', (ds) => withCode(ds, 'duplicate-title').length === 0);
      await c.waitDiags('old/bank.md', 'the deleted file cleared', (ds) => ds.length === 0);
      await c.waitDiags('old/notes/more.md', 'the file in a subfolder cleared', (ds) => ds.length === 0);
      const stories = await c.request<{ uri: string }[]>('starStories/stories');
      assert.deepEqual(
        stories.map((s) => s.uri),
        [c.uri('refund.md')],
      );
    });
  });

  it('an open file deleted on disk stops counting at once, and counts again once saved', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK }, async (c) => {
      await c.ready();
      c.open('bank.md', BANK);
      assert.equal(withCode(c.diags('refund.md'), 'duplicate-title').length, 1);
      fs.rmSync(path.join(c.dir, 'bank.md'));
      c.watched('bank.md', 3);
      await c.waitDiags('refund.md', 'duplicate-title gone', (ds) => withCode(ds, 'duplicate-title').length === 0);
      await c.waitDiags('bank.md', 'the open, deleted file cleared', (ds) => ds.length === 0);
      const stories = await c.request<{ uri: string }[]>('starStories/stories');
      assert.ok(stories.every((s) => s.uri !== c.uri('bank.md')));
      // typing into the orphaned editor does not bring it back
      c.change('bank.md', `${BANK}\n`, 2);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok((await c.request<{ uri: string }[]>('starStories/stories')).every((s) => s.uri !== c.uri('bank.md')));
      // saved again: the editor's text counts again
      c.write('bank.md', `${BANK}\n`);
      c.watched('bank.md', 1);
      await c.waitDiags('refund.md', 'duplicate-title back', (ds) => withCode(ds, 'duplicate-title').length === 1);
    });
  });

  it('reports duplicate-title when a file is created on disk (didChangeWatchedFiles, type 1)', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'reports.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('refund.md'), 'duplicate-title').length, 0);
      c.write('more/bank.md', BANK);
      c.watched('more/bank.md', 1);
      const ds = await c.waitDiags('refund.md', 'duplicate-title appears', (ds) => withCode(ds, 'duplicate-title').length === 1);
      assert.equal(withCode(ds, 'duplicate-title')[0]!.relatedInformation?.[0]?.location.uri, c.uri('more/bank.md'));
      const created = await c.waitDiags('more/bank.md', 'the new file published', (ds) => withCode(ds, 'duplicate-title').length === 1);
      assert.ok(withCode(created, 'unknown-principle').length);
    });
  });

  it('a duplicate typed only in the editor appears in the other file and goes away on didClose', async () => {
    await withServer({ 'refund.md': REFUND_FILE.replace('title: Refund flow rewrite', 'title: Automating refund approvals'), 'bank.md': BANK }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('bank.md'), 'duplicate-title').length, 0);
      c.open('refund.md', REFUND_FILE);
      const ds = await c.waitDiags('bank.md', 'duplicate-title from the open document', (ds) => withCode(ds, 'duplicate-title').length === 1);
      assert.equal(withCode(ds, 'duplicate-title')[0]!.relatedInformation?.[0]?.location.uri, c.uri('refund.md'));
      c.close('refund.md');
      await c.waitDiags('bank.md', 'duplicate-title gone with the disk version', (ds) => withCode(ds, 'duplicate-title').length === 0);
      await c.waitDiags('refund.md', 'refund.md from the disk', (ds) => withCode(ds, 'duplicate-title').length === 0);
    });
  });

  it('keeps duplicate-title between the two files left when a third is deleted, with related information updated', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK, 'copy/refund.md': REFUND_FILE.replace('Fabrikam', 'Fabrikam EU') }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('bank.md'), 'duplicate-title')[0]!.relatedInformation?.length, 2);
      fs.rmSync(path.join(c.dir, 'copy/refund.md'));
      c.watched('copy/refund.md', 3);
      const ds = await c.waitDiags('bank.md', 'one related location left', (ds) => withCode(ds, 'duplicate-title')[0]?.relatedInformation?.length === 1);
      assert.equal(withCode(ds, 'duplicate-title')[0]!.relatedInformation![0]!.location.uri, c.uri('refund.md'));
      const other = await c.waitDiags('refund.md', 'one related location left', (ds) => withCode(ds, 'duplicate-title')[0]?.relatedInformation?.length === 1);
      assert.equal(withCode(other, 'duplicate-title')[0]!.relatedInformation![0]!.location.uri, c.uri('bank.md'));
    });
  });

  it('reports duplicate-title between two stories of the same bank', async () => {
    const text = `${BANK}\n## Refund flow rewrite\nPrinciples: Frugality\n\n### Situation\nRefund support cost us two full-time agents.\n\n### Task\nI had to halve that cost.\n\n### Action\nI automated the refund status emails.\n\n### Result\nSupport tickets about refunds fell by 60%.\n`;
    await withServer({ 'bank.md': text }, async (c) => {
      await c.ready();
      const dups = withCode(c.diags('bank.md'), 'duplicate-title');
      const first = lineOf(text, '## Refund flow rewrite', 0);
      const second = lineOf(text, '## Refund flow rewrite', 1);
      assert.deepEqual(
        dups.map((d) => d.range.start.line),
        [first, second],
      );
      assert.deepEqual(
        dups.map((d) => d.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line])),
        [[[c.uri('bank.md'), second]], [[c.uri('bank.md'), first]]],
      );
    });
  });

  it('handles a rename (delete + create in one didChangeWatchedFiles)', async () => {
    await withServer({ 'refund.md': REFUND_FILE, 'bank.md': BANK }, async (c) => {
      await c.ready();
      fs.renameSync(path.join(c.dir, 'bank.md'), path.join(c.dir, 'all-stories.md'));
      void c.conn.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: c.uri('bank.md'), type: 3 },
          { uri: c.uri('all-stories.md'), type: 1 },
        ],
      });
      await c.waitDiags('bank.md', 'the old name cleared', (ds) => ds.length === 0);
      const ds = await c.waitDiags(
        'refund.md',
        'duplicate-title points at the new name',
        (ds) => withCode(ds, 'duplicate-title')[0]?.relatedInformation?.[0]?.location.uri === c.uri('all-stories.md'),
      );
      assert.equal(withCode(ds, 'duplicate-title').length, 1);
    });
  });

  it('picks up a changed file on disk (didChangeWatchedFiles, type 2)', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      assert.equal(withCode(c.diags('reports.md'), 'missing-section').length, 1);
      c.write('reports.md', NO_TASK_STORY.replace('## Action', '## Task\nI owned the move before the contract ran out.\n\n## Action'));
      c.watched('reports.md', 2);
      await c.waitDiags('reports.md', 'no missing-section', (ds) => withCode(ds, 'missing-section').length === 0);
    });
  });

  it('clears the diagnostics of a document that exists only in the editor when it is closed', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      c.open('draft.md', NO_TASK_STORY);
      await c.waitDiags('draft.md', 'diagnostics of the unsaved draft', (ds) => ds.length > 0);
      c.close('draft.md');
      await c.waitDiags('draft.md', 'an empty list after close', (ds) => ds.length === 0);
    });
  });
});
