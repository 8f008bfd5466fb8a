// Code actions: each diagnostic's quick fixes (carried in its `data`), the
// comments that silence its rule, and "fix all" (source.fixAll.starStories).
// The edits come from the core; this module only shapes them for LSP.

import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { fixAll, suppressionFixes, type Workspace } from '../core';
import { SOURCE, carriedFixes } from './diagnostics';
import { linesOf, textOf } from './text';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.starStories`;

/** The code actions for the diagnostics a client sends (`context.diagnostics`), of the kinds it asks for. */
export function codeActions(ws: Workspace, uri: string, diagnostics: readonly LspDiagnostic[], only: readonly string[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const ours = diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  const facts = ws.get(uri);
  const text = textOf(ws, uri);
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of ours) {
      for (const fix of carriedFixes(d))
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: !!fix.preferred,
          edit: { changes: { [uri]: fix.edits } },
        });
      if (facts && text !== undefined)
        for (const fix of suppressionFixes(String(d.code), d.range.start.line, facts, text, linesOf(uri, text)))
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: fix.edits } } });
    }
  }
  if (only && wants(FIX_ALL_KIND) && !only.includes(CodeActionKind.QuickFix) && facts && text !== undefined) {
    const edits = fixAll(ws.diagnosticsFor(uri), facts, text, linesOf(uri, text));
    if (edits.length)
      actions.push({ title: 'Fix all STAR Stories problems that can be fixed safely', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
