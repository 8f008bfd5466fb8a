// Code lenses above each story, on its title line:
//   S ✓ | T ✗ | A ✓ | R ✓ | 72 words · 0:30 spoken | Customer Obsession | 5 follow-ups
// One lens per part (a present part opens at its marker, a missing one at the
// title), one for the length, one for the principles (opens Principle
// Coverage on them), one for the practice prompts (core/practice.ts: a pick
// list of the follow-up questions, each opening the place it cites).

import type { CodeLens, Command, Range } from 'vscode-languageserver-protocol';
import { PART_NAMES, PART_TITLES, practicePrompts, type FileFacts, type Framework, type Story } from '../core';
import { Commands, type PracticeItem } from '../protocol';
import { citedAt } from './hover';

/** Spoken time as m:ss (0:30, 2:05). */
export function spokenTime(words: number, wordsPerMinute: number): string {
  const seconds = Math.round((words / wordsPerMinute) * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function lens(range: Range, command: Command): CodeLens {
  return { range, command };
}

/** What the practice lens needs: the framework (principle questions) and the file's text (quotes). */
export interface PracticeInput {
  framework: Framework;
  text: string | undefined;
}

function storyLenses(uri: string, story: Story, wordsPerMinute: number, practice?: PracticeInput): CodeLens[] {
  const at: Range = { start: story.titleRange.start, end: story.titleRange.start };
  const out: CodeLens[] = [];
  for (const name of PART_NAMES) {
    const part = story.parts.find((p) => p.names.includes(name));
    const title = PART_TITLES[name];
    const where = part ? (part.inferred ? part.contentRange.start : part.markerRange.start) : story.titleRange.start;
    out.push(
      lens(at, {
        title: `${title[0]} ${part ? '✓' : '✗'}`,
        command: Commands.openStory,
        arguments: [uri, where],
        tooltip: part
          ? `${title}: ${part.words} words${part.inferred ? ' (read from the prose, no label)' : ''}. Click to go to it.`
          : `No ${title} part in this story.`,
      }),
    );
  }
  const spoken = spokenTime(story.words, wordsPerMinute);
  out.push(
    lens(at, {
      title: `${story.words} ${story.words === 1 ? 'word' : 'words'} · ${spoken} spoken`,
      command: '',
      tooltip: `About ${spoken} (m:ss) to tell at ${wordsPerMinute} words a minute.`,
    }),
  );
  const names = story.principles.map((p) => p.name);
  out.push(
    lens(at, {
      title: names.length ? names.join(', ') : 'no principle',
      command: Commands.showCoverageFor,
      arguments: [names],
      tooltip: names.length ? 'Show these principles in Principle Coverage' : 'Show Principle Coverage',
    }),
  );
  const prompts = practice ? practicePrompts(story, practice) : [];
  if (prompts.length) {
    const items: PracticeItem[] = prompts.map((p) => ({
      question: p.question,
      kind: p.kind,
      cited: citedAt(p),
      quote: p.source.quote,
      position: p.source.range.start,
    }));
    out.push(
      lens(at, {
        title: `${prompts.length} ${prompts.length === 1 ? 'follow-up' : 'follow-ups'}`,
        command: Commands.showPractice,
        arguments: [uri, story.title, items],
        tooltip: `Questions an interviewer may ask about this story:\n${prompts.map((p) => `- ${p.question}`).join('\n')}`,
      }),
    );
  }
  return out;
}

/** The lenses of every story of the file, in story order. */
export function codeLenses(facts: FileFacts | undefined, wordsPerMinute: number, practice?: PracticeInput): CodeLens[] {
  if (!facts) return [];
  return facts.stories.flatMap((story) => storyLenses(facts.uri, story, wordsPerMinute, practice));
}
