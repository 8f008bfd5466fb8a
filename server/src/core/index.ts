// The public face of the analysis core. Adapters (CLI, language server)
// import from here only.

export * from './types';
export { analyzeFile, stripBom, chunkBoundaries, type AnalyzeOptions, type ChunkScan } from './analyze';
export {
  Workspace,
  isSuppressed,
  levelOf,
  runWorkspaceRules,
  finishDiagnostics,
  computeCoverage,
  crossFileView,
  computeMetrics,
  type MetricGroup,
  type MetricClaimInfo,
  type CoverageEntry,
  type CoverageStory,
} from './workspace';
export { parseConfig, parseFramework, defaultConfig, type Config, type ConfigProblem, type RuleOptions } from './config';
export { AMAZON_FRAMEWORK, type Framework, type Principle } from './framework';
export { PrincipleMatcher } from './principles';
export { RULES, RULES_BY_ID, type Rule, type RuleMeta } from './rules';
export { partNames, partLabel } from './parts';
export { extractClaims, formatClaimValue } from './claims';
export { storyJson, fileReport, withFile, type JsonStory, type FileReport } from './report';
