// What a rule is: metadata, a check over plain facts and, when it can
// repair what it reports, a fix. One rule, one file: its option defaults and
// their schema live in its `meta`, and nowhere else.

import type { LineIndex } from '../text';
import type { FileFacts, Finding, Fix, Pos, Range, Severity, Story } from '../types';

export const DOCS_BASE = 'https://github.com/star-stories/star-stories/blob/main/docs/rules/';

/** The JSON schema of one option (a subset of JSON Schema draft-07 that the config schema embeds). */
export interface OptionSchema {
  type: 'number' | 'integer' | 'string' | 'boolean' | 'array';
  description: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: { type: 'string'; minLength?: number };
}

export interface RuleMeta<O extends object = Record<string, unknown>> {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** The options a rule runs with when the configuration sets none. */
  defaultOptions: O;
  /** One schema per option; the configuration is validated against them (no other key is allowed). */
  optionsSchema: { [K in keyof O]: OptionSchema };
  /** The rule exports a `fix`. */
  fixable: boolean;
  /** The rule's documentation page. */
  docs: string;
}

export interface StoryContext<O> {
  story: Story;
  facts: FileFacts;
  options: O;
}

export interface FileContext<O> {
  facts: FileFacts;
  options: O;
}

/** A finding of a workspace rule, under the key (see `keys`) it belongs to. */
export type KeyedFinding = Finding & { key: string };

export interface WorkspaceContext<O> {
  files: Iterable<FileFacts>;
  options: O;
  /** Only report groups under these keys (see `keys`); all when absent. */
  keys?: ReadonlySet<string>;
}

/** What a fix is computed from: the finding, the facts of its file and the file's text (BOM stripped). */
export interface FixContext {
  finding: Finding;
  facts: FileFacts;
  /** The story the finding is in, when it is in one. */
  story: Story | undefined;
  text: string;
  lines: LineIndex;
}

interface RuleBase<O extends object> {
  meta: RuleMeta<O>;
  /** The quick fixes of one of this rule's findings (pure: no state, no I/O). */
  fix?(ctx: FixContext): Fix[];
}

export interface StoryRule<O extends object = Record<string, unknown>> extends RuleBase<O> {
  scope: 'story';
  check(ctx: StoryContext<O>): Finding[];
}

export interface FileRule<O extends object = Record<string, unknown>> extends RuleBase<O> {
  scope: 'file';
  check(ctx: FileContext<O>): Finding[];
}

export interface WorkspaceRule<O extends object = Record<string, unknown>> extends RuleBase<O> {
  scope: 'workspace';
  /**
   * The keys a file's stories are compared under (a title; a context and
   * head noun): files sharing no key never affect each other, so an edit
   * re-runs the rule only for the keys of the file that changed. Each
   * finding carries its key so that one check serves all the keys an edit
   * touched.
   */
  keys(facts: FileFacts, options: O): string[];
  check(ctx: WorkspaceContext<O>): Map<string, KeyedFinding[]>;
}

export type Rule<O extends object = Record<string, unknown>> = StoryRule<O> | FileRule<O> | WorkspaceRule<O>;

type MetaInput<O extends object> = Omit<RuleMeta<O>, 'id' | 'docs' | 'fixable' | 'defaultOptions' | 'optionsSchema'> &
  Partial<Pick<RuleMeta<O>, 'fixable' | 'defaultOptions' | 'optionsSchema'>>;

export function meta<O extends object = Record<string, never>>(id: string, m: MetaInput<O>): RuleMeta<O> {
  return {
    id,
    docs: `${DOCS_BASE}${id}.md`,
    fixable: false,
    defaultOptions: {} as O,
    optionsSchema: {} as RuleMeta<O>['optionsSchema'],
    ...m,
  };
}

export function finding(rule: string, range: Range, message: string, data?: Record<string, unknown>): Finding {
  const f: Finding = { rule, range, message };
  if (data) f.data = data;
  return f;
}

/** The story a finding is in (by its first line), if any. */
export function storyAt(facts: FileFacts, line: number): Story | undefined {
  return facts.stories.find((s) => s.range.start.line <= line && line <= Math.max(s.range.end.line, s.range.start.line));
}

/** The end of line of a text: CRLF when it uses CRLF, else CR when it ends lines with a lone CR, else LF. */
export function eolOf(text: string): string {
  // the fixes of one publish ask for the same text once per finding: a bank's is scanned once
  if (text === eolMemo.text) return eolMemo.eol;
  const eol = text.indexOf('\r') === -1 ? '\n' : text.includes('\r\n') ? '\r\n' : '\r';
  eolMemo.text = text;
  eolMemo.eol = eol;
  return eol;
}

const eolMemo = { text: '', eol: '\n' };

/**
 * Where a position ends up after `inserted` is written at `at` (the place
 * just after the inserted text): used to put the cursor inside a new part.
 */
export function after(at: Pos, inserted: string): Pos {
  const lastBreak = Math.max(inserted.lastIndexOf('\n'), inserted.lastIndexOf('\r'));
  if (lastBreak === -1) return { line: at.line, character: at.character + inserted.length };
  const breaks = inserted.match(/\r\n|\r|\n/g)?.length ?? 0;
  return { line: at.line + breaks, character: inserted.length - lastBreak - 1 };
}

/** An insertion at an offset. */
export function insertAt(lines: LineIndex, offset: number, newText: string): Fix['edits'][number] {
  const p = lines.pos(offset);
  return { range: { start: p, end: p }, newText };
}
