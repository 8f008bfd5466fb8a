// Over stdio: a story's title holding a command link, a remote image or HTML
// shows as text in the claim hover; only the server's own links to the files
// remain.
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { withCode, withServer } from './harness';
import { dashboardStory } from '../support/stories';

const COMMAND = '[x](command:workbench.action.terminal.new)';
const IMAGE = '![](https://example.invalid/t.png)';

const story = (title: string, result: string) => dashboardStory(title, result);

/** Markdown links and images outside backslash escapes: `[text](dest)` with an unescaped `[` and `]`. */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)(!?)\[((?:[^\]\\]|\\.)*)(?<!\\)\]\(([^)]*)\)/g)].map((m) => `${m[1]}[](${m[3]})`);
}

describe('lsp: inert user text in hover', () => {
  it('shows a command link and a remote image in a title as text; another title cannot break out of its link text', async () => {
    await withServer(
      {
        'a.md': story(`Fixing the stock reports ${COMMAND} ${IMAGE}`, 'I reduced query time by 15% across the reports.'),
        'b.md': story('Lag](command:workbench.action.terminal.new) ![](https://example.invalid/u.png) [x', 'Overall, query time fell by 25% after the change.'),
      },
      async (c) => {
        await c.waitDiags('a.md', 'a conflict in a.md', (ds) => withCode(ds, 'metric-conflict').length === 1);
        const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri('a.md') }, position: { line: 16, character: 27 } });
        assert.ok(h, 'a hover on the claim');
        const value = (h.contents as MarkupContent).value;
        assert.equal((h.contents as MarkupContent).kind, 'markdown');
        // the two links the server makes (to each story's line), and no other link or image
        assert.deepEqual(links(value), [`[](<${c.uri('a.md')}#L17>)`, `[](<${c.uri('b.md')}#L17>)`], value);
        assert.ok(!/(?<!\\)<(?!file:)/.test(value), `no HTML: ${value}`);
        assert.ok(value.includes('\\[x\\]\\(command\\:workbench'), value);
        assert.ok(value.includes('\\!\\[\\]\\(https\\://example'), value);
      },
    );
  });
});
