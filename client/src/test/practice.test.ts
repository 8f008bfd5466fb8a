// Practice prompts in a real editor: the "N follow-ups" code lens on a story,
// its pick list (picking a question puts the cursor on the words it cites),
// and the hover on the story's title that lists the same questions.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, getApi, scratch, settled, waitFor } from './helpers';

const STORY = `## Cutting checkout latency before the holiday sale

**Situation:** Our mobile checkout slowed to a crawl at peak hours and shoppers gave up on full carts.

**Task:** I owned the checkout service's performance for the holiday season and had six weeks.

**Action:** We profiled every payment call and we moved the fraud check off the critical path.

**Result:** Cart abandonment dropped by 18% and the smaller fleet saved $12,000 a month in compute.
`;

export default function register(): void {
  describe('practice prompts', () => {
    before(async () => {
      await getApi();
    });
    after(closeAll);

    it('shows "N follow-ups" above a story; the hover on its title lists them; picking one goes to the words it cites', async () => {
      const { doc } = await scratch(STORY);
      await settled(doc);
      const lens = await waitFor(async () => {
        const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return ls?.find((l) => /^\d+ follow-ups?$/.test(l.command?.title ?? ''));
      }, 'the follow-ups lens');
      assert.equal(lens.range.start.line, 0);
      const count = Number(lens.command!.title.split(' ')[0]);
      assert.ok(count >= 4, lens.command!.title);
      assert.equal(lens.command!.command, 'starStories.showPractice');

      // the hover on the title lists as many questions, the claim's first
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 10));
      const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('follow-up'));
      assert.ok(md, 'a follow-ups hover');
      assert.match(md.value, new RegExp(`^\\*\\*${count} follow-ups\\*\\* an interviewer may ask`));
      assert.equal(md.value.split('\n').filter((l) => /^\d+\. /.test(l)).length, count, md.value);
      assert.match(md.value, /1\. How did you measure "18%", and what was the baseline\?/);
      assert.match(md.value, /\*Result, line 9: "18%"\*/);
      assert.match(md.value, /\*Action, line 7: "We"\*/);

      // the lens opens a pick list of the questions; accepting the first puts the cursor on "18%"
      const picked = vscode.commands.executeCommand<string | undefined>(lens.command!.command, ...(lens.command!.arguments ?? []));
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await picked, 'How did you measure "18%", and what was the baseline?');
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), doc.uri.toString());
      const at = editor.selection.active;
      assert.equal(doc.lineAt(at.line).text.slice(at.character, at.character + 3), '18%');
      assert.ok(editor.selection.isEmpty);
    });
  });
}
