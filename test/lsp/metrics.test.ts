// Metric claims through the protocol: a conflict between two files appears
// in both, and editing one file clears it in the other.
import assert from 'node:assert/strict';
import { msg, withCode, withServer } from './harness';
import { dashboardStory } from '../support/stories';

const story = (title: string, result: string) => dashboardStory(title, result);

describe('lsp metric claims', () => {
  it('reports a conflict in both files and clears it in the other file when one is edited', async () => {
    await withServer(
      {
        'a.md': story('Fixing the stock reports', 'I reduced query time by 15% across the reports.'),
        'b.md': story('Cutting warehouse sync lag', 'Overall, query time fell by 25% after the change.'),
      },
      async (c) => {
        await c.start();
        const a = await c.waitDiags('a.md', 'a conflict in a.md', (ds) => withCode(ds, 'metric-conflict').length === 1);
        const b = await c.waitDiags('b.md', 'a conflict in b.md', (ds) => withCode(ds, 'metric-conflict').length === 1);
        const ca = withCode(a, 'metric-conflict')[0]!;
        assert.equal(ca.range.start.line, 16);
        assert.match(msg(ca), /15% here, 25% in another story; use one number\./);
        assert.equal(ca.relatedInformation?.[0]?.location.uri, c.uri('b.md'));
        assert.equal(withCode(b, 'metric-conflict')[0]!.relatedInformation?.[0]?.location.uri, c.uri('a.md'));

        // hover on the claim lists both claims
        const hover = (await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: c.uri('a.md') }, position: { line: 16, character: 27 } })) as {
          contents: { value: string };
        } | null;
        assert.ok(hover, 'a hover on the claim');
        assert.match(hover.contents.value, /Fixing the stock reports/);
        assert.match(hover.contents.value, /Cutting warehouse sync lag/);

        // the metrics request groups them, conflicts first
        const groups = (await c.conn.sendRequest('starStories/metrics')) as { subject: string; status: string; claims: unknown[] }[];
        assert.equal(groups[0]!.subject, 'query time');
        assert.equal(groups[0]!.status, 'conflict');
        assert.equal(groups[0]!.claims.length, 2);

        // edit a.md to agree with b.md: b.md's conflict goes away
        c.open('a.md', story('Fixing the stock reports', 'I reduced query time by 25% across the reports.'));
        await c.waitDiags('b.md', 'the conflict cleared in b.md', (ds) => withCode(ds, 'metric-conflict').length === 0);
        await c.waitDiags('a.md', 'the conflict cleared in a.md', (ds) => withCode(ds, 'metric-conflict').length === 0);
      },
    );
  });

  it('flags bad arithmetic on the stated percentage', async () => {
    await withServer({ 'c.md': story('Speeding up dashboards', 'Dashboard load time went from 12 to 4 seconds, a 50% reduction.') }, async (c) => {
      await c.start();
      const ds = await c.waitDiags('c.md', 'metric-arithmetic', (d) => withCode(d, 'metric-arithmetic').length === 1);
      const d = withCode(ds, 'metric-arithmetic')[0]!;
      assert.match(msg(d), /is 67%, not 50%/);
      assert.equal(d.range.start.line, 16);
    });
  });
});
