// Recognising part markers ("Situation", "Outcome", "Situation & Task"…).

import type { PartName } from './types';

const ALIASES: Record<string, PartName[]> = {
  situation: ['situation'],
  context: ['situation'],
  background: ['situation'],
  task: ['task'],
  challenge: ['task'],
  goal: ['task'],
  objective: ['task'],
  action: ['action'],
  actions: ['action'],
  approach: ['action'],
  'what i did': ['action'],
  result: ['result'],
  results: ['result'],
  outcome: ['result'],
  outcomes: ['result'],
  impact: ['result'],
  'situation and task': ['situation', 'task'],
};

/**
 * The parts a marker text names, or undefined when it names none.
 * Ignores case, emphasis, a trailing colon and a leading number such as `1.`.
 */
export function partNames(text: string): PartName[] | undefined {
  const t = text
    .replace(/[*_`]/g, '')
    .trim()
    .replace(/\s*[:\-–—]\s*$/, '')
    .replace(/^\d{1,3}[.)]\s*/, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s*(?:&|\/|\+)\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
  if (t.length > 20) return undefined;
  return ALIASES[t];
}
