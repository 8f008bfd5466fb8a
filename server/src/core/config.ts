// `.starstories.yaml`: rule levels and options, the framework, include and
// exclude globs. Parsing is pure: the adapters read the files and hand the
// text in; a framework given as a path is resolved by the adapter too.

import { parse as parseYaml } from 'yaml';
import { AMAZON_FRAMEWORK, type Framework, type Principle } from './framework';
import { validateConfig, validateFramework } from './schemas';
import { readRuleSettings } from './lint';
import type { Level } from './types';

/** Options per rule id, as the user set them (each rule's defaults are merged by the lint step). */
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
  /** The interview loop as written (`loop:`), principle names not yet resolved; absent: the default loop (plan.ts). */
  loop?: { interviewers: { name: string; principles: string[] }[] };
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

/** What one source of configuration (the file, or the editor's settings) sets; unset keys are absent. */
export type ConfigLayer = Partial<Config>;

/** Parse the text of a `.starstories.yaml`. Problems leave the defaults in place. */
export function parseConfig(text: string): { config: Config; problems: ConfigProblem[]; layer: ConfigLayer } {
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, logLevel: 'error' });
  } catch (e) {
    return { config: defaultConfig(), problems: [yamlProblem(e, '.starstories.yaml')], layer: {} };
  }
  return readConfigData(data, '.starstories.yaml');
}

/**
 * Read configuration data (parsed YAML, or the editor's settings as an
 * object of the same shape). `where` names the source in messages.
 */
export function readConfigData(data: unknown, where: string): { config: Config; problems: ConfigProblem[]; layer: ConfigLayer } {
  const layer: ConfigLayer = {};
  if (data === null || data === undefined) return { config: defaultConfig(), problems: [], layer };
  // `rules` is checked against each rule's own option schemas (lint.ts), with messages that name the rule and the option
  const problems: ConfigProblem[] = validateConfig(data, where)
    .filter((p) => p.key !== 'rules')
    .map((p) => ({ message: p.message }));
  if (problems.length || typeof data !== 'object' || Array.isArray(data)) return { config: defaultConfig(), problems, layer };
  const d = data as {
    rules?: unknown;
    framework?: string | { name?: string; principles: Partial<Principle>[] };
    include?: string[];
    exclude?: string[];
    coverage?: { target?: number };
    storiesFolder?: string;
    loop?: Config['loop'];
  };
  // a rule with a problem keeps its defaults; the other rules and settings still apply
  const rules = readRuleSettings(d.rules, where);
  problems.push(...rules.problems.map((message) => ({ message })));
  if (d.rules !== undefined) {
    layer.levels = rules.settings.levels;
    layer.options = rules.settings.options;
  }
  if (typeof d.framework === 'string') layer.frameworkPath = d.framework;
  else if (d.framework) layer.framework = toFramework(d.framework);
  if (d.include) layer.include = d.include;
  if (d.exclude) layer.exclude = d.exclude;
  if (d.coverage?.target) layer.coverageTarget = d.coverage.target;
  if (d.storiesFolder) layer.storiesFolder = d.storiesFolder;
  if (d.loop) layer.loop = d.loop;
  return { config: mergeConfig(layer), problems, layer };
}

/**
 * The configuration in force: the defaults, then each layer in turn (the
 * editor's settings, then the file, which CI reads too). Levels and options
 * merge rule by rule; a framework given inline replaces a path and the
 * other way round; globs and the rest replace.
 */
export function mergeConfig(...layers: ConfigLayer[]): Config {
  const config = defaultConfig();
  for (const l of layers) {
    if (l.levels) config.levels = { ...config.levels, ...l.levels };
    if (l.options) {
      const options = { ...config.options };
      for (const [id, o] of Object.entries(l.options)) options[id] = { ...(options[id] ?? {}), ...o };
      config.options = options;
    }
    if (l.framework) {
      config.framework = l.framework;
      delete config.frameworkPath;
    }
    if (l.frameworkPath) config.frameworkPath = l.frameworkPath;
    if (l.include?.length) config.include = l.include;
    if (l.exclude?.length) config.exclude = l.exclude;
    if (l.coverageTarget !== undefined) config.coverageTarget = l.coverageTarget;
    if (l.storiesFolder !== undefined) config.storiesFolder = l.storiesFolder;
    if (l.loop) config.loop = l.loop;
  }
  return config;
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
    data = parseYaml(text, { prettyErrors: true, logLevel: 'error' });
  } catch (e) {
    return { problems: [yamlProblem(e, 'The framework file')] };
  }
  const problems = validateFramework(data).map((p) => ({ message: p.message }));
  if (problems.length) return { problems };
  return { framework: toFramework(data as { name?: string; principles: Partial<Principle>[] }), problems: [] };
}
