import type { Part, Story } from '../types';
import { finding, meta, type StoryRule } from './rule';

/**
 * The Result parts of a story that say something but hold no claim (no number).
 * The one test of a quantified Result: this rule reports these parts, and a
 * story's readiness (views.ts) needs there to be none.
 */
export function unquantifiedResults(story: Story): Part[] {
  const out: Part[] = [];
  for (const part of story.parts) {
    if (!part.names.includes('result') || part.words === 0 || part.placeholderOnly) continue;
    const quantified = story.claims.some((c) => {
      const s = c.range.start;
      const a = part.markerRange.start;
      const b = part.contentRange.end;
      return (s.line > a.line || (s.line === a.line && s.character >= a.character)) && (s.line < b.line || (s.line === b.line && s.character <= b.character));
    });
    if (!quantified) out.push(part);
  }
  return out;
}

export const rule: StoryRule = {
  meta: meta('unquantified-result', {
    description: 'A Result part with no number in it: no percentage, money, time, size or count.',
    defaultSeverity: 'warning',
  }),
  scope: 'story',
  check({ story }) {
    return unquantifiedResults(story).map((part) =>
      finding('unquantified-result', part.markerRange, 'The Result has no number: say how much changed (time, money, %, count).'),
    );
  },
};
