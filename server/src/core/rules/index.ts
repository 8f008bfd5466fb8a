// The registry of rules. One rule, one file; a new rule is added to this list.

import { rule as actionShare } from './action-share';
import { rule as duplicateSection } from './duplicate-section';
import { rule as duplicateTitle } from './duplicate-title';
import { rule as emptySection } from './empty-section';
import { rule as frontmatterInvalid } from './frontmatter-invalid';
import { rule as metricArithmetic } from './metric-arithmetic';
import { rule as metricConflict } from './metric-conflict';
import { rule as missingPrinciples } from './missing-principles';
import { rule as missingSection } from './missing-section';
import { rule as recycledMetric } from './recycled-metric';
import type { Rule } from './rule';
import { rule as sectionOrder } from './section-order';
import { rule as storyLength } from './story-length';
import { rule as tooManyPrinciples } from './too-many-principles';
import { rule as unknownPrinciple } from './unknown-principle';
import { rule as unquantifiedResult } from './unquantified-result';
import { rule as weNotI } from './we-not-i';

export type { FixContext, OptionSchema, Rule, RuleMeta } from './rule';

// The order is the order of the rule tables in the docs and of SARIF's rule list.
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
] as readonly Rule[];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
