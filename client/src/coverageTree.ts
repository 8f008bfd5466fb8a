// The "Principle Coverage" view: every principle of the framework, how many
// stories back it, and those stories underneath.

import * as vscode from 'vscode';
import type { CoverageResult, CoverageStoryInfo, PrincipleCoverage } from '../../server/src/protocol';
import { openAtCommand, plural } from './ranges';

export type CoverageNode = { kind: 'principle'; principle: PrincipleCoverage; target: number } | { kind: 'story'; principle: string; story: CoverageStoryInfo };

const STATE_ICON: Record<PrincipleCoverage['state'], vscode.ThemeIcon> = {
  none: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  below: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  met: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};

export function principleDescription(p: PrincipleCoverage, target: number): string {
  if (p.state === 'none' || p.count === 0) return 'no story yet';
  const count = plural(p.count, 'story', 'stories');
  return p.state === 'below' ? `${count} (target ${target})` : count;
}

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: CoverageResult | undefined;
  private showEmpty = false;

  /** The CoverageResult the view shows now (undefined before the server has sent one). */
  get data(): CoverageResult | undefined {
    return this.result;
  }

  /**
   * Replace the data. With `hasStories` false the view lists nothing, so its
   * welcome content (a "Create a Story" button) shows instead.
   */
  update(result: CoverageResult | undefined, hasStories: boolean): void {
    this.result = result;
    this.showEmpty = !hasStories;
    this.changed.fire(undefined);
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    const result = this.result;
    if (!result) return [];
    if (!node) {
      if (this.showEmpty) return [];
      return result.principles.map((principle) => ({ kind: 'principle', principle, target: result.target }));
    }
    if (node.kind === 'principle') {
      return node.principle.stories.map((story) => ({ kind: 'story', principle: node.principle.principle, story }));
    }
    return [];
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    if (node.kind === 'principle') {
      const p = node.principle;
      const label: vscode.TreeItemLabel = p.state === 'none' ? { label: p.principle, highlights: [[0, p.principle.length]] } : { label: p.principle };
      const item = new vscode.TreeItem(label, p.stories.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `principle:${p.principle}`;
      item.description = principleDescription(p, node.target);
      item.iconPath = STATE_ICON[p.state] ?? STATE_ICON.none;
      item.contextValue = `principle.${p.state}`;
      const tip = new vscode.MarkdownString();
      tip.appendMarkdown(`**${escapeMd(p.principle)}**\n\n`);
      if (p.description) tip.appendMarkdown(`${escapeMd(p.description)}\n\n`);
      tip.appendMarkdown(p.count === 0 ? `No story yet (target: ${node.target}).` : `${plural(p.count, 'story', 'stories')}; target ${node.target}.`);
      item.tooltip = tip;
      item.accessibilityInformation = { label: `${p.principle}, ${item.description}` };
      return item;
    }
    const s = node.story;
    const item = new vscode.TreeItem(s.title || '(untitled story)', vscode.TreeItemCollapsibleState.None);
    item.id = `principle:${node.principle}:${s.uri}:${s.range.start.line}`;
    item.description = vscode.workspace.asRelativePath(vscode.Uri.parse(s.uri), false);
    item.iconPath = new vscode.ThemeIcon('book');
    item.tooltip = `${s.title}\n${item.description}:${s.range.start.line + 1}`;
    item.command = openAtCommand(s.uri, s.range);
    item.contextValue = 'story';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function escapeMd(text: string): string {
  // line breaks as spaces; `&` (entities), `~` and `:` (bare URLs become links) escaped as well
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>&~:]/g, (c) => `\\${c}`);
}
