// `.starstories.yaml`: rule levels and options, the framework, include and
// exclude globs. Parsing is pure: the adapters read the files and hand the
// text in; a framework given as a path is resolved by the adapter too.

import { parse as parseYaml } from 'yaml';
import { AMAZON_FRAMEWORK, type Framework, type Principle } from './framework';
import { validateConfig, validateFramework } from './schemas';
import { RULES_BY_ID } from './rules';
import { distance } from 'fastest-levenshtein';

function closestRule(id: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const known of RULES_BY_ID.keys()) {
    const d = distance(id, known);
    if (d < bestD) {
      bestD = d;
      best = known;
    }
  }
  return bestD <= Math.max(2, id.length / 4) ? best : undefined;
}
import type { Level } from './types';

export type RuleOptions = Record<string, Record<string, unknown>>;

export interface Config {
  /** Level per rule id, where the user set one. */
  levels: Record<string, Level>;
  /** Options per rule id, as the user set them (defaults are merged by the rules). */
  options: RuleOptions;
  framework: Framework;
  /** A framework given as a path, for the adapter to load. */
  frameworkPath?: string;
  include: string[];
  exclude: string[];
  coverageTarget: number;
  storiesFolder: string;
}

export interface ConfigProblem {
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export function defaultConfig(): Config {
  return {
    levels: {},
    options: {},
    framework: AMAZON_FRAMEWORK,
    include: [],
    exclude: [],
    coverageTarget: 2,
    storiesFolder: 'stories',
  };
}

function yamlProblem(e: unknown, what: string): ConfigProblem {
  const err = e as { message?: string; linePos?: { line: number }[] };
  const line = err.linePos?.[0]?.line;
  const first = (err.message ?? String(e)).split('\n')[0]!.replace(/\s*at line \d+, column \d+:?\s*$/, '');
  const problem: ConfigProblem = { message: `${what} is not valid YAML: ${first}` };
  if (line !== undefined) problem.line = line;
  return problem;
}

/** Parse the text of a `.starstories.yaml`. Problems leave the defaults in place. */
export function parseConfig(text: string): { config: Config; problems: ConfigProblem[] } {
  const config = defaultConfig();
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    return { config, problems: [yamlProblem(e, '.starstories.yaml')] };
  }
  if (data === null || data === undefined) return { config, problems: [] };
  const problems = validateConfig(data).map((p) => ({ message: p.message }));
  if (problems.length) return { config, problems };
  const d = data as {
    rules?: Record<string, Level | ({ level?: Level } & Record<string, unknown>)>;
    framework?: string | { name?: string; principles: Partial<Principle>[] };
    include?: string[];
    exclude?: string[];
    coverage?: { target?: number };
    storiesFolder?: string;
  };
  for (const [id, setting] of Object.entries(d.rules ?? {})) {
    if (!RULES_BY_ID.has(id)) {
      const near = closestRule(id);
      problems.push({ message: `.starstories.yaml: unknown rule \`${id}\`${near ? ` (did you mean \`${near}\`?)` : ''}.` });
      continue;
    }
    if (typeof setting === 'string') config.levels[id] = setting;
    else {
      const { level, ...opts } = setting;
      if (level) config.levels[id] = level;
      config.options[id] = opts;
    }
  }
  if (typeof d.framework === 'string') config.frameworkPath = d.framework;
  else if (d.framework) config.framework = toFramework(d.framework);
  config.include = d.include ?? [];
  config.exclude = d.exclude ?? [];
  if (d.coverage?.target) config.coverageTarget = d.coverage.target;
  if (d.storiesFolder) config.storiesFolder = d.storiesFolder;
  return { config, problems };
}

function toFramework(d: { name?: string; principles: Partial<Principle>[] }): Framework {
  return {
    name: d.name ?? 'Custom framework',
    principles: d.principles.map((p) => ({
      name: p.name!,
      aliases: p.aliases ?? [],
      description: p.description ?? '',
      questions: p.questions ?? [],
    })),
  };
}

/** Parse a framework YAML file (schemas/framework.schema.json). */
export function parseFramework(text: string): { framework?: Framework; problems: ConfigProblem[] } {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true });
  } catch (e) {
    return { problems: [yamlProblem(e, 'The framework file')] };
  }
  const problems = validateFramework(data).map((p) => ({ message: p.message }));
  if (problems.length) return { problems };
  return { framework: toFramework(data as { name?: string; principles: Partial<Principle>[] }), problems: [] };
}
