import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { msg, withCode, withServer } from './harness';
import { BANK, CLEAN_STORY, NO_TASK_STORY, lineOf } from './stories';

/** BANK plus a fourth story whose Action says "we" (information). */
const BANK_WITH_WE = `${BANK}
## Rebuilding the search index
Principles: Learn and Be Curious

### Situation
Search results went stale for hours after every catalogue import.

### Task
I had to make new products searchable within five minutes of import.

### Action
We split the import into batches, we rebuilt the index in place, and our team reviewed the plan together before we shipped it.

### Result
New products became searchable in under 3 minutes.
`;

/** NO_TASK_STORY with the Task written in. */
const WITH_TASK = NO_TASK_STORY.replace('## Action', '## Task\nI owned moving every report before the hardware contract ran out.\n\n## Action');

describe('lsp diagnostics', () => {
  it('publishes rule ids, docs links, source and severities of an opened document, on the right lines', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      c.open('bank.md', BANK_WITH_WE);
      const ds = await c.waitDiags('bank.md', 'the four kinds of findings', (ds) =>
        ['unknown-principle', 'missing-section', 'too-many-principles', 'we-not-i'].every((code) => withCode(ds, code).length > 0),
      );
      for (const d of ds) {
        assert.equal(d.source, 'star-stories', JSON.stringify(d));
        assert.equal(typeof d.code, 'string');
        assert.ok(d.codeDescription?.href.endsWith(`/docs/rules/${d.code}.md`), `${d.code}: ${d.codeDescription?.href}`);
      }

      const [unknown, ...moreUnknown] = withCode(ds, 'unknown-principle');
      assert.equal(moreUnknown.length, 0);
      assert.equal(unknown!.severity, 1);
      const pLine = lineOf(BANK_WITH_WE, 'Principles: Customer Obssesion');
      const col = BANK_WITH_WE.split('\n')[pLine]!.indexOf('Customer Obssesion');
      assert.deepEqual(unknown!.range, { start: { line: pLine, character: col }, end: { line: pLine, character: col + 'Customer Obssesion'.length } });
      assert.match(msg(unknown!), /Customer Obsession/);

      const missing = withCode(ds, 'missing-section');
      assert.equal(missing.length, 1, JSON.stringify(missing));
      assert.equal(missing[0]!.severity, 2);
      assert.equal(missing[0]!.range.start.line, lineOf(BANK_WITH_WE, '## Migrating the build to Bazel'));
      assert.equal((missing[0]!.data as { part?: string }).part, 'result');

      const tooMany = withCode(ds, 'too-many-principles');
      assert.equal(tooMany.length, 1);
      assert.equal(tooMany[0]!.severity, 3);
      assert.equal(tooMany[0]!.range.start.line, lineOf(BANK_WITH_WE, 'Principles: Think Big'));

      const we = withCode(ds, 'we-not-i');
      assert.equal(we.length, 1);
      // information (listed in the Problems panel), on the first "we", the others related
      assert.equal(we[0]!.severity, 3);
      const weLine = lineOf(BANK_WITH_WE, 'We split the import');
      assert.deepEqual(we[0]!.range, { start: { line: weLine, character: 0 }, end: { line: weLine, character: 2 } });
      assert.match(msg(we[0]!), /^The Action says we\/our\/us 4 times and I\/my\/me never/);
      assert.equal(we[0]!.relatedInformation?.length, 3);
    });
  });

  it('publishes every story file at start-up: findings, an empty list for a clean file, nothing for node_modules', async () => {
    await withServer(
      {
        'stories/checkout.md': CLEAN_STORY,
        'stories/reports.md': NO_TASK_STORY,
        'notes/deep/bank.md': BANK,
        'README.md': '# Interview prep\n\nNotes for the loop next month: book the room, print the CV, re-read the job post.\n',
        'node_modules/some-pkg/story.md': NO_TASK_STORY,
      },
      async (c) => {
        await c.ready();
        assert.deepEqual(c.diags('stories/checkout.md'), [], 'a clean story file gets an empty list');
        const reports = c.diags('stories/reports.md');
        assert.ok(reports, 'an unopened story file is published');
        assert.deepEqual(
          withCode(reports, 'missing-section').map((d) => (d.data as { part: string }).part),
          ['task'],
        );
        assert.ok(withCode(c.diags('notes/deep/bank.md'), 'unknown-principle').length, 'a nested folder is read');
        const readme = c.diags('README.md');
        assert.ok(readme === undefined || readme.length === 0, `a README with no story: ${JSON.stringify(readme)}`);
        assert.equal(c.publishCount('node_modules/some-pkg/story.md'), 0, 'node_modules is skipped');
      },
    );
  });

  it('lets the open document win over the disk, and the disk again after didClose', async () => {
    await withServer({ 'checkout.md': CLEAN_STORY }, async (c) => {
      await c.ready();
      assert.deepEqual(c.diags('checkout.md'), []);
      // the editor holds a version without its Task
      const edited = CLEAN_STORY.replace(/## Task\n[^#]*/, '');
      c.open('checkout.md', edited);
      const ds = await c.waitDiags('checkout.md', 'missing-section from the open text', (ds) => withCode(ds, 'missing-section').length > 0);
      assert.equal((withCode(ds, 'missing-section')[0]!.data as { part: string }).part, 'task');
      c.close('checkout.md');
      await c.waitDiags('checkout.md', 'the disk version again (clean)', (ds) => ds.length === 0);
    });
  });

  it('uses the open text when the document is opened before the start-up index is done', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY }, async (c) => {
      // sent right after `initialized`: the server is still reading the disk
      c.open('reports.md', WITH_TASK.replace('Moving nightly reports off a dying server', 'Retiring the reports server'));
      await c.ready();
      // the disk version lacks its Task; the open text has it and still gets findings (story-length)
      await c.waitDiags('reports.md', 'diagnostics of the open text', (ds) => ds.length > 0 && withCode(ds, 'missing-section').length === 0);
      const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri('reports.md') } });
      assert.deepEqual(
        symbols.map((s) => s.name),
        ['Retiring the reports server'],
      );
      const ds = c.diags('reports.md')!;
      assert.ok(
        ds.every((d) => !msg(d).includes('Moving nightly')),
        JSON.stringify(ds),
      );
      assert.equal(withCode(ds, 'missing-section').length, 0, JSON.stringify(ds));
    });
  });

  it('updates diagnostics on didChange: adding the missing Task clears missing-section', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      c.open('reports.md', NO_TASK_STORY);
      await c.waitDiags('reports.md', 'missing-section (task)', (ds) => withCode(ds, 'missing-section').length === 1);
      c.change('reports.md', WITH_TASK, 2);
      const ds = await c.waitDiags('reports.md', 'no missing-section', (ds) => withCode(ds, 'missing-section').length === 0);
      assert.ok(ds.every((d) => d.source === 'star-stories'));
    });
  });

  it('applies incremental (range) changes, as the server asks for TextDocumentSyncKind.Incremental', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      c.open('reports.md', NO_TASK_STORY);
      await c.waitDiags('reports.md', 'missing-section (task)', (ds) => withCode(ds, 'missing-section').length === 1);
      const line = lineOf(NO_TASK_STORY, '## Action');
      await c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: c.uri('reports.md'), version: 2 },
        contentChanges: [
          {
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            text: '## Task\nI owned moving every report before the contract ran out.\n\n',
          },
        ],
      });
      await c.waitDiags('reports.md', 'no missing-section after a range edit', (ds) => withCode(ds, 'missing-section').length === 0);
    });
  });

  it('ends with the diagnostics of the LAST version after many quick changes', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      // each draft has its own title and one more word, so story-length's message tells the drafts apart
      const draft = (n: number) =>
        NO_TASK_STORY.replace('Moving nightly reports off a dying server', `Draft ${n} of the reports story`).replace(
          'had failed twice in a month.',
          `had failed twice in a month.${' again'.repeat(n)}`,
        );
      const words = (ds: Diagnostic[]) => Number(/\((\d+) words\)/.exec(withCode(ds, 'story-length').map(msg).join(' '))?.[1] ?? Number.NaN);
      c.open('reports.md', draft(1));
      const first = words(await c.waitDiags('reports.md', 'draft 1', (ds) => !Number.isNaN(words(ds))));
      const last = 25;
      for (let v = 2; v <= last; v++) c.change('reports.md', draft(v), v);
      await c.waitDiags('reports.md', `draft ${last}`, (ds) => words(ds) === first + last - 1);
      // a request answered after the last change: the server holds the last version
      const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri('reports.md') } });
      assert.deepEqual(
        symbols.map((s) => s.name),
        [`Draft ${last} of the reports story`],
      );
      const ds = c.diags('reports.md')!;
      assert.equal(words(ds), first + last - 1, `a stale diagnostic: ${ds.map(msg).join(' | ')}`);
    });
  });
});
