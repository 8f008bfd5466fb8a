// A file's text as the core reads it (BOM stripped), with a line index kept
// for the file's current text: a bank is re-published on every keystroke.

import { LineIndex, stripBom, type Workspace } from '../core';

const indexes = new Map<string, { text: string; lines: LineIndex }>();

/** The text the workspace holds for a file, BOM stripped (undefined when it keeps only facts). */
export function textOf(ws: Workspace, uri: string): string | undefined {
  const t = ws.text(uri);
  return t === undefined ? undefined : stripBom(t);
}

/** The line index of a file's current text. */
export function linesOf(uri: string, text: string): LineIndex {
  const got = indexes.get(uri);
  if (got && got.text === text) return got.lines;
  const lines = new LineIndex(text);
  indexes.set(uri, { text, lines });
  return lines;
}

/** Forget a file's line index (it was closed or deleted). */
export function forgetLines(uri: string): void {
  indexes.delete(uri);
}
