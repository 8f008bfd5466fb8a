// Inlay hints: `S`, `T`, `A`, `R`, `L` at the start of each part read from a
// story's prose (contract section 3), with the cue that decided it.

import { type InlayHint, MarkupKind, type Range } from 'vscode-languageserver-protocol';
import { PART_TITLES, type FileFacts } from '../core';

const LETTER = { situation: 'S', task: 'T', action: 'A', result: 'R', learning: 'L' } as const;

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The hints inside `range` (the visible part of the document). */
export function inlayHints(facts: FileFacts | undefined, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const story of facts?.stories ?? []) {
    if (story.range.end.line < range.start.line || story.range.start.line > range.end.line) continue;
    for (const part of story.parts) {
      if (!part.inferred) continue;
      const at = part.contentRange.start;
      if (!before(range.start, at) || !before(at, range.end)) continue;
      const name = part.names[0]!;
      out.push({
        position: at,
        label: `${LETTER[name]}:`,
        paddingRight: true,
        tooltip: {
          kind: MarkupKind.Markdown,
          value: `**${PART_TITLES[name]}**, read from the prose (${part.cue ?? 'its place in the story'}). The quick fix *Label the STAR parts* writes the labels into the story.`,
        },
      });
    }
  }
  return out;
}
