import assert from 'node:assert/strict';
import { TestClient, workspace } from './harness';

describe('lsp smoke', () => {
  it('publishes diagnostics of an unopened file', async () => {
    const dir = workspace({ 'a.md': '## Dive Deep: A leak\n\n### Situation\nThe heap grew.\n' });
    const c = new TestClient(dir);
    try {
      await c.start();
      const ds = await c.until('diagnostics', () => c.diagnostics.get(c.uri('a.md')));
      assert.ok(ds.some((d) => d.code === 'missing-section'));
    } finally {
      await c.stop();
    }
  });
});
