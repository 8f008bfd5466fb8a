// The plain-markdown fast path must build exactly the tree remark builds
// (nodes, values and every position) for each text it accepts, decline
// everything else, and accept the shape most story files have, or it saves
// nothing. remark here is the full parser (remark-parse, remark-frontmatter,
// remark-gfm), not the project's own feature-gated setup.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { parsePlainMarkdown } from '../../server/src/core/markdown-plain';
import { parseMarkdown } from '../../server/src/core/markdown';

const root = path.resolve(__dirname, '../..');
const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Assert the fast path declines `text` or builds remark's tree for it. Returns whether it accepted. */
function agrees(text: string): boolean {
  const fast = parsePlainMarkdown(text);
  if (!fast) return false;
  const slow = JSON.parse(JSON.stringify(remark.parse(text)));
  assert.deepStrictEqual(JSON.parse(JSON.stringify(fast)), slow, `tree of ${JSON.stringify(text)}`);
  return true;
}

const STORY = `---
title: Rescuing the fraud model at Initech
principles:
  - Dive Deep
  - Deliver Results
company: Initech
---

# Rescuing the fraud model at Initech

## Situation
Our fraud model's precision had fallen from 91% to 74% over two quarters.
Chargebacks were costing the team 40,000 dollars a month.

## Task
I owned getting precision back above 90% before the holiday peak.

## Action
I traced the drop to a stale feature pipeline and rebuilt it in three weeks.

## Result
Precision went back to 93%, and chargebacks fell by 60% within a month.
`;

const LINES = [
  '## Situation',
  '# Title',
  '### Result',
  '###### Six',
  '#x',
  '####### seven',
  '# ',
  '#',
  '## Heading #',
  '## Heading ##',
  '## Two  spaces',
  'We cut latency by 40%.',
  'Plain text line',
  'Another line, with a comma',
  'Saved $1.2M (about 30%)!',
  '1. item',
  '1) item',
  '12345 users',
  '2024. A year',
  '- item',
  '+ item',
  '* item',
  '> quote',
  '    indented',
  '  two spaces',
  'trailing  ',
  'trailing ',
  '***',
  '===',
  '---',
  '----',
  '--- x',
  '___',
  'a *b* c',
  'a _b_ c',
  'snake_case',
  '`code`',
  '<b>html</b>',
  '<!-- c -->',
  '&amp;',
  'AT&T',
  'www.example.com',
  'see http://x.y',
  'a@b.co',
  'x | y',
  '~~del~~',
  '[link](x)',
  '![img](x)',
  '[^1]',
  '\\*escaped',
  '"curly" \u201cquotes\u201d',
  'emoji \ud83d\ude80 \u2713',
  'tab\there',
  '\u00dcn\u00efc\u00f6d\u00e9',
  '```',
  '~~~',
  '\u00a0nbsp start',
  'nbsp end\u00a0',
  '!',
  'ends with #',
  'C# dev',
  '#1 priority',
  '100%',
  'key: value',
  'title: x',
  '\u2028line sep',
  'del \u007f, nel \u0085, zwsp \u200b, fffd \ufffd',
  'combining e\u0301 and \ud835\udc00 astral',
  '1234567890. not a list',
  '1.5 million users',
  '(parenthesised) and $5',
  '',
  '',
  '',
];
const FRONTMATTERS = [
  '---\ntitle: x\n---\n',
  '---\n---\n',
  '---\ntitle: x\n',
  '---\ntitle: x\n----\n',
  '---\ntitle: x\n--- \n',
  '---\ntitle: x\n---',
  '--- \ntitle: x\n---\n',
  '---\n\n---\n',
  '---\ntitle: x\n...\n',
  '---\nprinciples:\n  - Ownership\n- x\n---\n',
  '----\ntitle: x\n---\n',
  '---\ntitle: "a *b*"\n---\n',
  '---\ntitle: x\n---\n---\n',
  '---\ntitle: x\n  ---\n',
  '',
];

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('plain-markdown fast path', () => {
  it('takes a typical story and builds the tree remark builds', () => {
    assert.ok(agrees(STORY), 'a plain story must take the fast path');
    assert.ok(agrees(STORY.trimEnd()), 'and without its final newline');
    assert.ok(agrees(STORY.slice(STORY.indexOf('# Rescuing'))), 'and without frontmatter');
    assert.ok(agrees(''), 'and the empty text');
    const tree = parsePlainMarkdown(STORY)!;
    assert.deepEqual(
      tree.children.map((c) => c.type),
      ['yaml', 'heading', 'heading', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph', 'heading', 'paragraph'],
    );
  });

  it('declines what it does not understand, and the parser then uses remark', () => {
    for (const t of [
      'Cut costs by *30%*.\n',
      '- a list\n',
      'Use `x`.\n',
      'See www.example.com\n',
      'A\r\nB\r\n',
      '\ufeff# T\n',
      'a\tb\n',
      '#x\n',
      '## H #\n',
      'x  \ny\n',
      '1. one\n',
      'Setext\n===\n',
      'AT&amp;T\n',
    ]) {
      assert.equal(parsePlainMarkdown(t), undefined, JSON.stringify(t));
      assert.deepStrictEqual(JSON.parse(JSON.stringify(parseMarkdown(t).tree)), JSON.parse(JSON.stringify(remark.parse(t))), JSON.stringify(t));
    }
  });

  it('agrees with remark on every markdown file in the project', () => {
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(dir, e.name))) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
        );
    let files = 0;
    let accepted = 0;
    for (const file of [...walk(path.join(root, 'test')), ...walk(path.join(root, 'samples')), ...walk(path.join(root, 'docs'))]) {
      files++;
      if (agrees(fs.readFileSync(file, 'utf8'))) accepted++;
    }
    assert.ok(files > 50, `only ${files} files`);
    assert.ok(accepted > 5, `only ${accepted} of ${files} files took the fast path`);
  });

  it('agrees with remark on 6,000 generated texts', () => {
    const r = rng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const plain = LINES.filter((l) => parsePlainMarkdown(`${l}\n`));
    let accepted = 0;
    for (let n = 0; n < 6000; n++) {
      const lines: string[] = [];
      const count = Math.floor(r() * 12);
      // mostly plain lines, so that many texts are accepted and compared
      for (let i = 0; i < count; i++) lines.push(r() < 0.85 ? pick(plain) : pick(LINES));
      const body = lines.join(pick(['\n', '\n', '\n', '\n\n']));
      const ending = pick(['\n', '\n', '', '\n\n']);
      if (agrees(pick(FRONTMATTERS) + body + ending)) accepted++;
    }
    assert.ok(accepted > 1500, `only ${accepted} of 6,000 took the fast path`);
  });
});
