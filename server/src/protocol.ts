// The custom requests and notifications between the STAR Stories language
// server and its clients (the VS Code extension; any LSP client may use them).
// This is the one place they are defined: client and server both import it.
// (The server registers handlers by `.method`: vscode-languageserver carries
// its own copy of the protocol package, whose classes TypeScript sees as
// different types.)

import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CoverageMatrix, CoverageResult, LoopPlan, MetricClaimInfo, MetricGroup, StoryInfo } from './core';

export type {
  CoverageMatrix,
  MatrixCell,
  MatrixPrinciple,
  MatrixStory,
  CoverageResult,
  CoverageState,
  CoverageStoryInfo,
  LoopPlan,
  PlannedStory,
  PlanSlot,
  PrincipleCoverage,
  StoryInfo,
  UnfilledSlot,
} from './core';

/**
 * The client's settings under `starStories` (package.json `contributes.configuration`),
 * as the server pulls them with `workspace/configuration`. `.starstories.yaml` wins
 * where both speak.
 */
export interface Settings {
  rules?: Record<string, unknown>;
  /** Levels per rule id (the Settings editor's drop-downs), merged under `rules` (see loadConfig). */
  ruleLevels?: Record<string, string>;
  framework?: string;
  include?: string[];
  exclude?: string[];
  coverage?: { target?: number };
  storiesFolder?: string;
}

/** `starStories/coverage`: every principle of the framework with its stories. */
export const CoverageRequest = new RequestType0<CoverageResult, void>('starStories/coverage');

/** `starStories/coverageChanged` (server to client): sent when coverage or the list of stories changes. */
export const CoverageChangedNotification = new NotificationType<CoverageResult>('starStories/coverageChanged');

/** `starStories/stories`: every story of the workspace, by file and position. */
export const StoriesRequest = new RequestType0<StoryInfo[], void>('starStories/stories');

export interface CheckWorkspaceResult {
  files: number;
  stories: number;
  diagnostics: number;
}

/** `starStories/checkWorkspace`: read every story file from disk again and republish all diagnostics. */
export const CheckWorkspaceRequest = new RequestType0<CheckWorkspaceResult, void>('starStories/checkWorkspace');

/** Command ids the server's code actions and code lenses use; the VS Code client implements them. */
export const Commands = {
  showCoverage: 'starStories.showCoverage',
  newStory: 'starStories.newStory',
  insertSkeleton: 'starStories.insertSkeleton',
  checkWorkspace: 'starStories.checkWorkspace',
  /** `(uri, position)`: open the file with the cursor at `position` and nothing selected (stories in views, part lenses). */
  openStory: 'starStories.openStory',
  /** `(principles: string[])`: show Principle Coverage with those principles revealed and selected. */
  showCoverageFor: 'starStories.showCoverageFor',
  /** Put the cursor at a position of a document (uri, { line, character }): run after a quick fix that adds a part. */
  revealPosition: 'starStories.revealPosition',
  planLoop: 'starStories.planLoop',
  /**
   * `(uri, title, items: PracticeItem[])`: the story's follow-up questions (the
   * "N follow-ups" code lens); picking one opens the place it cites.
   */
  showPractice: 'starStories.showPractice',
  /** Open the Coverage Matrix webview (the principle × story matrix, live). */
  showCoverageMatrix: 'starStories.showCoverageMatrix',
} as const;

/** A practice prompt as the "N follow-ups" lens carries it (core/practice.ts). */
export interface PracticeItem {
  question: string;
  kind: string;
  /** Where it cites, as a reader names it: "Result, line 22". */
  cited: string;
  /** The text it cites. */
  quote: string;
  /** The start of the cited text (0-based). */
  position: { line: number; character: number };
}

/** A claim in the Metrics view (the core's MetricClaimInfo: where, what, value, flags). */
export type MetricClaim = MetricClaimInfo;

/** Claims about one subject within one context (company or file URI), with a status. */
export type MetricSubject = MetricGroup;

/** `starStories/metrics`: every claim grouped by subject, conflicts first. Refresh on coverageChanged. */
export const MetricsRequest = new RequestType0<MetricSubject[], void>('starStories/metrics');

/**
 * `starStories/plan`: the loop plan (core/plan.ts): each interviewer of the
 * configured loop (or the default one) with a story and a backup per
 * principle, each event told once; the slots that cannot be filled and why;
 * loop principles that name none of the framework. Refresh on coverageChanged.
 */
export type PlanResult = LoopPlan & { unknownPrinciples: string[] };
export const PlanRequest = new RequestType0<PlanResult, void>('starStories/plan');

/** How the server renders the matrix as a page (core/report-html.ts), besides the data. */
export interface MatrixHtmlParams {
  /** `webview`: links post a message, file names relative to the workspace; `report`: the CLI's page, links relative to `folder`. */
  mode: 'webview' | 'report';
  /** The CSP nonce of the page's style and script (the webview's; a report makes its own). */
  nonce?: string;
  /** The webview's `cspSource`. */
  cspSource?: string;
  /** A report's folder (a file system path): its links and file names are relative to it. */
  folder?: string;
}

export interface MatrixParams {
  html?: MatrixHtmlParams;
}

export interface MatrixResult {
  matrix: CoverageMatrix;
  /** The page, when asked for (`html`). */
  html?: string;
}

/**
 * `starStories/matrix`: the coverage matrix (core/matrix.ts: principles by
 * need × stories by event, each cell ready, tagged or weak, each story with its
 * findings by level), and the page when asked. Refresh on coverageChanged.
 */
export const MatrixRequest = new RequestType<MatrixParams | null, MatrixResult, void>('starStories/matrix');
