import { eolOf, finding, insertAt, meta, type StoryRule } from './rule';

export const rule: StoryRule = {
  meta: meta('missing-principles', {
    description: 'A story tagged with no principle.',
    defaultSeverity: 'warning',
    fixable: true,
  }),
  scope: 'story',
  check({ story, facts }) {
    if (story.principles.length || story.unknownPrinciples.length) return [];
    // With unreadable frontmatter the tags may be there: frontmatter-invalid says so.
    if (story.kind === 'file' && facts.frontmatter && !facts.frontmatter.valid) return [];
    return [
      finding(
        'missing-principles',
        story.titleRange,
        `No principle tagged: add a \`Principles:\` line${story.kind === 'file' ? ' or `principles:` key' : ''}.`,
      ),
    ];
  },
  fix({ story, facts, text, lines }) {
    if (!story) return [];
    const eol = eolOf(text);
    if (story.kind === 'file' && facts.frontmatter) {
      // a `principles:` key at the end of the frontmatter
      const closing = facts.frontmatter.range.end.line;
      return [{ title: 'Add `principles:` to the frontmatter', edits: [insertAt(lines, lines.lineStart(closing), `principles: []${eol}`)], safe: false }];
    }
    const after = lines.lineEnd(story.titleRange.end.line);
    return [{ title: 'Add a `Principles:` line', edits: [insertAt(lines, after, `${eol}${eol}Principles: `)], safe: false }];
  },
};
