import { DEFAULT_EVENT_MAX_STORIES, DEFAULT_EVENT_THRESHOLD, type EventGroup, eventGroups, eventSlug } from '../events';
import type { Fix, FixEdit, Related, Story } from '../types';
import { eolOf, insertAt, meta, type KeyedFinding, type WorkspaceRule } from './rule';

interface Options {
  threshold: number;
  maxStories: number;
}

/** Every story is compared with every other: one key for the whole workspace. */
const KEY = 'events';

const quote = (s: string, max: number) => `"${s.length > max ? `${s.slice(0, max - 3)}...` : s}"`;

/** The key the group's stories should share: the one a story already gives, else one made from the first story's title. */
function keyFor(g: EventGroup): string {
  return g.key ?? eventSlug(g.stories[0]!.story.title);
}

/**
 * Findings by what their group shows (its stories' places, titles and keys, what each pair shares):
 * after an edit in a bank, the groups the edit did not change give the same findings, so they
 * are neither made nor compared again.
 */
let made = new Map<string, [string, KeyedFinding][]>();

function signature(g: EventGroup): string {
  let sig = g.key ?? '';
  for (const s of g.stories) {
    const r = s.story.titleRange;
    sig += `\u0001${s.uri}\u0002${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}\u0002${s.story.title}\u0002${s.story.event?.key ?? ''}`;
  }
  for (const p of g.pairs) sig += `\u0003${p.a.uri}#${p.a.index}\u0002${p.b.uri}#${p.b.index}\u0002${p.score}\u0002${p.evidence.join('\u0002')}`;
  return sig;
}

/** How many of the other stories a finding points to (the most alike first); the message counts them all. */
const RELATED = 3;

/** How many other stories of this file the quick fix marks with the key (the most alike first; applied again, it marks more). */
const FIX_OTHERS = 3;

function findingsOf(g: EventGroup): [string, KeyedFinding][] {
  const out: [string, KeyedFinding][] = [];
  // stories that already say they tell this event: the candidate knows
  if (g.key && g.stories.every((s) => s.story.event?.key.toLowerCase() === g.key)) return out;
  const key = keyFor(g);
  for (const a of g.stories) {
    // the others, most alike first (a story given by key alone last), then in story order
    const others = g.stories
      .filter((b) => b !== a)
      .map((b) => ({ b, pair: g.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a)) }))
      .sort((x, y) => (y.pair?.score ?? -1) - (x.pair?.score ?? -1));
    const related: Related[] = others.slice(0, RELATED).map(({ b, pair }) => {
      const both = pair?.evidence.length ? `both: ${pair.evidence.join(', ')}` : b.story.event ? `both: event ${b.story.event.key}` : 'the same event';
      return { uri: b.uri, range: b.story.titleRange, message: `Same event (${both})` };
    });
    const more = others.length > 1 ? ` and ${others.length - 1} more` : '';
    out.push([
      a.uri,
      {
        rule: 'same-event',
        range: a.story.titleRange,
        message: `Same event as ${quote(others[0]!.b.story.title, more ? 30 : 40)}${more}: tell one per loop.`,
        data: {
          event: key,
          // the others in this file: a fix edits one file
          stories: others
            .filter(({ b }) => b.uri === a.uri && !b.story.event)
            .slice(0, FIX_OTHERS)
            .map(({ b }) => ({ uri: b.uri, line: b.story.titleRange.start.line })),
        },
        key: KEY,
        related,
      },
    ]);
  }
  return out;
}

export const rule: WorkspaceRule<Options> = {
  meta: meta<Options>('same-event', {
    description: 'Stories that tell the same event (told twice in one loop, interviewers notice).',
    defaultSeverity: 'information',
    fixable: true,
    defaultOptions: { threshold: DEFAULT_EVENT_THRESHOLD, maxStories: DEFAULT_EVENT_MAX_STORIES },
    optionsSchema: {
      threshold: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'How alike two stories must be to tell one event (weighted cosine of their words, phrases and figures, 0 to 1); higher reports fewer.',
      },
      maxStories: {
        type: 'integer',
        minimum: 0,
        description:
          'Compare stories by their words only in a workspace of at most this many stories (a bank); in a larger collection only explicit event keys make an event.',
      },
    },
  }),
  scope: 'workspace',
  keys: (facts) => (facts.stories.length ? [KEY] : []),
  check({ files, options, keys }) {
    const out = new Map<string, KeyedFinding[]>();
    if (keys && !keys.has(KEY)) return out;
    for (const g of eventGroups(files, options)) {
      if (g.stories.length < 2) continue;
      // a group that shows what it showed at the last check: the same findings
      const sig = signature(g);
      let found = made.get(sig);
      if (!found) {
        if (made.size >= 4096) made = new Map();
        made.set(sig, (found = findingsOf(g)));
      }
      for (const [uri, f] of found) {
        const list = out.get(uri);
        if (list) list.push(f);
        else out.set(uri, [f]);
      }
    }
    return out;
  },
  fix({ finding, facts, text, lines }) {
    const key = typeof finding.data?.event === 'string' ? finding.data.event : undefined;
    if (!key) return [];
    const eol = eolOf(text);
    // this story and the others of the event in the same file (a fix edits one file)
    const here = facts.stories.find((s) => s.titleRange.start.line === finding.range.start.line);
    const others = Array.isArray(finding.data?.stories) ? (finding.data.stories as { uri: string; line: number }[]) : [];
    const targets: Story[] = [];
    if (here) targets.push(here);
    for (const o of others) {
      if (o.uri !== facts.uri) continue;
      const s = facts.stories.find((x) => x.titleRange.start.line === o.line);
      if (s && !targets.includes(s)) targets.push(s);
    }
    const edits: FixEdit[] = [];
    for (const s of targets) {
      if (s.event) continue;
      if (s.kind === 'file' && facts.frontmatter?.valid) {
        edits.push(insertAt(lines, lines.lineStart(facts.frontmatter.range.end.line), `event: ${key}${eol}`));
        continue;
      }
      if (s.kind === 'file' && s.titleRange.start.line === 0 && s.titleRange.end.character === lines.lineEnd(0) && !text.startsWith('#')) {
        // titled by its file name: the line goes first
        edits.push(insertAt(lines, 0, `Event: ${key}${eol}${eol}`));
        continue;
      }
      edits.push(insertAt(lines, lines.lineEnd(s.titleRange.end.line), `${eol}Event: ${key}`));
    }
    if (!edits.length) return [];
    const fix: Fix = {
      title: `Mark ${edits.length > 1 ? 'these stories' : 'this story'} as one event: \`event: ${key}\``,
      edits: edits.sort((x, y) => x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character),
      safe: false,
    };
    return [fix];
  },
};
