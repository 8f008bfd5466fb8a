// `star-stories plan`: the loop plan as text, JSON or markdown.

import type { AnsweredQuestion, LoopPlan, PlannedStory } from '../core';
import { inert, type Paint } from './report';

type Rel = (abs: string) => string;

const ref = (s: PlannedStory, rel: Rel) => ({ file: rel(s.uri), line: s.range.start.line + 1, title: s.title });

/** The plan's JSON: `{ interviewers: [{ name, slots: [{ principle, story, backup }] }], unfilled: [...] }`, lines 1-based. */
export function planJson(plan: LoopPlan, rel: Rel) {
  return {
    interviewers: plan.interviewers.map((iv) => ({
      name: iv.name,
      slots: iv.slots.map((s) => ({
        principle: s.principle,
        story: s.story ? ref(s.story, rel) : null,
        backup: s.backup ? ref(s.backup, rel) : null,
      })),
    })),
    unfilled: plan.unfilled.map((u) => ({
      interviewer: u.interviewer,
      principle: u.principle,
      slot: u.slot,
      reason: u.reason,
      blocked: u.blocked.map((b) => ({ file: rel(b.uri), line: b.range.start.line + 1, title: b.title, usedBy: b.usedBy })),
    })),
  };
}

function summary(plan: LoopPlan): string {
  const slots = plan.interviewers.flatMap((iv) => iv.slots);
  const told = slots.filter((s) => s.story).length;
  const backed = slots.filter((s) => s.backup).length;
  return `${told} of ${slots.length} slots have a story and ${backed} a backup; ${plan.events} ${plan.events === 1 ? 'event' : 'events'} among ${plan.stories} ${plan.stories === 1 ? 'story' : 'stories'}, each told once.`;
}

export function planText(plan: LoopPlan, rel: Rel, paint: Paint): string {
  const lines: string[] = [];
  const width = Math.max(10, ...plan.interviewers.flatMap((iv) => iv.slots.map((s) => inert(s.principle).length)));
  const show = (s: PlannedStory) => `"${inert(s.title)}" (${inert(rel(s.uri))}:${s.range.start.line + 1})${s.ready ? '' : paint.yellow(' not ready')}`;
  for (const iv of plan.interviewers) {
    lines.push(paint.bold(inert(iv.name)));
    for (const s of iv.slots) {
      const name = inert(s.principle).padEnd(width);
      if (!s.story) {
        lines.push(`  ${paint.red(`${name}  ✗ no story`)}`);
        continue;
      }
      lines.push(`  ${name}  ${show(s.story)}`);
      lines.push(`  ${' '.repeat(width)}  ${paint.gray('backup:')} ${s.backup ? show(s.backup) : paint.gray('none')}`);
    }
    lines.push('');
  }
  const stories = plan.unfilled.filter((u) => u.slot === 'story');
  if (stories.length) {
    lines.push(paint.bold('No story:'));
    for (const u of stories) lines.push(`  ${inert(u.interviewer)}, ${inert(u.principle)}: ${inert(u.reason)}`);
    lines.push('');
  }
  const backups = plan.unfilled.filter((u) => u.slot === 'backup');
  if (backups.length) {
    lines.push(`${paint.bold('No backup')} (every story of the principle tells an event the loop already tells; --format json says which):`);
    lines.push(`  ${backups.map((u) => `${inert(u.interviewer)}, ${inert(u.principle)}`).join('; ')}`);
    lines.push('');
  }
  lines.push(paint.bold(summary(plan)));
  return `${lines.join('\n')}\n`;
}

/** Markdown a candidate can keep beside their notes: a table per interviewer, then what is missing. */
export function planMarkdown(plan: LoopPlan, rel: Rel): string {
  const cell = (s: string) => inert(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const link = (s: PlannedStory | null) =>
    s ? `[${cell(s.title)}](${encodeURI(rel(s.uri))}#L${s.range.start.line + 1})${s.ready ? '' : ' (not ready)'}` : '—';
  const lines = ['# Loop plan', ''];
  for (const iv of plan.interviewers) {
    lines.push(`## ${cell(iv.name)}`, '', '| Principle | Story | Backup |', '|---|---|---|');
    for (const s of iv.slots) lines.push(`| ${cell(s.principle)} | ${link(s.story)} | ${link(s.backup)} |`);
    lines.push('');
  }
  if (plan.unfilled.length) {
    lines.push('## Not filled', '');
    for (const u of plan.unfilled) lines.push(`- **${cell(u.interviewer)}, ${cell(u.principle)}${u.slot === 'backup' ? ' (backup)' : ''}**: ${cell(u.reason)}`);
    lines.push('');
  }
  lines.push(summary(plan), '');
  return lines.join('\n');
}

// `star-stories questions`: each question with the stories that answer it best.

export function questionsJson(questions: AnsweredQuestion[], rel: Rel) {
  return {
    questions: questions.map((q) => ({
      principle: q.principle,
      question: q.question,
      ...(q.source.kind === 'file' ? { file: rel(q.source.uri), line: q.source.line + 1 } : {}),
      stories: q.stories.map((s) => ({ file: rel(s.uri), line: s.range.start.line + 1, title: s.title, score: s.score })),
    })),
  };
}

export function questionsText(questions: AnsweredQuestion[], rel: Rel, paint: Paint): string {
  const lines: string[] = [];
  let last: string | null | undefined;
  for (const q of questions) {
    if (q.principle !== last) {
      if (lines.length) lines.push('');
      lines.push(paint.bold(inert(q.principle ?? 'No principle')));
      last = q.principle;
    }
    const from = q.source.kind === 'file' ? paint.gray(` (${inert(rel(q.source.uri))}:${q.source.line + 1})`) : '';
    lines.push(`  ${inert(q.question)}${from}`);
    if (!q.stories.length) lines.push(`    ${paint.red('✗ no story answers it')}`);
    for (const s of q.stories) lines.push(`    → "${inert(s.title)}" (${inert(rel(s.uri))}:${s.range.start.line + 1})`);
  }
  const none = questions.filter((q) => !q.stories.length).length;
  lines.push('', paint.bold(`${questions.length} ${questions.length === 1 ? 'question' : 'questions'}; ${none} with no story.`));
  return `${lines.join('\n')}\n`;
}
