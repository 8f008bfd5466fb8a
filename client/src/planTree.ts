// The "Loop Plan" view: interviewer -> principle -> story (and its backup),
// as the server plans it (starStories/plan): each event told once in the loop.
// A principle with no story says why; a story opens where it starts.

import * as vscode from 'vscode';
import type { PlannedStory, PlanResult, PlanSlot } from '../../server/src/protocol';
import { escapeMd } from './coverageTree';
import { openAtCommand } from './ranges';

type Node =
  | { kind: 'interviewer'; index: number }
  | { kind: 'slot'; interviewer: number; slot: PlanSlot }
  | { kind: 'story'; story: PlannedStory; backup: boolean; key: string };

export class PlanTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private plan: PlanResult | undefined;

  /** The plan the view shows now (undefined before the server has sent one). */
  get data(): PlanResult | undefined {
    return this.plan;
  }

  update(plan: PlanResult | undefined): void {
    this.plan = plan;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    const plan = this.plan;
    if (!plan) return [];
    if (!node) return plan.interviewers.map((_, index) => ({ kind: 'interviewer', index }));
    if (node.kind === 'interviewer') return plan.interviewers[node.index]!.slots.map((slot) => ({ kind: 'slot', interviewer: node.index, slot }));
    if (node.kind === 'slot') {
      const key = `${node.interviewer}:${node.slot.principle}`;
      const out: Node[] = [];
      if (node.slot.story) out.push({ kind: 'story', story: node.slot.story, backup: false, key });
      if (node.slot.backup) out.push({ kind: 'story', story: node.slot.backup, backup: true, key });
      return out;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const plan = this.plan!;
    if (node.kind === 'interviewer') {
      const iv = plan.interviewers[node.index]!;
      const item = new vscode.TreeItem(iv.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `plan:${node.index}`;
      const filled = iv.slots.filter((s) => s.story).length;
      item.description = `${filled} of ${iv.slots.length} principles`;
      item.iconPath = new vscode.ThemeIcon(filled === iv.slots.length ? 'person' : 'person-add');
      return item;
    }
    if (node.kind === 'slot') {
      const s = node.slot;
      const item = new vscode.TreeItem(s.principle, s.story ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `plan:${node.interviewer}:${s.principle}`;
      if (!s.story) {
        const why = plan.unfilled.find((u) => u.interviewer === plan.interviewers[node.interviewer]!.name && u.principle === s.principle && u.slot === 'story');
        item.description = 'no story';
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.tooltip = new vscode.MarkdownString(escapeMd(why?.reason ?? 'No story can be told for this principle.'));
      } else {
        item.description = s.backup ? 'story and backup' : 'no backup';
        item.iconPath = new vscode.ThemeIcon(s.backup ? 'pass' : 'warning', s.backup ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
      }
      item.contextValue = s.story ? 'planSlot' : 'planSlot.unfilled';
      return item;
    }
    const st = node.story;
    const item = new vscode.TreeItem(st.title, vscode.TreeItemCollapsibleState.None);
    item.id = `plan:${node.key}:${node.backup ? 'backup' : 'story'}`;
    item.description = `${node.backup ? 'backup · ' : ''}${vscode.workspace.asRelativePath(vscode.Uri.parse(st.uri), false)}${st.ready ? '' : ' · not ready'}`;
    item.iconPath = new vscode.ThemeIcon(node.backup ? 'debug-step-over' : 'book');
    item.tooltip = new vscode.MarkdownString(
      `**${escapeMd(st.title)}**${st.ready ? '' : '\n\nNot ready: it lacks a part, a number in its Result, or the right length.'}`,
    );
    item.command = openAtCommand(st.uri, st.range, 'Open Story');
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
