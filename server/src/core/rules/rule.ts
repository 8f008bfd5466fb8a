// What a rule is: an id, metadata, and a check over plain facts.

import type { PrincipleMatcher } from '../principles';
import type { FileFacts, Finding, Range, Severity, Story } from '../types';
import type { ReadProblem } from '../analyze';

export const DOCS_BASE = 'https://github.com/star-stories/star-stories/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Option defaults; the configuration overrides them. */
  options: Record<string, unknown>;
  docs: string;
  /** A quick fix exists for this rule's diagnostics. */
  fixable: boolean;
}

export interface StoryContext {
  story: Story;
  facts: FileFacts;
  options: Record<string, unknown>;
  matcher: PrincipleMatcher;
}

export interface FileContext {
  facts: FileFacts;
  problems: ReadProblem[];
  options: Record<string, unknown>;
}

/** A finding of a workspace rule, under the key (see `keys`) it belongs to. */
export type KeyedFinding = Finding & { key: string };

export interface WorkspaceContext {
  files: Iterable<FileFacts>;
  options: Record<string, unknown>;
  /** Only report groups under these keys (see `keys`); all when absent. */
  keys?: ReadonlySet<string>;
}

export type Rule =
  | { meta: RuleMeta; scope: 'story'; check(ctx: StoryContext): Finding[] }
  | { meta: RuleMeta; scope: 'file'; check(ctx: FileContext): Finding[] }
  | {
      meta: RuleMeta;
      scope: 'workspace';
      /**
       * The keys a file's stories are compared under (a title; a context
       * and head noun): files sharing no key never affect each other, so an
       * edit re-runs the rule only for the keys of the file that changed.
       * Each finding carries its key so that one check serves all the keys
       * an edit touched.
       */
      keys(facts: FileFacts): string[];
      check(ctx: WorkspaceContext): Map<string, KeyedFinding[]>;
    };

export function meta(id: string, m: Omit<RuleMeta, 'id' | 'docs' | 'options' | 'fixable'> & Partial<Pick<RuleMeta, 'options' | 'fixable'>>): RuleMeta {
  return { id, docs: `${DOCS_BASE}${id}.md`, options: {}, fixable: false, ...m };
}

export function finding(rule: string, range: Range, message: string, data?: Record<string, unknown>): Finding {
  const f: Finding = { rule, range, message };
  if (data) f.data = data;
  return f;
}

export function num(options: Record<string, unknown>, key: string, fallback: number): number {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
