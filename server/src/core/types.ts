// Plain data shared by every part of the analysis core.
// Nothing here imports from vscode or vscode-languageserver: positions follow
// the LSP convention (0-based line, UTF-16 character) so adapters map 1:1.

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Level = Severity | 'off';

/** The parts of a story: the four of STAR and the optional Learning (STAR-L). */
export type PartName = 'situation' | 'task' | 'action' | 'result' | 'learning';
/** The four parts every story needs, in order. */
export const PART_NAMES: readonly PartName[] = ['situation', 'task', 'action', 'result'];
/** Every part in the order a story tells them, Learning last. */
export const PART_ORDER: readonly PartName[] = ['situation', 'task', 'action', 'result', 'learning'];
export const PART_TITLES: Record<PartName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  learning: 'Learning',
};

export interface Pos {
  line: number; // 0-based
  character: number; // 0-based, UTF-16 code units
}

export interface Range {
  start: Pos;
  end: Pos;
}

/** How a part marker is written, so a fix can insert a sibling in the same style. */
export interface MarkerStyle {
  kind: 'heading' | 'label';
  /** heading level for headings */
  level?: number;
  /** the label's delimiter, e.g. `**` or `__` */
  delimiter?: string;
  /** whether the colon sits inside the bold (`**Task:**`) or after it (`**Task**:`) */
  colonInside?: boolean;
}

export interface Part {
  /** One marker may mark two parts ("Situation and Task"). */
  names: PartName[];
  /** The marker's own text as written, e.g. `Outcome`. */
  label: string;
  markerRange: Range;
  /** Range of the content that belongs to the part (may be empty). */
  contentRange: Range;
  /** Start offset of the content, end offset (exclusive) in the source. */
  contentStart: number;
  contentEnd: number;
  words: number;
  /** Content is nothing but a placeholder such as TODO, TBD or TBA. */
  placeholderOnly: boolean;
  /** The words of the content when it has six or fewer and no non-prose (for rules that look for placeholders of their own). */
  shortWords?: string[];
  /** Holds a code block, table or other non-prose content. */
  hasNonProse: boolean;
  style: MarkerStyle;
  /** we/our/us… and I/my/me… counts of the part's prose. */
  weCount: number;
  iCount: number;
  /** In an Action that says we/our/us: where its we/our/us words are written, the first 20 when it says them more than I/my/me (we-not-i), else the first (practice prompts). */
  weRanges?: Range[];
  /** Read from prose, not marked (contract section 3): its markerRange is empty, at the part's start. */
  inferred?: boolean;
  /** For an inferred part: the cue that decided it (shown in the editor). */
  cue?: string;
}

export type TagSource = 'frontmatter' | 'line' | 'heading';

export interface PrincipleTag {
  /** Canonical framework name. */
  name: string;
  /** Text as written. */
  raw: string;
  range: Range;
  source: TagSource;
}

export interface UnknownTag {
  raw: string;
  range: Range;
  source: TagSource;
  /** Nearest known name, and how close it is (0 = identical, 1 = unrelated). */
  suggestion: string;
  distance: number;
}

export type ClaimKind = 'percent' | 'multiple' | 'money' | 'duration' | 'size' | 'count' | 'change';
export type Direction = 'increase' | 'decrease';

export interface Claim {
  range: Range;
  /** The text of the claim as written. */
  text: string;
  kind: ClaimKind;
  value: number;
  unit: string;
  /** What the number measures, as written (best effort); '' when unknown. */
  subject: string;
  direction?: Direction;
  approximate: boolean;
  /** For `from A to B` changes: both ends in a common unit. */
  from?: number;
  to?: number;
  /** A percentage or multiple stated beside a from-to change. */
  stated?: { value: number; unit: '%' | 'x' | 'pp'; range: Range; speedup?: boolean };
  /** For `from A to B` changes: where B is written (a fix may change it). */
  toRange?: Range;
  /** A goal, limit or threshold ("aimed to cut it by 10%"), not a result: never compared with other claims. */
  target?: boolean;
  /** The subject normalised for comparison (see subjects.ts); absent when unknown. */
  norm?: { head: string; mods: string[]; key: string };
}

export interface Story {
  title: string;
  /** Where the title is written (heading, pseudo-heading, frontmatter title or first line). */
  titleRange: Range;
  /** The whole story, heading included. */
  range: Range;
  kind: 'file' | 'heading' | 'pseudo' | 'item';
  /** Heading level for `heading`, 0 otherwise. */
  level: number;
  principles: PrincipleTag[];
  unknownPrinciples: UnknownTag[];
  /** Where the tags are written, for too-many-principles and fixes. */
  tagsRange?: Range;
  /** Whether the story has a `Principles:` line (and its range). */
  principlesLine?: Range;
  parts: Part[];
  /** Words of the story's prose (excluding code, comments, the principles line). */
  words: number;
  claims: Claim[];
  /** Context for claims: frontmatter company, else undefined (the file). */
  company?: string;
  /** Offsets of the story body in the source (after the heading). */
  bodyStart: number;
  bodyEnd: number;
  /** `**Outcome**:` style labels found mid-paragraph, which do not count as markers. */
  inlineLabels: { names: PartName[]; label: string; range: Range }[];
  /** Where the story happened by a `Company:` line of its metadata, when its file's frontmatter names no company (events only: metric contexts stay as the contract says). */
  place?: string;
  /** The event the story says it tells: `event:` in a single-story file's frontmatter, or an `Event:` line of its metadata. */
  event?: { key: string; range: Range };
  /** What the content terms of the spoken text are made of (events.ts `termStream`: named variants, content words by clause), for finding stories that tell one event. */
  terms?: string;
  /** The feature ids of those terms, ascending (events.ts `termIds`), worked out where the story is read. */
  termIds?: Int32Array;
  /**
   * What readiness reads of the parts and claims (`storyShape`), kept where they are
   * dropped: set only in the cross-file view, which has no parts.
   */
  shape?: StoryShape;
}

/** What a story tells, for its readiness: facts only, no rule option in them. */
export interface StoryShape {
  /** The parts of S, T, A, R that say something (marked or inferred, not empty, not a placeholder), in order. */
  told: PartName[];
  /** A Result is told and every Result part holds a number (what `unquantified-result` checks). */
  quantified: boolean;
}

export interface Related {
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  message: string;
  range: Range;
  data?: Record<string, unknown>;
  related?: Related[];
  /** Workspace rules: the key (`Rule.keys`) the finding belongs to, so one check can serve many keys. */
  key?: string;
}

export interface Diagnostic extends Finding {
  severity: Severity;
}

export interface FrontmatterInfo {
  /** Parsed data when the YAML is valid and a mapping. */
  data: Record<string, unknown> | undefined;
  range: Range;
  /** Offset of the YAML text (after the opening `---` line). */
  contentOffset: number;
  valid: boolean;
}

export interface Suppression {
  /** ids disabled for the whole file; '*' for all */
  file: Set<string>;
  /** ranges of lines (inclusive start, exclusive end) per rule id or '*' */
  ranges: { rule: string; startLine: number; endLine: number }[];
  nextLine: { rule: string; line: number }[];
}

/** A problem found while reading the file itself (frontmatter YAML, its schema, the markdown parser). */
export interface ReadProblem {
  message: string;
  range: Range;
  /** The frontmatter key the problem is under, when it is under one. */
  key?: string;
  /** A limit of the reader was met (deep nesting, a block dense with emphasis; `'file'`: the file is too large to read at all): `read-limit` reports it. */
  limit?: true | 'file';
}

/** Everything the workspace keeps per file: plain data, no parse tree, nothing that depends on rule options. */
export interface FileFacts {
  uri: string;
  /** Whether the file opted out (`star: false`). */
  optedOut: boolean;
  stories: Story[];
  /**
   * Its stories were read without their terms (a workspace past `same-event`'s
   * `maxStories`, where events compare no words): a workspace that shrinks back
   * to a bank reads the file again.
   */
  termsLeftOut?: boolean;
  /** What went wrong reading the file; `frontmatter-invalid` reports these, `read-limit` those marked `limit`. */
  problems: ReadProblem[];
  /** Set when analysis itself failed (a bug of ours): the file gets one `internal-error` diagnostic. */
  internalError?: string;
  suppression: Suppression;
  frontmatter?: FrontmatterInfo;
  lineCount: number;
}

/** One text edit: LSP-style range, replaced by `newText`. */
export interface FixEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits to the file a finding is in. */
export interface Fix {
  title: string;
  edits: FixEdit[];
  /**
   * Safe to apply without looking (source.fixAll): the edit cannot change
   * what a story says (a misspelt principle's name). Inserting a part, or
   * anything that needs the user's words, is never safe.
   */
  safe: boolean;
  preferred?: boolean;
  /** Where the cursor belongs once the edits are applied (in the edited text), e.g. inside a new part. */
  cursor?: Pos;
}
