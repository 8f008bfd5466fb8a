import { finding, meta, type StoryRule } from './rule';

interface Options {
  wordsPerMinute: number;
  minMinutes: number;
  maxMinutes: number;
}

export const rule: StoryRule<Options> = {
  meta: meta<Options>('story-length', {
    description: 'A story that takes less than 1 or more than 3 minutes to tell.',
    defaultSeverity: 'information',
    defaultOptions: { wordsPerMinute: 150, minMinutes: 1, maxMinutes: 3 },
    optionsSchema: {
      wordsPerMinute: { type: 'number', exclusiveMinimum: 0, description: 'How fast you speak, in words a minute.' },
      minMinutes: { type: 'number', minimum: 0, description: 'The shortest a story should take to tell, in minutes.' },
      maxMinutes: { type: 'number', exclusiveMinimum: 0, description: 'The longest a story should take to tell, in minutes.' },
    },
  }),
  scope: 'story',
  check({ story, options }) {
    const wpm = options.wordsPerMinute;
    const min = options.minMinutes * wpm;
    const max = options.maxMinutes * wpm;
    if (story.words >= min && story.words <= max) return [];
    const spoken = story.words / wpm;
    const seconds = Math.round(spoken * 60);
    const time = spoken < 1 ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` : `${spoken.toFixed(1)} minutes`;
    const advice = story.words < min ? `aim for ${min} or more` : `trim it to ${max} or fewer`;
    const data = { words: story.words, minWords: min, maxWords: max };
    if (story.words === 0) return [finding('story-length', story.titleRange, `No words yet; ${advice}.`, data)];
    return [
      finding('story-length', story.titleRange, `About ${time} to tell (${story.words} ${story.words === 1 ? 'word' : 'words'}); ${advice}.`, {
        words: story.words,
        minWords: min,
        maxWords: max,
      }),
    ];
  },
};
