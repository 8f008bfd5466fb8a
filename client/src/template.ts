// Text helpers for the client that need no `vscode`: file names for new
// stories, the new-story template, and the STAR skeleton snippet.

import { stringify } from 'yaml';
import { AMAZON_FRAMEWORK } from '../../server/src/core';

/** Amazon's 16 Leadership Principles (the core's default framework), used only until the server has sent its framework. */
export const DEFAULT_PRINCIPLES: readonly string[] = AMAZON_FRAMEWORK.principles.map((p) => p.name);

export const PART_TITLES = ['Situation', 'Task', 'Action', 'Result'] as const;

/**
 * A file-name-safe form of a title: lower case ASCII letters and digits joined
 * by single hyphens, accents dropped, at most 60 characters; "story" when
 * nothing is left.
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`]/g, '')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, '') || slug.slice(0, 60);
  return slug.replace(/-+$/g, '') || 'story';
}

/** The n-th candidate file name for a slug: `slug.md`, `slug-2.md`, `slug-3.md`, … */
export function candidateFileName(slug: string, attempt: number): string {
  return attempt <= 1 ? `${slug}.md` : `${slug}-${attempt}.md`;
}

export interface StoryTemplate {
  text: string;
  /** 0-based line where the cursor goes: the Situation's placeholder. */
  cursorLine: number;
}

/**
 * What each part of a new story asks, written as placeholders (`<…?>`) the
 * reader recognises: a story of nothing but placeholders is a template, so a
 * new story gets no finding and counts nowhere until its parts are written.
 */
export const PART_PLACEHOLDERS: Readonly<Record<(typeof PART_TITLES)[number], string>> = {
  Situation: '<What was the situation? The team, the stakes, what was going wrong.>',
  Task: '<What did you in particular have to achieve, and by when?>',
  Action: '<What did you do, step by step? Say "I", not "we".>',
  Result: '<What changed, with numbers? Before and after, time or money saved.>',
};

function parts(level: number, lines: string[]): number {
  const hashes = '#'.repeat(Math.min(6, Math.max(1, level)));
  let cursorLine = -1;
  for (const part of PART_TITLES) {
    lines.push(`${hashes} ${part}`, '');
    if (part === 'Situation') cursorLine = lines.length;
    lines.push(PART_PLACEHOLDERS[part], '');
  }
  return cursorLine;
}

/** A single-story file: frontmatter with title, principles and company, then the four parts with their placeholders. */
export function storyTemplate(title: string, principles: readonly string[], eol = '\n'): StoryTemplate {
  const front = stringify(
    { title: title.trim(), principles: [...principles], company: '' },
    { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' },
  ).trimEnd();
  const lines = ['---', ...front.split('\n'), '---', ''];
  const cursorLine = parts(2, lines);
  return { text: lines.join(eol).replace(/(?:\r?\n|\r)$/, '') + eol, cursorLine };
}

/**
 * A story to add at the end of a story bank: a heading at `level` (the bank's
 * story headings), a Principles line, and the parts one level below.
 * `cursorLine` counts from the first line of the returned text.
 */
export function bankStoryTemplate(title: string, principles: readonly string[], level = 2, eol = '\n'): StoryTemplate {
  const lvl = Math.min(5, Math.max(1, level));
  const lines = [`${'#'.repeat(lvl)} ${title.trim().replace(/\s+/g, ' ')}`, ''];
  if (principles.length) lines.push(`**Principles:** ${principles.join(', ')}`, '');
  const cursorLine = parts(lvl + 1, lines);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return { text: lines.join(eol) + eol, cursorLine };
}

/** A title as the duplicate check compares it: case, accents and spacing aside. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The four parts as a snippet, with one tab stop in each. `level` is the
 * heading level of the parts (2 gives `## Situation`).
 */
export function skeletonSnippet(level = 2): string {
  const hashes = '#'.repeat(Math.min(6, Math.max(1, level)));
  const hints = [
    'Where and when: the team, the stakes, what was going wrong.',
    'What you in particular had to achieve, and by when.',
    'What you did, step by step, in the first person.',
    'What changed, with numbers: before and after, time or money saved.',
  ];
  return `${PART_TITLES.map((part, i) => `${hashes} ${part}\n\n\${${i + 1}:${hints[i]}}\n`).join('\n')}$0`;
}

/** The level of a markdown ATX heading line, or 0. */
export function headingLevel(line: string): number {
  const m = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line);
  return m ? m[1]!.length : 0;
}

const PART_WORDS =
  /^(?:\d+[.)]\s*)?(situation|context|background|task|challenge|goal|objective|actions?|approach|what i did|results?|outcomes?|impact|situation\s*(?:&|and|\/)\s*task)\s*:?\s*$/i;

/** Whether a heading's text is a STAR part marker rather than a story title. */
export function isPartHeading(line: string): boolean {
  const text = line
    .replace(/^ {0,3}#{1,6}\s*/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/[*_]/g, '')
    .trim();
  return PART_WORDS.test(text);
}

/**
 * The heading level new parts should get when inserted after `linesAbove`:
 * one below the nearest story heading above the cursor (so parts nest under a
 * story-bank title), level 2 when there is none; parts already present above
 * set the level directly.
 */
export function skeletonLevelFor(linesAbove: readonly string[]): number {
  let inFence = false;
  let found = 0;
  let foundIsPart = false;
  for (const line of linesAbove) {
    if (/^ {0,3}(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const level = headingLevel(line);
    if (level) {
      found = level;
      foundIsPart = isPartHeading(line);
    }
  }
  if (!found) return 2;
  if (foundIsPart) return found;
  return Math.min(6, Math.max(2, found + 1));
}

/** Where New Story writes, worked out from `starStories.storiesFolder`: an absolute path, or parts under the first workspace folder. */
export interface StoriesFolder {
  absolute?: string;
  parts: string[];
  /** Why the setting was not followed (the default folder is used instead). */
  refused?: string;
}

/**
 * The folder New Story writes to. An absolute path, or one that climbs out of
 * the workspace with `..`, is followed only in a trusted workspace; in
 * Restricted Mode it is refused and the default `stories` folder is used.
 */
export function storiesFolderOf(setting: string | undefined, trusted: boolean, isAbsolute: (p: string) => boolean): StoriesFolder {
  const folder = (setting ?? '').trim() || 'stories';
  const refuse = (): StoriesFolder => ({
    parts: ['stories'],
    refused: `the stories folder "${folder}" is outside the workspace, which an untrusted workspace cannot write to; using "stories" in the workspace`,
  });
  if (isAbsolute(folder)) return trusted ? { absolute: folder, parts: [] } : refuse();
  const parts = folder.split(/[\\/]+/).filter((p) => p && p !== '.');
  if (!trusted) {
    let depth = 0;
    for (const p of parts) {
      depth += p === '..' ? -1 : 1;
      if (depth < 0) return refuse();
    }
  }
  return { parts };
}
