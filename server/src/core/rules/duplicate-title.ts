import type { Related, Story } from '../types';
import { meta, type KeyedFinding, type WorkspaceRule } from './rule';

function key(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const rule: WorkspaceRule = {
  meta: meta('duplicate-title', {
    description: 'Two stories with the same title.',
    defaultSeverity: 'warning',
  }),
  scope: 'workspace',
  keys: (facts) => [...new Set(facts.stories.map((s) => key(s.title)).filter(Boolean))],
  check({ files, keys }) {
    const groups = new Map<string, { uri: string; story: Story }[]>();
    for (const f of files) {
      for (const story of f.stories) {
        const k = key(story.title);
        if (!k || (keys && !keys.has(k))) continue;
        let g = groups.get(k);
        if (!g) groups.set(k, (g = []));
        g.push({ uri: f.uri, story });
      }
    }
    // one related entry per story, shared by every finding that points at it
    const entries = new Map<Story, Related>();
    const relatedOf = (b: { uri: string; story: Story }): Related => {
      let r = entries.get(b.story);
      if (!r) entries.set(b.story, (r = { uri: b.uri, range: b.story.titleRange, message: `Also titled "${b.story.title}"` }));
      return r;
    };
    const out = new Map<string, KeyedFinding[]>();
    for (const [k, g] of groups) {
      if (g.length < 2) continue;
      for (const a of g) {
        const others = g.filter((b) => b !== a);
        const list = out.get(a.uri) ?? [];
        list.push({
          rule: 'duplicate-title',
          range: a.story.titleRange,
          message: `${g.length} stories have this title; give each a title of its own.`,
          data: { count: g.length },
          key: k,
          related: others.map(relatedOf),
        });
        out.set(a.uri, list);
      }
    }
    return out;
  },
};
