// Hover: a principle tag's description, a part marker's length and share,
// a metric claim with every claim about the same subject.

import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-protocol';
import {
  PART_TITLES,
  answerQuestions,
  claimGroups,
  claimKey,
  comparable,
  formatClaimValue,
  practicePrompts,
  type FileFacts,
  type Framework,
  type PracticePrompt,
  type PrincipleMatcher,
  type Story,
} from '../core';
import { escapeMarkdown as md } from './markup';

type ClaimMember = ReturnType<typeof claimGroups>[number]['members'][number];
import { inRange } from './positions';

function storyAt(facts: FileFacts, pos: Position): Story | undefined {
  return facts.stories.find((s) => inRange(pos, s.range));
}

/**
 * Hover on a principle tag (its description and questions, each with the
 * story of the workspace that answers it best) or a part marker (its words
 * and share).
 */
export function hover(
  facts: FileFacts,
  pos: Position,
  matcher: PrincipleMatcher,
  wordsPerMinute: number,
  files: Iterable<FileFacts> = [facts],
): Hover | undefined {
  for (const story of facts.stories) {
    for (const tag of story.principles) {
      if (inRange(pos, tag.range)) {
        const p = matcher.framework.principles.find((x) => x.name === tag.name);
        const answered = p
          ? answerQuestions(
              p.questions.map((question) => ({ principle: p.name, question, source: { kind: 'framework' as const } })),
              files,
              1,
            )
          : [];
        const best = (i: number) => {
          const s = answered[i]?.stories[0];
          return s ? ` → *${md(s.title)}*` : ' → *no story yet*';
        };
        const questions = p?.questions.length ? `\n\n${p.questions.map((q, i) => `- ${md(q)}${best(i)}`).join('\n')}` : '';
        return { range: tag.range, contents: { kind: MarkupKind.Markdown, value: `**${md(tag.name)}**\n\n${md(p?.description ?? '')}${questions}` } };
      }
    }
  }
  const story = storyAt(facts, pos);
  if (!story) return undefined;
  for (const part of story.parts) {
    if (inRange(pos, part.markerRange)) {
      const share = story.words ? Math.round((part.words / story.words) * 100) : 0;
      const minutes = part.words / wordsPerMinute;
      const names = part.names.map((n) => PART_TITLES[n]).join(' and ');
      return {
        range: part.markerRange,
        contents: {
          kind: MarkupKind.Markdown,
          value: `**${names}**: ${part.words} words, ${share}% of the story (about ${minutes < 1 ? `${Math.round(minutes * 60)} s` : `${minutes.toFixed(1)} min`} spoken)`,
        },
      };
    }
  }
  return undefined;
}

/** Hover on a metric claim: the claims of its group (as the metric rules group them), with links. */
export function claimHover(facts: FileFacts, pos: Position, files: Iterable<FileFacts>): Hover | undefined {
  for (const story of facts.stories) {
    for (const claim of story.claims) {
      if (!inRange(pos, claim.range)) continue;
      const head = `**${md(claim.subject || 'Claim')}**: ${md(formatClaimValue(claim))}${claim.direction ? ` (${claim.direction})` : ''}`;
      let table = '';
      if (comparable(claim)) {
        const group = claimGroups(files, new Set([claimKey(claim)])).find((g) => g.members.some((m) => sameClaim(m.claim, claim, m.uri, facts.uri)));
        // one row per claim as a reader tells them apart: a story that states the same figure twice
        // (in its Action and again in its Result) is one row, linked to this claim when it is one of them
        const rows = new Map<string, { m: ClaimMember; here: boolean }>();
        for (const m of group?.members ?? []) {
          const key = `${m.uri}\u0000${m.story.range.start.line}\u0000${formatClaimValue(m.claim)}\u0000${m.claim.direction ?? ''}`;
          const here = sameClaim(m.claim, claim, m.uri, facts.uri);
          const seen = rows.get(key);
          if (!seen) rows.set(key, { m, here });
          else if (here) rows.set(key, { m, here });
        }
        const lines = [...rows.values()].map(({ m, here }) => {
          // the destination in angle brackets: no `<`, `>`, `|` or white space in it (percent-encoded)
          const link = `<${m.uri.replace(/[<>\s|]/g, encodeURIComponent)}#L${m.claim.range.start.line + 1}>`;
          return `| ${md(formatClaimValue(m.claim))} | ${m.claim.direction ?? ''} | [${md(m.story.title)}](${link})${here ? ' *(this claim)*' : ''} | ${md(m.story.company ?? '')} |`;
        });
        table =
          lines.length > 1
            ? `\n\nEvery claim about *${md(group!.subject)}*:\n\n| value | direction | story | company |\n|---|---|---|---|\n${lines.join('\n')}`
            : `\n\nNo other story makes a claim about *${md(group?.subject ?? claim.norm!.key)}*.`;
      }
      return { range: claim.range, contents: { kind: MarkupKind.Markdown, value: head + table } };
    }
  }
  return undefined;
}

/** The same claim, whether from the full facts or the workspace's view of the file. */
function sameClaim(a: { range: Range }, b: { range: Range }, uriA: string, uriB: string): boolean {
  return uriA === uriB && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/** Where a prompt's citation is, as a reader names it: "Result, line 22", "the title", "the principle Dive Deep". */
export function citedAt(p: PracticePrompt): string {
  const line = `line ${p.source.range.start.line + 1}`;
  if (p.source.part === 'title') return `the title, ${line}`;
  if (p.source.part === 'principle') return `the principle, ${line}`;
  return `${PART_TITLES[p.source.part]}, ${line}`;
}

/**
 * Hover on a story's title: the follow-up questions an interviewer is likely
 * to ask about it (core/practice.ts), each with the place it cites.
 */
export function practiceHover(facts: FileFacts, pos: Position, framework: Framework, text: string | undefined): Hover | undefined {
  const story = facts.stories.find((s) => inRange(pos, s.titleRange));
  if (!story) return undefined;
  const prompts = practicePrompts(story, { text, framework });
  const head = `**${prompts.length} ${prompts.length === 1 ? 'follow-up' : 'follow-ups'}** an interviewer may ask about *${md(story.title)}*`;
  const list = prompts.map((p, i) => `${i + 1}. ${md(p.question)}  \n   *${md(citedAt(p))}: "${md(p.source.quote.replace(/\s+/g, ' '))}"*`);
  return {
    range: story.titleRange,
    contents: { kind: MarkupKind.Markdown, value: prompts.length ? `${head}\n\n${list.join('\n')}` : `${head}: none.` },
  };
}
