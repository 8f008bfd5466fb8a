// The "Stories" view: every story in the workspace, with its principles and
// how many findings it has.

import * as vscode from 'vscode';
import type { StoryInfo } from '../../server/src/protocol';
import { escapeMd } from './coverageTree';
import { openAtCommand, plural } from './ranges';

const PART_NAMES = ['situation', 'task', 'action', 'result'] as const;

export function storyDescription(story: StoryInfo): string {
  const bits: string[] = [];
  bits.push(story.principles.length ? story.principles.join(', ') : 'no principle');
  if (story.findings > 0) bits.push(plural(story.findings, 'finding', 'findings'));
  return bits.join(' · ');
}

function byFileThenLine(a: StoryInfo, b: StoryInfo): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.range.start.line - b.range.start.line;
}

export class StoriesTreeProvider implements vscode.TreeDataProvider<StoryInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StoryInfo | undefined | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private list: StoryInfo[] | undefined;

  /** The stories the view shows now (undefined before the server has sent them). */
  get data(): StoryInfo[] | undefined {
    return this.list;
  }

  update(stories: StoryInfo[] | undefined): void {
    this.list = stories ? [...stories].sort(byFileThenLine) : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: StoryInfo): StoryInfo[] {
    if (node) return [];
    return this.list ?? [];
  }

  getTreeItem(story: StoryInfo): vscode.TreeItem {
    const item = new vscode.TreeItem(story.title || '(untitled story)', vscode.TreeItemCollapsibleState.None);
    item.id = `story:${story.uri}:${story.range.start.line}`;
    item.description = storyDescription(story);
    item.iconPath = story.findings > 0 ? new vscode.ThemeIcon('book', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('book');
    item.command = openAtCommand(story.uri, story.range);
    item.contextValue = story.findings > 0 ? 'story.findings' : 'story';

    const where = `${vscode.workspace.asRelativePath(vscode.Uri.parse(story.uri), false)}:${story.range.start.line + 1}`;
    const missing = PART_NAMES.filter((p) => !story.parts.includes(p));
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${escapeMd(story.title)}**  \n`);
    tip.appendMarkdown(`${escapeMd(where)}\n\n`);
    tip.appendMarkdown(`Principles: ${story.principles.length ? story.principles.map(escapeMd).join(', ') : '_none_'}  \n`);
    tip.appendMarkdown(`Parts: ${missing.length ? `missing ${missing.join(', ')}` : 'all four'}  \n`);
    tip.appendMarkdown(`${plural(story.words, 'word', 'words')}, about ${story.minutes.toFixed(1)} min spoken  \n`);
    tip.appendMarkdown(story.findings > 0 ? plural(story.findings, 'finding', 'findings') : 'No findings');
    item.tooltip = tip;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
