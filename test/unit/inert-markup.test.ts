// User and framework text in the server's markdown (hover, completion) shows
// as text: the markdown each feature returns is parsed as an editor would
// (CommonMark + GFM), and no link, image or HTML may come from a story or a
// framework — only the links the server makes itself.
import assert from 'node:assert/strict';
import type { Nodes, Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { Workspace, parseConfig, wordsPerMinute } from '../../server/src/core';
import { complete } from '../../server/src/lsp/completion';
import { claimHover, hover } from '../../server/src/lsp/hover';
import { escapeMarkdown } from '../../server/src/lsp/markup';
import { dashboardStory } from '../support/stories';

const COMMAND = '[x](command:workbench.action.terminal.new)';
const IMAGE = '![](https://example.invalid/t.png)';
const HTML = '<img src="https://example.invalid/h.png">';
// a title that tries to close the link text of the claim hover and open a link of its own
const BREAKOUT = 'Plain](command:workbench.action.terminal.new) [more';

const story = (title: string, company: string, result: string) => dashboardStory(title, result, company);

// CommonMark with GFM tables. GFM's bare-URL links are checked on the source instead (`bareUrls`): the
// renderer of VS Code's hovers (marked) honours an escape inside `https\://` or `www\.`, while mdast's
// autolink transform runs after escapes are gone and would link them anyway.
const parser = unified().use(remarkParse).data('micromarkExtensions', [gfmTable()]).data('fromMarkdownExtensions', [gfmTableFromMarkdown()]);

/** Bare URLs GFM would turn into links. */
const bareUrls = (markdown: string) => markdown.match(/\b(?:https?|ftp):\/\/|\bwww\./gi) ?? [];

/** The links, images and HTML an editor would render from this markdown. */
function active(markdown: string): { type: string; url?: string; value?: string }[] {
  const out: { type: string; url?: string; value?: string }[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'link' || n.type === 'image' || n.type === 'html' || n.type === 'definition' || n.type === 'linkReference' || n.type === 'imageReference')
      out.push({ type: n.type, url: 'url' in n ? n.url : undefined, value: 'value' in n ? n.value : undefined });
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(parser.parse(markdown) as Root);
  return out;
}

/** The text an editor would show (every node's literal text, joined). */
function shown(markdown: string): string {
  let s = '';
  const walk = (n: Nodes) => {
    if (n.type === 'text' || n.type === 'inlineCode') s += n.value;
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(parser.parse(markdown) as Root);
  return s;
}

describe('inert user text in hover and completion', () => {
  it('shows a command link, a remote image and HTML in titles and companies as text in the claim hover', () => {
    const ws = new Workspace();
    const evil = `Fixing reports ${COMMAND} ${IMAGE} ${HTML}`;
    ws.set('file:///a.md', story(evil, `Harborline ${HTML}`, 'I reduced query time by 15% across the reports.'));
    ws.set('file:///b.md', story(BREAKOUT, 'Harborline', 'Overall, query time fell by 25% after the change.'));
    const facts = ws.get('file:///a.md')!;
    const claim = facts.stories[0]!.claims.find((c) => c.text.includes('15%'))!;
    const h = claimHover(facts, claim.range.start, ws.files());
    const value = (h!.contents as { value: string }).value;
    const links = active(value);
    // the two story links the hover makes, to the files, and nothing else
    assert.deepEqual(
      links.map((l) => `${l.type} ${l.url}`),
      ['link file:///a.md#L17', 'link file:///b.md#L17'],
      value,
    );
    assert.deepEqual(bareUrls(value), [], value);
    const text = shown(value);
    assert.ok(text.includes(evil), `the title shows as written:\n${text}`);
    assert.ok(text.includes(BREAKOUT), `the other title shows as written:\n${text}`);
    assert.ok(text.includes(`Harborline ${HTML}`), text);
  });

  it('shows framework text (principle name, description, questions) as text in the principle hover and completion', () => {
    const yaml = `framework:
  name: Acme
  principles:
    - name: Craft
      description: ${JSON.stringify(`Care for the work ${COMMAND} ${IMAGE}`)}
      questions:
        - ${JSON.stringify(`When did you ${HTML} go deep?`)}
    - name: Candour
`;
    const { config, problems } = parseConfig(yaml);
    assert.deepEqual(problems, []);
    const ws = new Workspace(config);
    const text =
      '# Bank\n\n## Shipping the billing rewrite\n\n- **LPs:** Craft\n\n### Situation\nBilling broke monthly.\n\n### Action\nI rewrote it.\n\n### Result\nIt stopped breaking.\n';
    ws.set('file:///c.md', text);
    const facts = ws.get('file:///c.md')!;
    const tag = facts.stories[0]!.principles[0]!;
    const h = hover(facts, tag.range.start, ws.getMatcher(), wordsPerMinute(ws.getRules()));
    const value = (h!.contents as { value: string }).value;
    assert.deepEqual(active(value), [], value);
    assert.deepEqual(bareUrls(value), [], value);
    assert.ok(shown(value).includes(`Care for the work ${COMMAND} ${IMAGE}`), value);
    assert.ok(shown(value).includes(`When did you ${HTML} go deep?`), value);

    const line = text.split('\n').findIndex((l) => l.includes('**LPs:**'));
    const items = complete(text.replace('Craft', ''), { line, character: '- **LPs:** '.length }, ws.getMatcher());
    const craft = items.find((i) => i.label === 'Craft')!;
    const doc = (craft.documentation as { value: string }).value;
    assert.deepEqual(active(doc), [], doc);
    assert.deepEqual(bareUrls(doc), [], doc);
    assert.ok(shown(doc).includes(`Care for the work ${COMMAND} ${IMAGE}`), doc);
  });

  it('escapes every character that could start markup, and keeps plain words as they are', () => {
    for (const s of [
      COMMAND,
      IMAGE,
      HTML,
      BREAKOUT,
      '<https://example.invalid>',
      'https://example.invalid/x',
      'www.example.invalid',
      '&lt;b&gt;',
      '`code`',
      '| a | b |',
    ]) {
      const md = escapeMarkdown(s);
      assert.deepEqual(active(md), [], md);
      assert.deepEqual(bareUrls(md), [], md);
      assert.equal(shown(md), s, md);
    }
    assert.equal(escapeMarkdown('Cut refund time by 40%, twice'), 'Cut refund time by 40%, twice');
    assert.equal(shown(escapeMarkdown('one\ntwo\r\nthree')), 'one two three');
  });
});
