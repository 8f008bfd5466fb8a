// What a finding says, where the wording could mislead: figures near a threshold.
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core';

describe('finding messages', () => {
  it('action-share never shows a share just under the line as the line itself ("35% … give 35%")', () => {
    // 101 spoken words, 35 of them in the Action (34.7%): below 35%, and said so
    const words = (n: number, w: string) => Array.from({ length: n }, () => w).join(' ');
    const text = `## Story\n\n**Situation:** ${words(34, 'context')}.\n\n**Task:** ${words(16, 'goal')}.\n\n**Action:** I ${words(34, 'acted')}.\n\n**Result:** ${words(15, 'grew')} 20%.\n`;
    const ws = new Workspace();
    ws.set('file:///s.md', text);
    const story = ws.get('file:///s.md')!.stories[0]!;
    const action = story.parts.find((p) => p.names.includes('action'))!;
    const share = action.words / story.words;
    assert.ok(share < 0.35 && share > 0.34, `the fixture's share is ${share}`);
    const d = ws.diagnosticsFor('file:///s.md').find((x) => x.rule === 'action-share');
    assert.ok(d, 'no action-share finding');
    assert.match(d.message, /^The Action is 34% of the story; give what you did 35% or more\.$/);
  });
});
