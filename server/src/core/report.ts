// What a report needs of one analysed file, as plain data: its own findings,
// its suppressions, how many stories it has and, for the JSON report of
// contract section 8, each story already written as JSON. An adapter that
// analyses many files elsewhere (worker threads) ships this instead of the
// full facts, which it would only have to decode again.

import { comparable, unitKey } from './claim-groups';
import { PART_ORDER, type FileFacts, type Finding, type PartName, type Story, type Suppression } from './types';

/** One story in the JSON report (contract section 8). */
export interface JsonStory {
  file: string;
  title: string;
  line: number;
  principles: string[];
  parts: Record<PartName, { line: number; words: number; inferred?: true } | null>;
  words: number;
  claims: { line: number; text: string; subject: string; value: number; unit: string; direction?: string; compared: boolean; group?: string }[];
}

export function storyJson(file: string, s: Story): JsonStory {
  const parts = {} as JsonStory['parts'];
  for (const name of PART_ORDER) {
    const ps = s.parts.filter((p) => p.names.includes(name));
    if (!ps.length) {
      parts[name] = null;
      continue;
    }
    const part: { line: number; words: number; inferred?: true } = { line: ps[0]!.markerRange.start.line + 1, words: ps.reduce((n, p) => n + p.words, 0) };
    if (ps.every((p) => p.inferred)) part.inferred = true;
    parts[name] = part;
  }
  return {
    file,
    title: s.title,
    line: s.range.start.line + 1,
    principles: s.principles.map((p) => p.name),
    parts,
    words: s.words,
    claims: s.claims.map((c) => {
      const compared = comparable(c);
      const out: JsonStory['claims'][number] = { line: c.range.start.line + 1, text: c.text, subject: c.subject, value: c.value, unit: c.unit, compared };
      if (c.direction) out.direction = c.direction;
      // the family of claim-groups.ts, as people read it
      if (compared) out.group = `${unitKey(c).replace(/^money:/, '')} ${c.norm!.head}`;
      return out;
    }),
  };
}

/** What reporting one file reads: enough to finish its diagnostics and list its stories. */
export interface FileReport {
  uri: string;
  optedOut: boolean;
  storyCount: number;
  findings: Finding[];
  suppression: Suppression;
  /** Each story as a JSON object written without its `"file"` member (which names the file as the report shows it). */
  storiesJson?: string[];
}

/** What a report needs of a file: its facts and the lint step's findings on it. */
export function fileReport(facts: FileFacts, findings: Finding[], withStories: boolean): FileReport {
  const r: FileReport = { uri: facts.uri, optedOut: facts.optedOut, storyCount: facts.stories.length, findings, suppression: facts.suppression };
  if (withStories) {
    r.storiesJson = facts.optedOut
      ? []
      : facts.stories.map((s) => {
          const { file: _file, ...rest } = storyJson('', s);
          return JSON.stringify(rest);
        });
  }
  return r;
}

/** A story of `storiesJson` with its file put back, first as in the contract. */
export function withFile(storyJsonText: string, file: string): string {
  return `{"file":${JSON.stringify(file)},${storyJsonText.slice(1)}`;
}
