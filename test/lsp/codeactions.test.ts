import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, withCode, withServer, type TestClient } from './harness';
import { BANK, BOLD_BANK, NO_TASK_STORY, lostLines } from './stories';

/** The code actions for one diagnostic, asked the way an editor asks: its range and the published diagnostic in the context. */
function actionsFor(c: TestClient, rel: string, d: Diagnostic, only?: string[]): Promise<CodeAction[]> {
  return c.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: c.uri(rel) },
    range: d.range,
    context: { diagnostics: [d], ...(only ? { only } : {}), triggerKind: 1 },
  });
}

function pick(actions: CodeAction[], title: RegExp): CodeAction {
  const a = actions.find((x) => title.test(x.title));
  assert.ok(a, `no action titled ${title} among ${JSON.stringify(actions.map((x) => x.title))}`);
  return a;
}

/** Open `text`, wait for a diagnostic with `code` (and `filter`), and return it. */
async function openAndFind(c: TestClient, rel: string, text: string, code: string, filter: (d: Diagnostic) => boolean = () => true): Promise<Diagnostic> {
  c.open(rel, text);
  const ds = await c.waitDiags(rel, code, (ds) => withCode(ds, code).some(filter));
  return withCode(ds, code).find(filter)!;
}

/** The result is exactly `expected`, and no original line is lost but the ones meant to change. */
function assertApplied(original: string, result: string, expected: string, changed: string[] = []): void {
  assert.equal(result, expected);
  assert.deepEqual(lostLines(original, result), changed, 'every original line survives');
}

const part = (d: Diagnostic) => (d.data as { part?: string } | undefined)?.part;

/** A single-story file with a `##` part missing at the end. */
const NO_RESULT_FILE = `---
title: Onboarding the Lisbon support team
principles: [Hire and Develop the Best]
---

## Situation
Our new Lisbon office hired six support engineers in one month.

## Task
I had to get them answering tickets alone within their first quarter.

## Action
I wrote a two-week curriculum, paired each hire with a senior engineer and reviewed their first fifty tickets myself.
`;

/** A single-story file with no principles in its frontmatter. */
const UNTAGGED_FILE = `---
title: Untangling the release calendar
company: Contoso
---

## Situation
Four teams shipped to the same service on conflicting schedules.

## Task
I owned a single release calendar for all of them.

## Action
I collected every team's dates, found three clashes and moved our own launch by a week.

## Result
The quarter shipped with zero release-day rollbacks.
`;

/** A story bank whose only story has no Principles line. */
const UNTAGGED_BANK = `# Stories

## Untangling the release calendar

### Situation
Four teams shipped to the same service on conflicting schedules.

### Task
I owned a single release calendar for all of them.

### Action
I collected every team's dates, found three clashes and moved our own launch by a week.

### Result
The quarter shipped with zero release-day rollbacks.
`;

describe('lsp code actions', () => {
  it('carries the fix in the diagnostic data (code actions need no server state)', async () => {
    await withServer({ 'reports.md': NO_TASK_STORY }, async (c) => {
      await c.ready();
      const d = withCode(c.diags('reports.md'), 'missing-section')[0]!;
      const fixes = (d.data as { fixes?: { title: string; edits: unknown[] }[] }).fixes;
      assert.ok(Array.isArray(fixes) && fixes.length > 0, JSON.stringify(d.data));
      assert.ok(fixes[0]!.edits.length > 0);
    });
  });

  it('(a) inserts a missing `## Task` between Situation and Action', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'reports.md', NO_TASK_STORY, 'missing-section', (d) => part(d) === 'task');
      const action = pick(await actionsFor(c, 'reports.md', d), /Task/);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, true);
      const result = applyWorkspaceEdit(NO_TASK_STORY, c.uri('reports.md'), action.edit);
      const expected = NO_TASK_STORY.replace('\n## Action\n', '\n## Task\n\n\n## Action\n');
      assertApplied(NO_TASK_STORY, result, expected);
      c.change('reports.md', result, 2);
      await c.waitDiags('reports.md', 'missing-section gone', (ds) => withCode(ds, 'missing-section').length === 0);
    });
  });

  it('(b) inserts a missing `**Task:** ` label in a bold-label story', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bold.md', BOLD_BANK, 'missing-section', (d) => part(d) === 'task');
      const action = pick(await actionsFor(c, 'bold.md', d), /Task/);
      const result = applyWorkspaceEdit(BOLD_BANK, c.uri('bold.md'), action.edit);
      const expected = BOLD_BANK.replace('\n**Action:** I took heap dumps', '\n**Task:** \n\n**Action:** I took heap dumps');
      assertApplied(BOLD_BANK, result, expected);
    });
  });

  it('(b) inserts a missing `**Task**: ` in the label style of the story (colon outside, `__` delimiters)', async () => {
    const text = `**1. Earn Trust: Shipping the audit log**

**Situation**: Auditors asked for a log of every admin action in the billing console.

**Action**: I built an append-only log table and a weekly export for the auditors.

**Result**: The audit passed with zero findings.

**2. Dive Deep: Finding the double charges**

__Situation:__ A few customers were charged twice each month.

__Action:__ I replayed a month of payment events and found a retry without an idempotency key.

__Result:__ Double charges fell to zero.
`;
    await withServer({}, async (c) => {
      await c.ready();
      c.open('bank.md', text);
      const ds = await c.waitDiags('bank.md', 'two missing Tasks', (ds) => withCode(ds, 'missing-section').length === 2);
      // both fixes computed on the same version, applied together
      const edits = [];
      for (const d of withCode(ds, 'missing-section')) edits.push(...pick(await actionsFor(c, 'bank.md', d), /Task/).edit!.changes![c.uri('bank.md')]!);
      const result = applyWorkspaceEdit(text, c.uri('bank.md'), { changes: { [c.uri('bank.md')]: edits } });
      const expected = text
        .replace('\n**Action**: I built', '\n**Task**: \n\n**Action**: I built')
        .replace('\n__Action:__ I replayed', '\n__Task:__ \n\n__Action:__ I replayed');
      assertApplied(text, result, expected);
    });
  });

  it('(b) inserts a missing `- **Task:** ` item in a story whose labels are list items', async () => {
    const text = `## Shipping the audit log
Principles: Earn Trust

- **Situation:** Auditors asked for a log of every admin action in the billing console.
- **Action:** I built an append-only log table and a weekly export for the auditors.
- **Result:** The audit passed with zero findings.
`;
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'audit.md', text, 'missing-section', (d) => part(d) === 'task');
      const action = pick(await actionsFor(c, 'audit.md', d), /Task/);
      const result = applyWorkspaceEdit(text, c.uri('audit.md'), action.edit);
      const expected = text.replace('\n- **Action:**', '\n- **Task:** \n- **Action:**');
      assertApplied(text, result, expected);
      c.change('audit.md', result, 2);
      await c.waitDiags('audit.md', 'missing-section gone', (ds) => withCode(ds, 'missing-section').length === 0);
    });
  });

  it('(a) keeps CRLF line ends when it inserts a missing part', async () => {
    const text = NO_TASK_STORY.replace(/\n/g, '\r\n');
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'reports.md', text, 'missing-section', (d) => part(d) === 'task');
      const action = pick(await actionsFor(c, 'reports.md', d), /Task/);
      const result = applyWorkspaceEdit(text, c.uri('reports.md'), action.edit);
      assertApplied(text, result, text.replace('\r\n## Action\r\n', '\r\n## Task\r\n\r\n\r\n## Action\r\n'));
      assert.ok(!/[^\r]\n/.test(result), 'no bare LF');
    });
  });

  it('(c) inserts a missing Result at the end of a story in the middle of a bank', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'missing-section', (d) => part(d) === 'result');
      const action = pick(await actionsFor(c, 'bank.md', d), /Result/);
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), action.edit);
      const expected = BANK.replace('added a remote cache.\n\n## Launching', 'added a remote cache.\n\n### Result\n\n\n## Launching');
      assertApplied(BANK, result, expected);
    });
  });

  it('(c) inserts a missing Result at the end of a single-story file', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'onboarding.md', NO_RESULT_FILE, 'missing-section', (d) => part(d) === 'result');
      const action = pick(await actionsFor(c, 'onboarding.md', d), /Result/);
      const result = applyWorkspaceEdit(NO_RESULT_FILE, c.uri('onboarding.md'), action.edit);
      const expected = `${NO_RESULT_FILE.trimEnd()}\n\n## Result\n\n`;
      assertApplied(NO_RESULT_FILE, result, expected);
    });
  });

  it('(d) changes "Customer Obssesion" to "Customer Obsession"', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'unknown-principle');
      const action = pick(await actionsFor(c, 'bank.md', d), /Customer Obsession/);
      assert.equal(action.isPreferred, true);
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), action.edit);
      assertApplied(BANK, result, BANK.replace('Principles: Customer Obssesion, Ownership', 'Principles: Customer Obsession, Ownership'), [
        'Principles: Customer Obssesion, Ownership',
      ]);
      c.change('bank.md', result, 2);
      await c.waitDiags('bank.md', 'unknown-principle gone', (ds) => withCode(ds, 'unknown-principle').length === 0);
    });
  });

  it('(e) adds a `Principles: ` line under a bank story heading', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', UNTAGGED_BANK, 'missing-principles');
      const action = pick(await actionsFor(c, 'bank.md', d), /Principles/);
      const result = applyWorkspaceEdit(UNTAGGED_BANK, c.uri('bank.md'), action.edit);
      const expected = UNTAGGED_BANK.replace('## Untangling the release calendar\n', '## Untangling the release calendar\n\nPrinciples: \n');
      assertApplied(UNTAGGED_BANK, result, expected);
    });
  });

  it('(e) adds `principles: []` to the frontmatter of a single-story file', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'calendar.md', UNTAGGED_FILE, 'missing-principles');
      const action = pick(await actionsFor(c, 'calendar.md', d), /principles/i);
      const result = applyWorkspaceEdit(UNTAGGED_FILE, c.uri('calendar.md'), action.edit);
      const expected = UNTAGGED_FILE.replace('company: Contoso\n---\n', 'company: Contoso\nprinciples: []\n---\n');
      assertApplied(UNTAGGED_FILE, result, expected);
    });
  });

  it('(f) "Disable <rule> for this line" inserts a disable-next-line comment and the diagnostic goes away', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'missing-section', (d) => part(d) === 'result');
      const before = c
        .diags('bank.md')!
        .map((x) => String(x.code))
        .sort();
      const action = pick(await actionsFor(c, 'bank.md', d), /^Disable missing-section for this line$/);
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), action.edit);
      const expected = BANK.replace(
        '\n## Migrating the build to Bazel\n',
        '\n<!-- star-stories-disable-next-line missing-section -->\n## Migrating the build to Bazel\n',
      );
      assertApplied(BANK, result, expected);
      c.change('bank.md', result, 2);
      const ds = await c.waitDiags('bank.md', 'missing-section suppressed', (ds) => withCode(ds, 'missing-section').length === 0);
      assert.deepEqual(
        ds.map((x) => String(x.code)).sort(),
        before.filter((x) => x !== 'missing-section'),
        'nothing else changes',
      );
    });
  });

  it('(f) "Disable unknown-principle for this line" above a `Principles:` line keeps the other tags', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'unknown-principle');
      const before = c
        .diags('bank.md')!
        .map((x) => String(x.code))
        .sort();
      const action = pick(await actionsFor(c, 'bank.md', d), /^Disable unknown-principle for this line$/);
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), action.edit);
      const expected = BANK.replace(
        '\nPrinciples: Customer Obssesion',
        '\n<!-- star-stories-disable-next-line unknown-principle -->\nPrinciples: Customer Obssesion',
      );
      assertApplied(BANK, result, expected);
      c.change('bank.md', result, 2);
      const ds = await c.waitDiags('bank.md', 'unknown-principle suppressed', (ds) => withCode(ds, 'unknown-principle').length === 0);
      assert.deepEqual(
        ds.map((x) => String(x.code)).sort(),
        before.filter((x) => x !== 'unknown-principle'),
        'nothing else changes',
      );
    });
  });

  it('(g) "Disable <rule> for this file" inserts a disable-file comment after the frontmatter', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'reports.md', NO_TASK_STORY, 'missing-section');
      const action = pick(await actionsFor(c, 'reports.md', d), /^Disable missing-section for this file$/);
      const result = applyWorkspaceEdit(NO_TASK_STORY, c.uri('reports.md'), action.edit);
      const expected = NO_TASK_STORY.replace('company: Contoso\n---\n', 'company: Contoso\n---\n<!-- star-stories-disable-file missing-section -->\n');
      assertApplied(NO_TASK_STORY, result, expected);
      c.change('reports.md', result, 2);
      const ds = await c.waitDiags('reports.md', 'missing-section suppressed', (ds) => withCode(ds, 'missing-section').length === 0);
      assert.ok(withCode(ds, 'story-length').length, 'other rules still report');
    });
  });

  it('(g) "Disable <rule> for this file" in a bank without frontmatter silences every story', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'too-many-principles');
      const action = pick(await actionsFor(c, 'bank.md', d), /^Disable too-many-principles for this file$/);
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), action.edit);
      assertApplied(BANK, result, `<!-- star-stories-disable-file too-many-principles -->\n\n${BANK}`);
      c.change('bank.md', result, 2);
      const ds = await c.waitDiags('bank.md', 'too-many-principles suppressed', (ds) => withCode(ds, 'too-many-principles').length === 0);
      assert.ok(withCode(ds, 'unknown-principle').length, 'other rules still report');
    });
  });

  it('(h) source.fixAll.starStories fixes the unknown principle and inserts no missing part', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      await openAndFind(c, 'bank.md', BANK, 'unknown-principle');
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: c.uri('bank.md') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.starStories'], triggerKind: 2 },
      });
      assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(actions[0]!.kind, 'source.fixAll.starStories');
      const result = applyWorkspaceEdit(BANK, c.uri('bank.md'), actions[0]!.edit);
      const expected = BANK.replace('Principles: Customer Obssesion', 'Principles: Customer Obsession');
      assertApplied(BANK, result, expected, ['Principles: Customer Obssesion, Ownership']);
      c.change('bank.md', result, 2);
      const ds = await c.waitDiags('bank.md', 'no unknown-principle', (ds) => withCode(ds, 'unknown-principle').length === 0);
      assert.ok(withCode(ds, 'too-many-principles').length, 'what cannot be fixed safely stays');
      assert.equal(withCode(ds, 'missing-section').length, 1, 'a missing part is for the user to add');
    });
  });

  it('(h) fixAll fixes every misspelt principle of a frontmatter list', async () => {
    const text = `---
title: Auditing admin access
principles:
  - Earn Trsut
  - Customer Obssesion
company: Contoso
---

## Situation
Auditors asked for a log of every admin action in the billing console.

## Task
I owned delivering the log before the audit.

## Action
I built an append-only log table and a weekly export for the auditors.

## Result
The audit passed with zero findings.
`;
    await withServer({}, async (c) => {
      await c.ready();
      c.open('audit.md', text);
      await c.waitDiags('audit.md', 'two unknown principles', (ds) => withCode(ds, 'unknown-principle').length === 2);
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: c.uri('audit.md') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.starStories'] },
      });
      assert.equal(actions.length, 1);
      const result = applyWorkspaceEdit(text, c.uri('audit.md'), actions[0]!.edit);
      assertApplied(text, result, text.replace('  - Earn Trsut', '  - Earn Trust').replace('  - Customer Obssesion', '  - Customer Obsession'), [
        '  - Earn Trsut',
        '  - Customer Obssesion',
      ]);
      c.change('audit.md', result, 2);
      await c.waitDiags('audit.md', 'no unknown-principle', (ds) => withCode(ds, 'unknown-principle').length === 0);
    });
  });

  it('(h) fixAll adds no part; each missing part has its own quick fix, which puts the cursor in it', async () => {
    const text = `## Shipping the audit log
Principles: Earn Trust

### Situation
Auditors asked for a log of every admin action in the billing console.

### Result
The audit passed with zero findings.
`;
    await withServer({}, async (c) => {
      await c.ready();
      c.open('audit.md', text);
      const ds = await c.waitDiags(
        'audit.md',
        'Task and Action missing',
        (ds) => withCode(ds, 'missing-section').length === 1 && String(withCode(ds, 'missing-section')[0]!.data?.parts) === 'task,action',
      );
      const d = withCode(ds, 'missing-section')[0]!;
      assert.equal(d.message, 'No Task or Action part.');
      const all = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: c.uri('audit.md') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.starStories'] },
      });
      assert.deepEqual(all, []);
      const actions = await actionsFor(c, 'audit.md', d);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Add a Task part', 'Add an Action part', 'Disable missing-section for this line', 'Disable missing-section for this file'],
      );
      const add = pick(actions, /^Add an Action part$/);
      const result = applyWorkspaceEdit(text, c.uri('audit.md'), add.edit);
      assertApplied(text, result, text.replace('\n### Result\n', '\n### Action\n\n\n### Result\n'));
      // the cursor goes to the empty line under the new heading
      assert.deepEqual(add.command, {
        title: 'Put the cursor in the new text',
        command: 'starStories.revealPosition',
        arguments: [c.uri('audit.md'), { line: 8, character: 0 }],
      });
      c.change('audit.md', result, 2);
      await c.waitDiags('audit.md', 'only the Task missing', (ds) => String(withCode(ds, 'missing-section')[0]?.data?.parts) === 'task');
    });
  });

  it('offers "Disable <rule>" once per rule when the request holds several of its diagnostics', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'missing-section');
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: c.uri('bank.md') },
        range: d.range,
        context: { diagnostics: [d, d, { ...d, message: 'the same rule again' }], triggerKind: 1 },
      });
      const titles = actions.map((a) => a.title);
      assert.equal(titles.filter((t) => t === 'Disable missing-section for this line').length, 1, JSON.stringify(titles));
      assert.equal(titles.filter((t) => t === 'Disable missing-section for this file').length, 1, JSON.stringify(titles));
      assert.equal(new Set(titles).size, titles.length - 1, JSON.stringify(titles));
    });
  });

  it('(h) source.fixAll (the parent kind) includes the STAR Stories fix-all; quick fixes are not returned for it', async () => {
    await withServer({}, async (c) => {
      await c.ready();
      const d = await openAndFind(c, 'bank.md', BANK, 'unknown-principle');
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: c.uri('bank.md') },
        range: d.range,
        context: { diagnostics: [d], only: ['source.fixAll'], triggerKind: 2 },
      });
      assert.deepEqual(
        actions.map((a) => a.kind),
        ['source.fixAll.starStories'],
      );
    });
  });
});
