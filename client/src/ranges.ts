import * as vscode from 'vscode';
import type { Range as LspRange } from 'vscode-languageserver-protocol';

export function toVsRange(range: LspRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A command that opens `uri` with the story's range selected. */
export function openAtCommand(uri: string, range: LspRange, title = 'Open Story'): vscode.Command {
  const options: vscode.TextDocumentShowOptions = { selection: toVsRange(range), preview: true };
  return { command: 'vscode.open', title, arguments: [vscode.Uri.parse(uri), options] };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
