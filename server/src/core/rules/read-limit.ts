import { finding, meta, type FileRule } from './rule';

export const rule: FileRule = {
  meta: meta('read-limit', {
    description: 'Part of a file was read as plain text, or the file was not read, because it is beyond a limit of the reader (nesting, emphasis, size).',
    defaultSeverity: 'information',
  }),
  scope: 'file',
  check({ facts }) {
    // a file not read at all says so even though no story was found in it
    return facts.problems.filter((p) => p.limit).map((p) => finding('read-limit', p.range, p.message, p.limit === 'file' ? { unread: true } : undefined));
  },
};
