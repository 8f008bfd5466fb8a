// Code lens above each story: words, spoken minutes, parts present, principles.

import type { CodeLens } from 'vscode-languageserver-protocol';
import { PART_NAMES, PART_TITLES, type FileFacts } from '../core';
import { Commands } from '../protocol';

/** A lens above each story: words, spoken minutes, parts present, principles. */
export function codeLenses(facts: FileFacts | undefined, wordsPerMinute: number): CodeLens[] {
  if (!facts) return [];
  return facts.stories.map((story) => {
    const present = new Set(story.parts.flatMap((p) => p.names));
    const parts = PART_NAMES.map((n) => (present.has(n) ? PART_TITLES[n][0] : '·')).join(' ');
    const minutes = story.words / wordsPerMinute;
    const principles = story.principles.map((p) => p.name).join(', ') || 'no principles';
    return {
      range: { start: story.range.start, end: story.range.start },
      command: {
        title: `${story.words} words · ${minutes.toFixed(1)} min · ${parts} · ${principles}`,
        command: Commands.showCoverage,
      },
    };
  });
}
