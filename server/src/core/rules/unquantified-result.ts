import { finding, meta, type StoryRule } from './rule';

export const rule: StoryRule = {
  meta: meta('unquantified-result', {
    description: 'A Result part with no number in it: no percentage, money, time, size or count.',
    defaultSeverity: 'warning',
  }),
  scope: 'story',
  check({ story }) {
    const out = [];
    for (const part of story.parts) {
      if (!part.names.includes('result') || part.words === 0 || part.placeholderOnly) continue;
      const quantified = story.claims.some((c) => {
        const s = c.range.start;
        const a = part.markerRange.start;
        const b = part.contentRange.end;
        return (s.line > a.line || (s.line === a.line && s.character >= a.character)) && (s.line < b.line || (s.line === b.line && s.character <= b.character));
      });
      if (!quantified) out.push(finding('unquantified-result', part.markerRange, 'The Result has no number: say how much changed (time, money, %, count).'));
    }
    return out;
  },
};
