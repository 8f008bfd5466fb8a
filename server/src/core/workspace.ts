// An in-memory workspace: per-file facts cached by URI (recomputed only for
// the file that changed), then a cheap pass across files for the workspace
// rules, levels from the configuration and suppression comments.

import { analyzeFile } from './analyze';
import { defaultConfig, type Config } from './config';
import { PrincipleMatcher } from './principles';
import { RULES, RULES_BY_ID, optionsFor } from './rules';
import type { Diagnostic, FileFacts, Finding, Level, Severity, Story, Suppression } from './types';

export interface CoverageStory {
  uri: string;
  title: string;
  range: Story['titleRange'];
}

export interface CoverageEntry {
  principle: string;
  description: string;
  stories: CoverageStory[];
  /** none, below (the target) or covered */
  state: 'none' | 'below' | 'covered';
}

export function isSuppressed(s: Suppression, rule: string, line: number): boolean {
  if (s.file.has('*') || s.file.has(rule)) return true;
  for (const r of s.ranges) if ((r.rule === '*' || r.rule === rule) && line >= r.startLine && line < r.endLine) return true;
  for (const n of s.nextLine) if ((n.rule === '*' || n.rule === rule) && n.line === line) return true;
  return false;
}

export class Workspace {
  private facts = new Map<string, FileFacts>();
  private texts = new Map<string, string>();
  private config: Config;
  private matcher: PrincipleMatcher;

  constructor(config: Config = defaultConfig()) {
    this.config = config;
    this.matcher = new PrincipleMatcher(config.framework);
  }

  getConfig(): Config {
    return this.config;
  }

  getMatcher(): PrincipleMatcher {
    return this.matcher;
  }

  /** Replace the configuration; every file is analysed again. */
  setConfig(config: Config): void {
    this.config = config;
    this.matcher = new PrincipleMatcher(config.framework);
    for (const [uri, text] of this.texts) this.facts.set(uri, this.analyze(uri, text));
  }

  private analyze(uri: string, text: string): FileFacts {
    return analyzeFile(uri, text, { matcher: this.matcher, ruleOptions: this.config.options });
  }

  /** Add or update a file; returns its facts. Unchanged text is not analysed again. */
  set(uri: string, text: string): FileFacts {
    const prev = this.facts.get(uri);
    if (prev && this.texts.get(uri) === text) return prev;
    const facts = this.analyze(uri, text);
    this.facts.set(uri, facts);
    this.texts.set(uri, text);
    return facts;
  }

  /** Keep facts computed elsewhere (e.g. in a worker), without the text. */
  setFacts(facts: FileFacts): void {
    this.facts.set(facts.uri, facts);
    this.texts.delete(facts.uri);
  }

  delete(uri: string): boolean {
    this.texts.delete(uri);
    return this.facts.delete(uri);
  }

  has(uri: string): boolean {
    return this.facts.has(uri);
  }

  get(uri: string): FileFacts | undefined {
    return this.facts.get(uri);
  }

  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  uris(): string[] {
    return [...this.facts.keys()];
  }

  files(): FileFacts[] {
    return [...this.facts.values()];
  }

  level(rule: string): Level {
    return this.config.levels[rule] ?? RULES_BY_ID.get(rule)?.meta.defaultSeverity ?? 'error';
  }

  /** Findings of the workspace rules, per URI. Linear in the number of stories. */
  workspaceFindings(): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const rule of RULES) {
      if (rule.scope !== 'workspace' || this.level(rule.meta.id) === 'off') continue;
      const found = rule.check({ files: this.facts.values(), options: optionsFor(rule, this.config.options) });
      for (const [uri, list] of found) {
        const prev = out.get(uri);
        if (prev) prev.push(...list);
        else out.set(uri, list);
      }
    }
    return out;
  }

  /**
   * Diagnostics of every file (an empty list for a clean one), with levels
   * applied and suppressed findings removed.
   */
  diagnostics(): Map<string, Diagnostic[]> {
    const cross = this.workspaceFindings();
    const out = new Map<string, Diagnostic[]>();
    for (const [uri, facts] of this.facts) out.set(uri, this.finish(facts, cross.get(uri) ?? []));
    return out;
  }

  /** Diagnostics of one file, given the workspace findings computed once. */
  diagnosticsFor(uri: string, cross?: Map<string, Finding[]>): Diagnostic[] {
    const facts = this.facts.get(uri);
    if (!facts) return [];
    return this.finish(facts, (cross ?? this.workspaceFindings()).get(uri) ?? []);
  }

  private finish(facts: FileFacts, cross: Finding[]): Diagnostic[] {
    if (facts.optedOut || (!facts.stories.length && !facts.findings.some((f) => f.rule === 'internal-error'))) return [];
    const out: Diagnostic[] = [];
    for (const f of [...facts.findings, ...cross]) {
      const level = this.level(f.rule);
      if (level === 'off') continue;
      if (isSuppressed(facts.suppression, f.rule, f.range.start.line)) continue;
      out.push({ ...f, severity: level as Severity });
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule));
    return out;
  }

  /** Every principle of the framework with the stories tagged with it. */
  coverage(): CoverageEntry[] {
    const byName = new Map<string, CoverageStory[]>(this.matcher.framework.principles.map((p) => [p.name, []]));
    for (const f of this.facts.values()) {
      for (const s of f.stories) {
        for (const tag of s.principles) byName.get(tag.name)?.push({ uri: f.uri, title: s.title, range: s.titleRange });
      }
    }
    const target = this.config.coverageTarget;
    return this.matcher.framework.principles.map((p) => {
      const stories = byName.get(p.name)!;
      return {
        principle: p.name,
        description: p.description,
        stories,
        state: stories.length === 0 ? 'none' : stories.length < target ? 'below' : 'covered',
      };
    });
  }
}
