// Positions in LSP terms, shared by the feature modules.

import type { Position } from 'vscode-languageserver-protocol';

export function inRange(pos: Position, r: { start: Position; end: Position }): boolean {
  const afterStart = pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character);
  const beforeEnd = pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character);
  return afterStart && beforeEnd;
}
