import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-protocol';

export function toVsRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/**
 * A command that opens `uri` with the cursor at the start of `range` (a
 * story's title) and nothing selected, so a keystroke never replaces a story
 * (`starStories.openStory`).
 */
export function openAtCommand(uri: string, range: LspRange, title = 'Open Story'): vscode.Command {
  return { command: 'starStories.openStory', title, arguments: [uri, { line: range.start.line, character: range.start.character }] };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
