import { finding, meta, type FileRule } from './rule';

export const rule: FileRule = {
  meta: meta('read-limit', {
    description: 'Part of a file was read as plain text, or the file was not read, because it is beyond a limit of the reader (nesting, emphasis, size).',
    defaultSeverity: 'information',
  }),
  scope: 'file',
  check({ facts }) {
    return facts.problems.filter((p) => p.limit).map((p) => finding('read-limit', p.range, p.message));
  },
};
