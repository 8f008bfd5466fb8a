// Core diagnostics as LSP diagnostics: the rule id as `code` with a link to
// its docs page, related places, and the quick fixes in `data`, so that code
// actions need no server state.

import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { RULES_BY_ID, fixesFor, type Diagnostic, type FileFacts, type Fix, type LineIndex, type Pos } from '../core';

export const SOURCE = 'star-stories';

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a published diagnostic carries in `data`: the rule's own data and its fixes. */
export interface DiagnosticData {
  rule: string;
  fixes: Fix[];
  [key: string]: unknown;
}

/** One diagnostic for the client; `text` and `lines` (of the file, BOM stripped) let fixes be computed. */
export function toLspDiagnostic(d: Diagnostic, facts: FileFacts, text: string | undefined, lines: LineIndex | undefined): LspDiagnostic {
  const rule = RULES_BY_ID.get(d.rule);
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    source: SOURCE,
    message: d.message,
  };
  if (rule) out.codeDescription = { href: rule.meta.docs };
  if (d.related?.length) out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  const fixes = text !== undefined && lines ? fixesFor(d, facts, text, lines) : [];
  const data: DiagnosticData = { rule: d.rule, ...(d.data ?? {}), fixes };
  out.data = data;
  return out;
}

/** The fixes a published diagnostic carries (only well-formed ones: the client may send anything back). */
export function carriedFixes(d: LspDiagnostic): Fix[] {
  const raw = (d.data as { fixes?: unknown } | undefined)?.fixes;
  const isPos = (p: unknown) => !!p && typeof p === 'object' && Number.isInteger((p as Pos).line) && Number.isInteger((p as Pos).character);
  return (Array.isArray(raw) ? raw : []).flatMap((f): Fix[] => {
    if (!f || typeof f !== 'object' || typeof (f as Fix).title !== 'string' || !Array.isArray((f as Fix).edits) || !(f as Fix).edits.length) return [];
    const fix = f as Fix;
    // a cursor the client garbled is dropped, the fix kept
    if (fix.cursor !== undefined && !isPos(fix.cursor)) {
      const { cursor: _, ...rest } = fix;
      return [rest];
    }
    return [fix];
  });
}
