// New Story's text, without VS Code: the template's placeholders are read as
// a template (no finding, counts for nothing), in a file and in a story bank.
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core';
import { bankStoryTemplate, storyTemplate, titleKey } from '../../client/src/template';

const BANK = `# My story bank

## Tracing a memory leak in the billing service

Principles: Dive Deep

### Situation

The billing service restarted every few hours, and each restart dropped the invoices it was generating.

### Task

I had to find the cause before the quarterly run.

### Action

I compared heap dumps taken an hour apart, found a cache keyed by a timestamp and fixed the key.

### Result

Peak memory fell from 4 GB to 600 MB, and the service ran for 30 days without a restart.
`;

describe('New Story templates', () => {
  it('a new story file gets no finding and counts for no principle until it is written', () => {
    const { text, cursorLine } = storyTemplate('Leading the on-call rotation redesign', ['Ownership']);
    assert.equal(text.split('\n')[cursorLine], '<What was the situation? The team, the stakes, what was going wrong.>');
    const ws = new Workspace();
    ws.set('file:///new.md', text);
    assert.deepEqual(
      ws.diagnosticsFor('file:///new.md').map((d) => `${d.rule}: ${d.message}`),
      [],
    );
    assert.ok(!ws.coverage().some((c) => c.stories.length > 0));
  });

  it('a story added to a bank at its heading level adds no finding to the bank', () => {
    const ws = new Workspace();
    ws.set('file:///bank.md', BANK);
    const before = ws.diagnosticsFor('file:///bank.md').map((d) => d.rule);
    const { text, cursorLine } = bankStoryTemplate('Rebuilding the release checklist', ['Insist on the Highest Standards'], 2);
    assert.ok(text.startsWith('## Rebuilding the release checklist\n\n**Principles:** Insist on the Highest Standards\n\n### Situation\n'), text);
    assert.equal(text.split('\n')[cursorLine], '<What was the situation? The team, the stakes, what was going wrong.>');
    ws.set('file:///bank.md', `${BANK}\n${text}`);
    assert.deepEqual(
      ws.diagnosticsFor('file:///bank.md').map((d) => d.rule),
      before,
    );
    assert.equal(ws.get('file:///bank.md')!.stories.length, 1, 'the new story is a template until written');
  });

  it('compares titles for duplicates whatever their case, accents and spacing', () => {
    assert.equal(titleKey('  Leading the On-call   rotation redesign '), titleKey('leading the on call rotation redesign'));
    assert.equal(titleKey('Café launch'), titleKey('cafe LAUNCH'));
    assert.notEqual(titleKey('Cutting costs'), titleKey('Cutting costs again'));
  });
});
