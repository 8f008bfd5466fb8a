// The public face of the analysis core. Adapters (CLI, language server)
// import from here only.

export * from './types';
export { analyzeFile, stripBom, chunkBoundaries, principlesLineStart, type AnalyzeOptions, type ChunkScan } from './analyze';
export {
  Workspace,
  isSuppressed,
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
export {
  parseConfig,
  parseFramework,
  readConfigData,
  mergeConfig,
  defaultConfig,
  type Config,
  type ConfigLayer,
  type ConfigProblem,
  type RuleOptions,
} from './config';
export { lintFile, resolveRules, levelIn, readRuleSettings, LEVELS, type ActiveRule, type RuleSet } from './lint';
export { AMAZON_FRAMEWORK, type Framework, type Principle } from './framework';
export { PrincipleMatcher } from './principles';
export { RULES, RULES_BY_ID, type Rule, type RuleMeta, type OptionSchema, type FixContext } from './rules';
export { partNames } from './parts';
export { extractClaims, formatClaimValue } from './claims';
export { storyJson, fileReport, withFile, type JsonStory, type FileReport } from './report';
export { fixesFor, suppressionFixes, fixAll, applyEdits } from './fixes';
export { readiness, storyShape, spokenRange, type Readiness } from './readiness';
export {
  coverageResult,
  findingsIn,
  storyList,
  wordsPerMinute,
  type CoverageResult,
  type CoverageState,
  type CoverageStoryInfo,
  type PrincipleCoverage,
  type StoryInfo,
} from './views';
export { LineIndex } from './text';
export {
  answerQuestions,
  frameworkQuestions,
  isQuestionList,
  readQuestionList,
  type AnsweredQuestion,
  type AnswerStory,
  type Question,
} from './questions';
export {
  defaultLoop,
  planLoop,
  planOptions,
  resolveLoop,
  type Loop,
  type LoopInterviewer,
  type LoopPlan,
  type PlanInterviewer,
  type PlannedStory,
  type PlanOptions,
  type PlanSlot,
  type UnfilledSlot,
} from './plan';
export {
  contentTerms,
  spokenTerms,
  eventGroups,
  eventOf,
  eventOptions,
  eventSlug,
  DEFAULT_EVENT_THRESHOLD,
  DEFAULT_EVENT_MAX_STORIES,
  comparesWords,
  type EventGroup,
  type EventOptions,
  type EventPair,
  type EventStory,
} from './events';
export { sameSubject } from './subjects';
export {
  claimGroups,
  claimKey,
  comparable,
  contextOf,
  comparisonSets,
  type ClaimGroup,
  type ClaimContext,
  type Located,
} from './claim-groups';
export {
  practicePrompts,
  seededIndex,
  MAX_PROMPTS,
  THIN_WORDS,
  type PracticeContext,
  type PracticePrompt,
  type PromptKind,
  type PromptPart,
} from './practice';
export { coverageMatrix, matrixCell, type CoverageMatrix, type MatrixCell, type MatrixPrinciple, type MatrixStory } from './matrix';
export {
  escapeHtml,
  escapeMarkdown,
  matrixHtml,
  matrixMarkdown,
  safeHref,
  storyState,
  type MatrixHtmlOptions,
  type MatrixRenderOptions,
} from './report-html';
