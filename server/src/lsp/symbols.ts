// The Outline (document symbols) and folding: stories, then their parts.

import { SymbolKind, type DocumentSymbol, type FoldingRange, type SymbolInformation } from 'vscode-languageserver-protocol';
import { PART_TITLES, type FileFacts, type Story } from '../core';

function partEnd(story: Story, i: number) {
  const part = story.parts[i]!;
  return part.contentRange.end.line > part.markerRange.end.line || part.contentRange.end.character > 0 ? part.contentRange.end : part.markerRange.end;
}

/** Stories, then their parts, for the Outline and breadcrumbs. */
export function documentSymbols(facts: FileFacts | undefined): DocumentSymbol[] {
  if (!facts) return [];
  return facts.stories.map((story) => ({
    name: story.title,
    detail: story.principles.map((p) => p.name).join(', '),
    kind: SymbolKind.Class,
    range: story.range,
    selectionRange: story.titleRange.start.line >= story.range.start.line ? story.titleRange : story.range,
    children: story.parts.map((part, i) => {
      const end = partEnd(story, i);
      const range = { start: part.markerRange.start, end: end.line >= part.markerRange.start.line ? end : part.markerRange.end };
      return {
        name: part.names.map((n) => PART_TITLES[n]).join(' and '),
        detail: part.inferred ? `${part.words} words, from the prose` : `${part.words} words`,
        kind: SymbolKind.Field,
        range,
        selectionRange: part.markerRange,
      };
    }),
  }));
}

/** One folding range per story and per part. */
export function foldingRanges(facts: FileFacts | undefined): FoldingRange[] {
  const out: FoldingRange[] = [];
  if (!facts) return out;
  for (const story of facts.stories) {
    if (story.range.end.line > story.range.start.line) out.push({ startLine: story.range.start.line, endLine: story.range.end.line });
    story.parts.forEach((part, i) => {
      const end = partEnd(story, i).line;
      if (end > part.markerRange.start.line) out.push({ startLine: part.markerRange.start.line, endLine: end });
    });
  }
  return out;
}

/** Stories of the whole workspace whose title or principles contain the query. */
export function workspaceSymbols(files: Iterable<FileFacts>, query: string): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const f of files)
    for (const s of f.stories)
      if (!q || s.title.toLowerCase().includes(q) || s.principles.some((p) => p.name.toLowerCase().includes(q)))
        out.push({
          name: s.title,
          kind: SymbolKind.Class,
          location: { uri: f.uri, range: s.titleRange },
          containerName: s.principles.map((p) => p.name).join(', '),
        });
  return out;
}
