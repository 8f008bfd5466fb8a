// The "Principle Coverage" view, a plan: every principle of the framework,
// the ones that need a story first (no story, then below the target of ready
// stories, then met), gaps in the theme's warning colour, an inline "New Story
// for this principle" action, and each tagged story underneath with its state
// (ready, or what it lacks, and its findings).

import * as vscode from 'vscode';
import type { CoverageResult, CoverageStoryInfo, PrincipleCoverage } from '../../server/src/protocol';
import { openAtCommand, plural } from './ranges';

export type CoverageNode = { kind: 'principle'; principle: PrincipleCoverage; target: number } | { kind: 'story'; principle: string; story: CoverageStoryInfo };

/** The command behind each principle row's inline action (a tree node or a principle's name as argument). */
export const NEW_STORY_FOR_PRINCIPLE = 'starStories.newStoryForPrinciple';

/** Gaps (no story, below the target) are drawn in the theme's warning colour, never like search matches. */
const WARNING = new vscode.ThemeColor('problemsWarningIcon.foreground');
const STATE_ICON: Record<PrincipleCoverage['state'], vscode.ThemeIcon> = {
  none: new vscode.ThemeIcon('circle-large-outline', WARNING),
  below: new vscode.ThemeIcon('warning', WARNING),
  met: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};
const NEED: Record<PrincipleCoverage['state'], number> = { none: 0, below: 1, met: 2 };

/** The scheme of the resource each principle row carries, so a decoration can colour a gap's label. */
const SCHEME = 'star-stories-coverage';

/** How a principle stands, in a few words: "no story yet", "1 of 2 ready · 3 tagged", "2 ready · 2 tagged". */
export function principleDescription(p: PrincipleCoverage, target: number): string {
  if (p.state === 'none' || p.count === 0) return 'no story yet';
  const ready = p.ready;
  return p.state === 'below' ? `${ready} of ${target} ready · ${p.count} tagged` : `${ready} ready · ${p.count} tagged`;
}

/** A story's state, in a few words: "ready", "no Task · 2 findings", "too short". */
export function storyDescription(s: CoverageStoryInfo): string {
  const state = s.ready ? 'ready' : s.why.length ? s.why.map((w) => w.replace(/ \(.*\)$/, '')).join(' · ') : 'not ready';
  return s.findings ? `${state} · ${plural(s.findings, 'finding', 'findings')}` : state;
}

/** Principles in the order of need: no story, then below the target (fewer ready first), then met; framework order within each. */
export function byNeed(principles: readonly PrincipleCoverage[]): PrincipleCoverage[] {
  return principles
    .map((p, i) => ({ p, i }))
    .sort((a, b) => NEED[a.p.state] - NEED[b.p.state] || a.p.ready - b.p.ready || a.i - b.i)
    .map((x) => x.p);
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private result: CoverageResult | undefined;

  /** The CoverageResult the view shows now (undefined before the server has sent one). */
  get data(): CoverageResult | undefined {
    return this.result;
  }

  /**
   * Replace the data. Every principle is listed, with or without stories (the
   * view is the plan of what to write next); `hasStories` is kept for callers.
   */
  update(result: CoverageResult | undefined, _hasStories?: boolean): void {
    this.result = result;
    this.changed.fire(undefined);
    this.decorationsChanged.fire(undefined);
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    const result = this.result;
    if (!result) return [];
    if (!node) return byNeed(result.principles).map((principle) => ({ kind: 'principle', principle, target: result.target }));
    if (node.kind === 'principle') {
      // ready stories first, then the ones that need work
      const stories = [...node.principle.stories].sort((a, b) => Number(b.ready) - Number(a.ready));
      return stories.map((story) => ({ kind: 'story', principle: node.principle.principle, story }));
    }
    return [];
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    if (node.kind === 'principle') {
      const p = node.principle;
      const item = new vscode.TreeItem(
        { label: p.principle },
        p.stories.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `principle:${p.principle}`;
      // the row's resource: FileDecorationProvider colours a gap's label with the theme's warning colour
      item.resourceUri = vscode.Uri.from({ scheme: SCHEME, path: `/${p.state}/${encodeURIComponent(p.principle)}` });
      item.description = principleDescription(p, node.target);
      item.iconPath = STATE_ICON[p.state] ?? STATE_ICON.none;
      item.contextValue = `principle.${p.state}`;
      item.tooltip = principleTooltip(p, node.target);
      item.accessibilityInformation = { label: `${p.principle}: ${item.description}` };
      return item;
    }
    const s = node.story;
    const item = new vscode.TreeItem(s.title || '(untitled story)', vscode.TreeItemCollapsibleState.None);
    item.id = `principle:${node.principle}:${s.uri}:${s.range.start.line}`;
    item.description = storyDescription(s);
    item.iconPath = s.ready ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('edit', WARNING);
    item.tooltip = storyTooltip(s);
    // the cursor on the story's title, nothing selected (one keystroke must not replace the story)
    item.command = openAtCommand(s.uri, { start: s.range.start, end: s.range.start });
    item.contextValue = s.ready ? 'story.ready' : 'story.draft';
    item.accessibilityInformation = { label: `${s.title}: ${item.description}` };
    return item;
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== SCHEME) return undefined;
    const state = uri.path.split('/')[1];
    if (state === 'none') return { color: new vscode.ThemeColor('list.warningForeground'), tooltip: 'No story yet' };
    if (state === 'below') return { color: new vscode.ThemeColor('list.warningForeground'), tooltip: 'Below the target of ready stories' };
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
    this.decorationsChanged.dispose();
  }
}

/** A principle's tooltip: its description, then its counts and stories as a list. */
function principleTooltip(p: PrincipleCoverage, target: number): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**${escapeMd(p.principle)}**\n\n`);
  if (p.description) tip.appendMarkdown(`${escapeMd(p.description)}\n\n`);
  if (p.count === 0) {
    tip.appendMarkdown(`No story yet (target: ${plural(target, 'ready story', 'ready stories')}).`);
    return tip;
  }
  tip.appendMarkdown(`- Tagged: ${plural(p.count, 'story', 'stories')}\n`);
  tip.appendMarkdown(`- Ready: ${p.ready} (target: ${target})\n\n`);
  for (const s of p.stories) tip.appendMarkdown(`- ${s.ready ? '✓' : '✗'} ${escapeMd(s.title)}${s.ready ? '' : `: ${s.why.map(escapeMd).join('; ')}`}\n`);
  return tip;
}

/** A story's tooltip: where it is, ready or what it lacks, as a list. */
function storyTooltip(s: CoverageStoryInfo): vscode.MarkdownString {
  const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri), false)}:${s.range.start.line + 1}`;
  const tip = new vscode.MarkdownString();
  tip.appendMarkdown(`**${escapeMd(s.title)}**  \n${escapeMd(where)}\n\n`);
  if (s.ready) tip.appendMarkdown('Ready to tell: all four parts, a number in the Result, a spoken length in range.\n\n');
  else {
    tip.appendMarkdown('Not ready yet:\n\n');
    for (const w of s.why) tip.appendMarkdown(`- ${escapeMd(w)}\n`);
    tip.appendMarkdown('\n');
  }
  if (s.findings !== undefined) tip.appendMarkdown(`${plural(s.findings, 'finding', 'findings')} in the Problems panel.`);
  return tip;
}

/** The principle a "New Story for this principle" action was given: a tree node or a name. */
export function principleOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as Partial<CoverageNode> | undefined;
  if (node?.kind === 'principle' && node.principle) return node.principle.principle;
  if (node?.kind === 'story' && typeof node.principle === 'string') return node.principle;
  return undefined;
}

/** The view's own command and decorations: "New Story for this principle" calls `starStories.newStory(principle)`. */
export function coverageViewParts(provider: CoverageTreeProvider): vscode.Disposable[] {
  return [
    vscode.window.registerFileDecorationProvider(provider),
    vscode.commands.registerCommand(NEW_STORY_FOR_PRINCIPLE, (arg?: unknown) => vscode.commands.executeCommand('starStories.newStory', principleOf(arg))),
  ];
}

export function escapeMd(text: string): string {
  // line breaks as spaces; `&` (entities), `~` and `:` (bare URLs become links) escaped as well
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&~:]/g, (c) => `\\${c}`);
}
