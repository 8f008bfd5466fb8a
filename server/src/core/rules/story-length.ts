import { finding, meta, num, type Rule } from './rule';

export const rule: Rule = {
  meta: meta('story-length', {
    description: 'A story that takes less than 1 or more than 3 minutes to tell.',
    defaultSeverity: 'information',
    options: { wordsPerMinute: 150, minMinutes: 1, maxMinutes: 3 },
  }),
  scope: 'story',
  check({ story, options }) {
    const wpm = num(options, 'wordsPerMinute', 150);
    const min = num(options, 'minMinutes', 1) * wpm;
    const max = num(options, 'maxMinutes', 3) * wpm;
    if (story.words >= min && story.words <= max) return [];
    const spoken = story.words / wpm;
    const seconds = Math.round(spoken * 60);
    const time = spoken < 1 ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : `${spoken.toFixed(1)} minutes`;
    const advice = story.words < min ? `aim for at least ${min} words` : `trim it to ${max} words or fewer`;
    const data = { words: story.words, minWords: min, maxWords: max };
    if (story.words === 0) return [finding('story-length', story.titleRange, `"${story.title}" has no words yet; ${advice}.`, data)];
    return [
      finding('story-length', story.titleRange, `"${story.title}" takes about ${time} to tell (${story.words} ${story.words === 1 ? 'word' : 'words'}); ${advice}.`, {
        words: story.words,
        minWords: min,
        maxWords: max,
      }),
    ];
  },
};
