// The registry of rules. One rule, one file; add new rules here.

import type { FileFacts, Finding } from '../types';
import type { RuleOptions } from '../config';
import type { PrincipleMatcher } from '../principles';
import type { ReadProblem } from '../analyze';
import type { Rule } from './rule';
import { rule as missingSection } from './missing-section';
import { rule as emptySection } from './empty-section';
import { rule as sectionOrder } from './section-order';
import { rule as duplicateSection } from './duplicate-section';
import { rule as unquantifiedResult } from './unquantified-result';
import { rule as missingPrinciples } from './missing-principles';
import { rule as unknownPrinciple } from './unknown-principle';
import { rule as tooManyPrinciples } from './too-many-principles';
import { rule as storyLength } from './story-length';
import { rule as actionShare } from './action-share';
import { rule as weNotI } from './we-not-i';
import { rule as frontmatterInvalid } from './frontmatter-invalid';
import { rule as duplicateTitle } from './duplicate-title';
import { rule as metricConflict } from './metric-conflict';
import { rule as recycledMetric } from './recycled-metric';
import { rule as metricArithmetic } from './metric-arithmetic';

export type { Rule, RuleMeta } from './rule';

export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  sectionOrder,
  duplicateSection,
  unquantifiedResult,
  missingPrinciples,
  unknownPrinciple,
  tooManyPrinciples,
  storyLength,
  actionShare,
  weNotI,
  frontmatterInvalid,
  duplicateTitle,
  metricConflict,
  recycledMetric,
  metricArithmetic,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

export function optionsFor(rule: Rule, options: RuleOptions): Record<string, unknown> {
  return { ...rule.meta.options, ...(options[rule.meta.id] ?? {}) };
}

/** Run the story- and file-scope rules over one file's facts. */
export function runFileRules(
  facts: FileFacts,
  ctx: { problems: ReadProblem[]; options: RuleOptions; matcher: PrincipleMatcher },
): Finding[] {
  const out: Finding[] = [];
  for (const rule of RULES) {
    const options = optionsFor(rule, ctx.options);
    if (rule.scope === 'story') {
      for (const story of facts.stories) out.push(...rule.check({ story, facts, options, matcher: ctx.matcher }));
    } else if (rule.scope === 'file') {
      out.push(...rule.check({ facts, problems: ctx.problems, options }));
    }
  }
  return out;
}
