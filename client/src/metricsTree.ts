// The "Metrics" view: every metric claim grouped by what it measures,
// conflicts first, then numbers recycled across stories.

import * as vscode from 'vscode';
import type { MetricClaim, MetricSubject } from '../../server/src/protocol';
import { formatClaimValue } from '../../server/src/core';
import { escapeMd } from './coverageTree';
import { openAtCommand, plural } from './ranges';

type Node = { kind: 'subject'; subject: MetricSubject } | { kind: 'claim'; claim: MetricClaim; subject: MetricSubject };

/** The Metrics view lists only percentages, changes, multiples and money, so the shared formatter fits. */
export const claimValue = (c: MetricClaim): string => formatClaimValue(c);

function contextLabel(context: string): string {
  return /^[a-z]+:\/\//.test(context) ? vscode.workspace.asRelativePath(vscode.Uri.parse(context), false) : context;
}

export class MetricsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: MetricSubject[] | undefined;

  /** The groups the view shows now (undefined before the server has sent them). */
  get data(): MetricSubject[] | undefined {
    return this.groups;
  }

  update(groups: MetricSubject[] | undefined): void {
    this.groups = groups;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return (this.groups ?? []).map((subject) => ({ kind: 'subject', subject }));
    if (node.kind === 'subject') return node.subject.claims.map((claim) => ({ kind: 'claim', claim, subject: node.subject }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'subject') {
      const g = node.subject;
      const item = new vscode.TreeItem(g.subject, g.status === 'ok' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `metric:${g.id}`;
      const where = g.contexts.map(contextLabel).join(', ');
      const values = [...new Set(g.claims.map(claimValue))].join(', ');
      item.description = `${g.status === 'conflict' ? 'conflict · ' : g.status === 'recycled' ? 'recycled · ' : ''}${values} · ${where}`;
      item.iconPath =
        g.status === 'conflict'
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
          : g.status === 'recycled'
            ? new vscode.ThemeIcon('sync', new vscode.ThemeColor('problemsWarningIcon.foreground'))
            : new vscode.ThemeIcon('graph');
      item.tooltip = new vscode.MarkdownString(
        `**${escapeMd(g.subject)}** in ${escapeMd(where)}: ${plural(g.claims.length, 'claim', 'claims')}` +
          (g.status === 'conflict' ? ' that disagree.' : g.status === 'recycled' ? ', one number reused across stories.' : '.'),
      );
      item.contextValue = `metric.${g.status}`;
      return item;
    }
    const c = node.claim;
    const item = new vscode.TreeItem(
      `${claimValue(c)}${c.direction ? ` ${c.direction === 'increase' ? '↑' : '↓'}` : ''}`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = `claim:${c.uri}:${c.range.start.line}:${c.range.start.character}`;
    item.description = c.story;
    item.tooltip = new vscode.MarkdownString(`"${escapeMd(c.text)}" in **${escapeMd(c.story)}**`);
    item.iconPath = new vscode.ThemeIcon(c.flags.includes('metric-conflict') ? 'warning' : c.flags.includes('recycled-metric') ? 'sync' : 'circle-small');
    item.command = openAtCommand(c.uri, c.range, 'Open Claim');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
