// The lint step: rules run over facts, with each rule's level and options
// resolved once from the configuration (defaults merged here and nowhere
// else). Analysis (analyze.ts) never runs a rule, so a configuration change
// re-runs rules over the facts it already has and parses nothing again.

import { distance } from 'fastest-levenshtein';
import { RULES, RULES_BY_ID } from './rules';
import { typeOf } from './schemas';
import type { OptionSchema, Rule } from './rules/rule';
import type { FileFacts, Finding, Level } from './types';

export const LEVELS: readonly Level[] = ['off', 'error', 'warning', 'information', 'hint'];

/** A rule as the configuration sets it: its level and its options, defaults merged. */
export interface ActiveRule {
  rule: Rule;
  level: Level;
  options: Record<string, unknown>;
}

/** Every rule with its level and options, resolved once per configuration. */
export interface RuleSet {
  readonly list: readonly ActiveRule[];
  readonly byId: ReadonlyMap<string, ActiveRule>;
}

/** Merge the configuration's levels and options over each rule's defaults. */
export function resolveRules(config: RuleSettings): RuleSet {
  const list = RULES.map(
    (rule): ActiveRule => ({
      rule,
      level: config.levels[rule.meta.id] ?? rule.meta.defaultSeverity,
      options: { ...rule.meta.defaultOptions, ...(config.options[rule.meta.id] ?? {}) },
    }),
  );
  return { list, byId: new Map(list.map((a) => [a.rule.meta.id, a])) };
}

/** The level a finding of `rule` is shown at; an id no rule has (`internal-error`) is an error. */
export function levelIn(rules: RuleSet, rule: string): Level {
  return rules.byId.get(rule)?.level ?? 'error';
}

/**
 * The findings of the story- and file-scope rules over one file's facts
 * (levels and suppression are applied later, with the cross-file findings).
 * A file with no story gets none, but a file too large to read gets its
 * `read-limit` note; a file analysis failed on gets one `internal-error`.
 */
export function lintFile(facts: FileFacts, rules: RuleSet): Finding[] {
  if (facts.internalError) {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [{ rule: 'internal-error', message: facts.internalError, range: zero }];
  }
  if (!facts.stories.length) {
    // a file too large to read at all is told so (its one problem); any other file with no story gets nothing
    if (!facts.problems.some((p) => p.limit === 'file')) return [];
    const active = rules.list.find((r) => r.rule.meta.id === 'read-limit' && r.level !== 'off');
    return active?.rule.scope === 'file' ? active.rule.check({ facts, options: active.options }) : [];
  }
  const out: Finding[] = [];
  for (const { rule, level, options } of rules.list) {
    if (level === 'off') continue;
    if (rule.scope === 'story') {
      for (const story of facts.stories) out.push(...rule.check({ story, facts, options }));
    } else if (rule.scope === 'file') {
      out.push(...rule.check({ facts, options }));
    }
  }
  return out;
}

// ------------------------------------------------------------ validation

function describeValue(v: unknown): string {
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : typeOf(v);
}

function expected(s: OptionSchema): string {
  switch (s.type) {
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return '`true` or `false`';
    case 'string':
      return 'text';
    case 'array':
      return 'a list of words';
  }
}

/** Whether `v` fits `s`; the reason when it does not. */
function checkOption(s: OptionSchema, v: unknown): string | undefined {
  const typed =
    s.type === 'number'
      ? typeof v === 'number' && Number.isFinite(v)
      : s.type === 'integer'
        ? Number.isInteger(v)
        : s.type === 'boolean'
          ? typeof v === 'boolean'
          : s.type === 'string'
            ? typeof v === 'string'
            : Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length >= (s.items?.minLength ?? 0));
  if (!typed) return `must be ${expected(s)}, not ${describeValue(v)}`;
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return `must be at least ${s.minimum}, not ${v}`;
    if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) return `must be more than ${s.exclusiveMinimum}, not ${v}`;
    if (s.maximum !== undefined && v > s.maximum) return `must be at most ${s.maximum}, not ${v}`;
  }
  return undefined;
}

function closest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, word.length / 4) ? best : undefined;
}

export interface RuleSettings {
  levels: Record<string, Level>;
  options: Record<string, Record<string, unknown>>;
}

/**
 * Read the `rules` mapping of a configuration (`.starstories.yaml` or the
 * editor's settings): each rule's level and options, checked against the
 * rule's own option schemas. Every problem names the rule, the option and
 * what was expected; a rule with a problem keeps its defaults.
 */
export function readRuleSettings(rules: unknown, where: string): { settings: RuleSettings; problems: string[] } {
  const settings: RuleSettings = { levels: {}, options: {} };
  const problems: string[] = [];
  if (rules === undefined || rules === null) return { settings, problems };
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    problems.push(`${where}: \`rules\` must be a mapping of rule ids to levels or options, not ${describeValue(rules)}.`);
    return { settings, problems };
  }
  const levelList = LEVELS.map((l) => `\`${l}\``).join(', ');
  for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
    const rule = RULES_BY_ID.get(id);
    if (!rule) {
      const near = closest(id, RULES_BY_ID.keys());
      problems.push(`${where}: unknown rule \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}.`);
      continue;
    }
    if (typeof setting === 'string') {
      if (LEVELS.includes(setting as Level)) settings.levels[id] = setting as Level;
      else problems.push(`${where}: \`rules.${id}\` must be one of ${levelList}, not ${describeValue(setting)}.`);
      continue;
    }
    if (!setting || typeof setting !== 'object' || Array.isArray(setting)) {
      problems.push(`${where}: \`rules.${id}\` must be a level (${levelList}) or a mapping of \`level\` and options, not ${describeValue(setting)}.`);
      continue;
    }
    const schema = rule.meta.optionsSchema as Record<string, OptionSchema>;
    const names = Object.keys(schema);
    const options: Record<string, unknown> = {};
    let ok = true;
    for (const [key, value] of Object.entries(setting as Record<string, unknown>)) {
      if (key === 'level') {
        if (LEVELS.includes(value as Level)) settings.levels[id] = value as Level;
        else {
          problems.push(`${where}: \`rules.${id}.level\` must be one of ${levelList}, not ${describeValue(value)}.`);
          ok = false;
        }
        continue;
      }
      const s = schema[key];
      if (!s) {
        const near = closest(key, names);
        const known = names.length ? `its options are ${names.map((n) => `\`${n}\``).join(', ')}` : 'it has no options';
        problems.push(`${where}: rule \`${id}\` has no option \`${key}\`${near ? ` (did you mean \`${near}\`?)` : ''}; ${known}.`);
        ok = false;
        continue;
      }
      const why = checkOption(s, value);
      if (why) {
        problems.push(`${where}: option \`${key}\` of rule \`${id}\` ${why}.`);
        ok = false;
        continue;
      }
      options[key] = value;
    }
    if (ok && Object.keys(options).length) settings.options[id] = options;
  }
  return { settings, problems };
}
