// Markdown parsing: unified + remark-parse with frontmatter and GFM.
//
// GFM costs more than plain CommonMark (autolink literals and tables most of
// all), so each GFM construct is switched on only when the text holds the
// character that could start it: without a `|` there is no table, without a
// `~` no strikethrough. The tree is the same either way.
//
// Before any of that, the plainest texts (frontmatter, ATX headings, unmarked
// paragraphs: most story files) take a one-pass fast path that builds the
// same tree (markdown-plain.ts); everything else goes to remark. Text beyond
// the input limits (deep nesting, blocks dense with emphasis) is first made
// plain text (limits.ts), so no parse recurses deeply or goes quadratic.

import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import type { Root } from 'mdast';
import { boundMarkdown, type LimitProblem, restoreTree } from './limits';
import { parsePlainMarkdown } from './markdown-plain';

const TABLE = 1;
const STRIKE = 2;
const TASK = 4;
const FOOTNOTE = 8;
const AUTOLINK = 16;

function gfmFeatures(text: string): number {
  let f = 0;
  if (text.includes('|')) f |= TABLE;
  if (text.includes('~')) f |= STRIKE;
  if (/\[[ xX]\]/.test(text)) f |= TASK;
  if (text.includes('[^')) f |= FOOTNOTE;
  if (/www\.|https?:|mailto:|xmpp:|@/i.test(text)) f |= AUTOLINK;
  return f;
}

/** A unified plugin adding the chosen GFM constructs to remark-parse. */
function remarkGfmSubset(this: Processor, features: number) {
  const data = this.data() as {
    micromarkExtensions?: unknown[];
    fromMarkdownExtensions?: unknown[];
  };
  const micromark = (data.micromarkExtensions ??= []);
  const fromMarkdown = (data.fromMarkdownExtensions ??= []);
  if (features & TABLE) {
    micromark.push(gfmTable());
    fromMarkdown.push(gfmTableFromMarkdown());
  }
  if (features & STRIKE) {
    micromark.push(gfmStrikethrough());
    fromMarkdown.push(gfmStrikethroughFromMarkdown());
  }
  if (features & TASK) {
    micromark.push(gfmTaskListItem());
    fromMarkdown.push(gfmTaskListItemFromMarkdown());
  }
  if (features & FOOTNOTE) {
    micromark.push(gfmFootnote());
    fromMarkdown.push(gfmFootnoteFromMarkdown());
  }
  if (features & AUTOLINK) {
    micromark.push(gfmAutolinkLiteral());
    fromMarkdown.push(gfmAutolinkLiteralFromMarkdown());
  }
}

const processors = new Map<number, Processor<Root>>();

function processorFor(features: number): Processor<Root> {
  let proc = processors.get(features);
  if (!proc) {
    proc = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmSubset, features).freeze() as unknown as Processor<Root>;
    processors.set(features, proc);
  }
  return proc;
}

/**
 * Parse markdown into an mdast tree with positions. Never throws. Nesting and
 * emphasis beyond the input limits (limits.ts) are read as plain text, and
 * each such place comes back in `limits`.
 */
export function parseMarkdown(text: string): { tree: Root; error?: string; limits?: LimitProblem[] } {
  try {
    const bounded = boundMarkdown(text);
    if (bounded) {
      const tree = processorFor(gfmFeatures(bounded.text)).parse(bounded.text) as Root;
      restoreTree(tree);
      return { tree, limits: bounded.problems };
    }
    const plain = parsePlainMarkdown(text);
    if (plain) return { tree: plain };
    return { tree: processorFor(gfmFeatures(text)).parse(text) as Root };
  } catch (e) {
    // micromark does not throw on any input we know of; keep the promise anyway.
    return {
      tree: { type: 'root', children: [] },
      error: e instanceof Error ? e.message : String(e),
    };
  }
}
