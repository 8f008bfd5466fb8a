import { finding, meta, type StoryRule } from './rule';

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
        `"${story.title}" is tagged with no principle: add a \`Principles:\` line${story.kind === 'file' ? ' or `principles:` in the frontmatter' : ''}.`,
      ),
    ];
  },
};
