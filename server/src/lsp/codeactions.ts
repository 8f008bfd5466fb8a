// Code actions: each diagnostic's quick fixes (carried in its `data`), the
// comments that silence its rule, and "fix all" (source.fixAll.starStories).
// The edits come from the core; this module only shapes them for LSP.

import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { fixAll, suppressionFixes, type Fix, type Workspace } from '../core';
import { Commands } from '../protocol';
import { SOURCE, carriedFixes } from './diagnostics';
import { linesOf, textOf } from './text';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.starStories`;

/** A quick fix as a code action; a fix that says where the cursor belongs moves it there once applied. */
function quickFix(uri: string, fix: Fix, diagnostics: LspDiagnostic[]): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    edit: { changes: { [uri]: fix.edits } },
  };
  if (fix.preferred) action.isPreferred = true;
  if (fix.cursor) action.command = { title: 'Put the cursor in the new text', command: Commands.revealPosition, arguments: [uri, fix.cursor] };
  return action;
}

/** The code actions for the diagnostics a client sends (`context.diagnostics`), of the kinds it asks for. */
export function codeActions(ws: Workspace, uri: string, diagnostics: readonly LspDiagnostic[], only: readonly string[] | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  // each diagnostic once, even when a client sends it twice
  const seen = new Set<string>();
  const ours = diagnostics.filter((d) => {
    if (d.source !== SOURCE || typeof d.code !== 'string') return false;
    const key = JSON.stringify([d.code, d.range, d.message]);
    return !seen.has(key) && !!seen.add(key);
  });
  const facts = ws.get(uri);
  const text = textOf(ws, uri);
  if (wants(CodeActionKind.QuickFix)) {
    for (const d of ours) {
      const titles = new Set<string>();
      for (const fix of carriedFixes(d)) if (!titles.has(fix.title) && titles.add(fix.title)) actions.push(quickFix(uri, fix, [d]));
    }
    // "Disable <rule> for this line/file": once per rule, however many of its diagnostics are in the request
    if (facts && text !== undefined) {
      const byRule = new Map<string, LspDiagnostic[]>();
      for (const d of ours) {
        const list = byRule.get(String(d.code)) ?? [];
        list.push(d);
        byRule.set(String(d.code), list);
      }
      const lines = linesOf(uri, text);
      for (const [rule, ds] of byRule)
        for (const fix of suppressionFixes(rule, ds[0]!.range.start.line, facts, text, lines)) {
          const onLine = /line$/.test(fix.title) ? ds.filter((d) => d.range.start.line === ds[0]!.range.start.line) : ds;
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: onLine, edit: { changes: { [uri]: fix.edits } } });
        }
    }
  }
  if (only && wants(FIX_ALL_KIND) && !only.includes(CodeActionKind.QuickFix) && facts && text !== undefined) {
    const edits = fixAll(ws.diagnosticsFor(uri), facts, text, linesOf(uri, text));
    if (edits.length)
      actions.push({ title: 'Fix all STAR Stories problems that can be fixed safely', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}
