import { finding, meta, type FileRule } from './rule';

export const rule: FileRule = {
  meta: meta('frontmatter-invalid', {
    description: 'Frontmatter that is not valid YAML or does not fit the story schema.',
    defaultSeverity: 'error',
  }),
  scope: 'file',
  check({ facts }) {
    return facts.problems.filter((p) => !p.limit).map((p) => finding('frontmatter-invalid', p.range, p.message, p.key ? { key: p.key } : undefined));
  },
};
