// The language server's features as pure functions, run in-process against
// the core's in-memory workspace (the stdio suite in test/lsp covers what
// only a real client shows).
import assert from 'node:assert/strict';
import { LineIndex, Workspace, parseConfig, practicePrompts, storyList, wordsPerMinute } from '../../server/src/core';
import { codeActions, FIX_ALL_KIND } from '../../server/src/lsp/codeactions';
import { codeLenses, spokenTime } from '../../server/src/lsp/codelens';
import { complete } from '../../server/src/lsp/completion';
import { toLspDiagnostic } from '../../server/src/lsp/diagnostics';
import { hover, practiceHover } from '../../server/src/lsp/hover';
import { inlayHints } from '../../server/src/lsp/inlay';
import { documentSymbols, workspaceSymbols } from '../../server/src/lsp/symbols';

const URI = 'file:///bank.md';
const BANK = `# Story bank

## Moving nightly reports off a dying server

- **LPs:** Ownership, Dive Deep

### Situation
The reporting server failed twice a week and the finance team waited for numbers every time it did.

### Action
I moved the nightly jobs to a managed scheduler, wrote checks for each report and ran both systems side by side for two weeks.

### Result
Reports arrived on time every day for a quarter and the run took 40% less time.
`;

function workspace(yaml?: string): Workspace {
  const ws = new Workspace(yaml ? parseConfig(yaml).config : undefined);
  ws.set(URI, BANK);
  return ws;
}

const lineOf = (needle: string) => BANK.split('\n').findIndex((l) => l.includes(needle));

describe('server features (in-process)', () => {
  it('completes principle names on a bold `LPs:` list item, leaving out the ones listed', () => {
    const line = lineOf('**LPs:**');
    const text = BANK.replace('Ownership, Dive Deep', 'Ownership, ');
    const items = complete(text, { line, character: '- **LPs:** Ownership, '.length }, workspace().getMatcher());
    const labels = items.map((i) => i.label);
    assert.equal(labels.length, 15);
    assert.ok(!labels.includes('Ownership'));
    assert.ok(labels.includes('Dive Deep'));
  });

  it('completes principle names in frontmatter whatever the line ending (LF, CRLF, a lone CR)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['---', 'title: Refunds in a day', 'principles:', '  - Ownership', '  - ', '---', '', '## Situation', ''].join(eol);
      const labels = complete(text, { line: 4, character: 4 }, workspace().getMatcher()).map((i) => i.label);
      assert.ok(labels.includes('Dive Deep'), `completion after ${JSON.stringify(eol)}`);
      assert.ok(!labels.includes('Ownership'), `Ownership is listed already (${JSON.stringify(eol)})`);
    }
  });

  it('hover on a principle tag lists its questions, each with the story that answers it best', () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const tag = facts.stories[0]!.principles[0]!;
    const h = hover(facts, tag.range.start, ws.getMatcher(), wordsPerMinute(ws.getRules()), ws.files());
    const value = (h!.contents as { value: string }).value;
    const p = ws.getMatcher().framework.principles.find((x) => x.name === tag.name)!;
    assert.ok(p.questions.length >= 4);
    for (const q of p.questions) assert.ok(value.includes(q.replace(/[*_[\]`]/g, (c) => `\\${c}`).slice(0, 20)), q);
    assert.ok(value.includes(`→ *${facts.stories[0]!.title}*`), value);
  });

  it('shows spoken time at the configured words a minute in hover and code lens', () => {
    const ws = workspace('rules:\n  story-length: { wordsPerMinute: 60 }\n');
    const facts = ws.get(URI)!;
    const action = facts.stories[0]!.parts.find((p) => p.names.includes('action'))!;
    const h = hover(facts, action.markerRange.start, ws.getMatcher(), wordsPerMinute(ws.getRules()));
    const words = action.words;
    assert.match((h!.contents as { value: string }).value, new RegExp(`${words} words, .*about ${Math.round((words / 60) * 60)} s spoken`));
    const lenses = codeLenses(facts, wordsPerMinute(ws.getRules()));
    const w = facts.stories[0]!.words;
    const spoken = `${Math.floor(w / 60)}:${String(w % 60).padStart(2, '0')}`;
    assert.deepEqual(
      lenses.map((l) => l.command!.title),
      ['S ✓', 'T ✗', 'A ✓', 'R ✓', `${w} words · ${spoken} spoken`, 'Ownership, Dive Deep'],
    );
    const [story] = storyList(ws.files(), (u) => ws.diagnosticsFor(u), ws.getRules());
    assert.equal(story!.minutes, facts.stories[0]!.words / 60);
    assert.equal(story!.findings, ws.diagnosticsFor(URI).length);
  });

  it('code lenses: a present part opens at its marker, a missing one at the title; the principles open coverage on them', () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const story = facts.stories[0]!;
    const lenses = codeLenses(facts, 150);
    assert.ok(lenses.every((l) => l.range.start.line === story.titleRange.start.line));
    const [s, t, a, r, length, principles] = lenses;
    const action = story.parts.find((p) => p.names.includes('action'))!;
    assert.equal(a!.command!.command, 'starStories.openStory');
    assert.deepEqual(a!.command!.arguments, [URI, action.markerRange.start]);
    assert.equal(s!.command!.arguments![1].line, lineOf('### Situation'));
    assert.equal(r!.command!.arguments![1].line, lineOf('### Result'));
    assert.deepEqual(t!.command!.arguments, [URI, story.titleRange.start]);
    assert.match(t!.command!.tooltip!, /No Task part/);
    assert.equal(length!.command!.command, '', 'the length is a label, not a link');
    assert.equal(principles!.command!.command, 'starStories.showCoverageFor');
    assert.deepEqual(principles!.command!.arguments, [['Ownership', 'Dive Deep']]);
    // spoken time as m:ss
    assert.equal(spokenTime(75, 150), '0:30');
    assert.equal(spokenTime(310, 150), '2:04');
    assert.equal(spokenTime(0, 150), '0:00');
  });

  it('hover on a story title lists its follow-up questions, each with the part and line it cites, user text escaped', () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const story = facts.stories[0]!;
    const framework = ws.getMatcher().framework;
    const h = practiceHover(facts, { line: story.titleRange.start.line, character: story.titleRange.start.character + 3 }, framework, BANK);
    const value = (h!.contents as { value: string }).value;
    const prompts = practicePrompts(story, { text: BANK, framework });
    assert.ok(prompts.length >= 3);
    assert.match(value, new RegExp(`^\\*\\*${prompts.length} follow-ups\\*\\* an interviewer may ask`));
    // the missing Task (cited at the title), the claim of the Result, no Learning
    assert.ok(value.includes('1. What exactly were you responsible for, and who was counting on you?'), value);
    assert.ok(value.includes(`*the title, line ${lineOf('## Moving') + 1}: "Moving nightly reports off a dying server"*`), value);
    assert.ok(value.includes(`*Result, line ${lineOf('40% less') + 1}: "40%"*`), value);
    assert.equal(value.split('\n').filter((l) => /^\d+\. /.test(l)).length, prompts.length);
    // elsewhere in the story: no practice hover
    assert.equal(practiceHover(facts, { line: lineOf('### Action') + 1, character: 2 }, framework, BANK), undefined);
    // a title holding markdown shows as text
    const odd = BANK.replace('Moving nightly reports off a dying server', 'Reports [x](command:evil) ![](https://example.invalid/t.png)');
    ws.set(URI, odd);
    const f2 = ws.get(URI)!;
    const v2 = (practiceHover(f2, f2.stories[0]!.titleRange.start, framework, odd)!.contents as { value: string }).value;
    assert.ok(!/(?<!\\)\[x\]/.test(v2), v2);
    assert.ok(v2.includes('\\[x\\]\\(command\\:evil\\)'), v2);
  });

  it('code lens: "N follow-ups" on each story opens the pick list of its questions, each with the place it cites', () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const framework = ws.getMatcher().framework;
    const lenses = codeLenses(facts, 150, { framework, text: BANK });
    const follow = lenses[lenses.length - 1]!;
    const prompts = practicePrompts(facts.stories[0]!, { text: BANK, framework });
    assert.equal(follow.command!.title, `${prompts.length} follow-ups`);
    assert.equal(follow.command!.command, 'starStories.showPractice');
    const [uri, title, items] = follow.command!.arguments!;
    assert.equal(uri, URI);
    assert.equal(title, 'Moving nightly reports off a dying server');
    assert.deepEqual(
      items.map((i: { question: string }) => i.question),
      prompts.map((p) => p.question),
    );
    const claim = items.find((i: { kind: string }) => i.kind === 'claim');
    assert.deepEqual(claim, {
      question: 'How did you measure "40%", and what was the baseline?',
      kind: 'claim',
      cited: `Result, line ${lineOf('40% less') + 1}`,
      quote: '40%',
      position: { line: lineOf('40% less'), character: BANK.split('\n')[lineOf('40% less')]!.indexOf('40%') },
    });
    assert.match(follow.command!.tooltip!, /What exactly were you responsible for/);
    // without the practice input (an old caller), no lens for it
    assert.ok(!codeLenses(facts, 150).some((l) => l.command!.command === 'starStories.showPractice'));
  });

  it("offers the rule's fix and the two disable comments for a diagnostic, and fix-all on request", () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const lines = new LineIndex(BANK);
    const missing = ws.diagnosticsFor(URI).find((d) => d.rule === 'missing-section')!;
    const lsp = toLspDiagnostic(missing, facts, BANK, lines);
    assert.equal(lsp.code, 'missing-section');
    assert.match(lsp.codeDescription!.href, /docs\/rules\/missing-section\.md$/);
    const actions = codeActions(ws, URI, [lsp], undefined);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add a Task part', 'Disable missing-section for this line', 'Disable missing-section for this file'],
    );
    // adding a part is the user's choice: the cursor goes into the new part, and fix-all leaves it alone
    const add = actions[0]!;
    assert.equal(add.edit!.changes![URI]![0]!.newText, '### Task\n\n\n');
    assert.deepEqual(add.command, {
      title: 'Put the cursor in the new text',
      command: 'starStories.revealPosition',
      arguments: [URI, { line: 11, character: 0 }],
    });
    assert.deepEqual(codeActions(ws, URI, [], [FIX_ALL_KIND]), []);
  });

  it('offers each fix once per diagnostic and each disable comment once per rule', () => {
    const ws = workspace();
    const facts = ws.get(URI)!;
    const lines = new LineIndex(BANK);
    const missing = ws.diagnosticsFor(URI).find((d) => d.rule === 'missing-section')!;
    const lsp = toLspDiagnostic(missing, facts, BANK, lines);
    // the same diagnostic twice, and a second one of the rule on the same line
    const twin = { ...lsp, message: 'another' };
    const titles = codeActions(ws, URI, [lsp, lsp, twin], undefined).map((a) => a.title);
    assert.deepEqual(titles, ['Add a Task part', 'Add a Task part', 'Disable missing-section for this line', 'Disable missing-section for this file']);
  });

  it('outlines stories and parts, and finds stories by principle across the workspace', () => {
    const ws = workspace();
    const [story] = documentSymbols(ws.get(URI));
    assert.equal(story!.name, 'Moving nightly reports off a dying server');
    assert.deepEqual(
      story!.children!.map((c) => c.name),
      ['Situation', 'Action', 'Result'],
    );
    assert.deepEqual(
      workspaceSymbols(ws.files(), 'dive').map((s) => s.name),
      ['Moving nightly reports off a dying server'],
    );
    assert.deepEqual(workspaceSymbols(ws.files(), 'frugality'), []);
  });
});

describe('server features on a story told in prose (in-process)', () => {
  const PROSE = `# Stories

## Bias for Action: Rescuing the spring catalogue

Two weeks before the print date at Fernleigh Outdoor, our photo supplier lost half of the product shots for the spring catalogue. As the catalogue lead, I had to get a complete catalogue to the printer on the original date. I booked the in-house studio for a one-day reshoot and re-used last season's photos for the products that had not changed. The catalogue went to print on time with 212 of its 214 products pictured.
`;
  it('lists the parts read from the prose in the Outline, and hints S, T, A, R where they start', () => {
    const ws = new Workspace();
    ws.set('file:///p.md', PROSE);
    const [story] = documentSymbols(ws.get('file:///p.md'));
    assert.deepEqual(
      story!.children!.map((c) => [c.name, c.detail?.endsWith('from the prose')]),
      [
        ['Situation', true],
        ['Task', true],
        ['Action', true],
        ['Result', true],
      ],
    );
    const hints = inlayHints(ws.get('file:///p.md'), { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
    assert.deepEqual(
      hints.map((h) => h.label),
      ['S:', 'T:', 'A:', 'R:'],
    );
  });
});
