// The custom requests and notifications between the STAR Stories language
// server and its clients (the VS Code extension; any LSP client may use them).
// This is the one place they are defined: client and server both import it.
// (The server registers handlers by `.method`: vscode-languageserver carries
// its own copy of the protocol package, whose classes TypeScript sees as
// different types.)

import { NotificationType, RequestType0, type Range } from 'vscode-languageserver-protocol';
import type { MetricClaimInfo, MetricGroup } from './core';

export type CoverageState = 'none' | 'below' | 'covered';

export interface CoverageStoryInfo {
  uri: string;
  title: string;
  /** Where the story starts; a client opens the story here. */
  range: Range;
}

export interface PrincipleCoverage {
  principle: string;
  description: string;
  count: number;
  /** none: no story; below: fewer than the target; covered: at least the target. */
  state: CoverageState;
  stories: CoverageStoryInfo[];
}

export interface CoverageResult {
  framework: string;
  /** Stories wanted per principle (setting `coverage.target`, default 2). */
  target: number;
  /** Principles with at least one story. */
  covered: number;
  total: number;
  principles: PrincipleCoverage[];
}

/** `starStories/coverage`: every principle of the framework with its stories. */
export const CoverageRequest = new RequestType0<CoverageResult, void>('starStories/coverage');

/** `starStories/coverageChanged` (server to client): sent when coverage or the list of stories changes. */
export const CoverageChangedNotification = new NotificationType<CoverageResult>('starStories/coverageChanged');

export interface StoryInfo {
  uri: string;
  title: string;
  /** The story's title (heading, pseudo-heading or frontmatter title). */
  range: Range;
  principles: string[];
  /** Parts present, in S, T, A, R terms. */
  parts: ('situation' | 'task' | 'action' | 'result')[];
  words: number;
  /** Diagnostics of the file that fall inside this story. */
  findings: number;
}

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
} as const;

/** A claim in the Metrics view (the core's MetricClaimInfo: where, what, value, flags). */
export type MetricClaim = MetricClaimInfo;

/** Claims about one subject within one context (company or file URI), with a status. */
export type MetricSubject = MetricGroup;

/** `starStories/metrics`: every claim grouped by subject, conflicts first. Refresh on coverageChanged. */
export const MetricsRequest = new RequestType0<MetricSubject[], void>('starStories/metrics');
