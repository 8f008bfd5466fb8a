import { finding, meta, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('frontmatter-invalid', {
    description: 'Frontmatter that is not valid YAML or does not fit the story schema.',
    defaultSeverity: 'error',
  }),
  scope: 'file',
  check({ problems }) {
    return problems.map((p) => finding('frontmatter-invalid', p.range, p.message, p.key ? { key: p.key } : undefined));
  },
};
