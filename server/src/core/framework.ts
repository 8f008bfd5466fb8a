// The principle framework: Amazon's 16 Leadership Principles by default, or a
// workspace's own list read from YAML (validated against schemas/framework.schema.json).

export interface Principle {
  name: string;
  aliases: string[];
  description: string;
  questions: string[];
}

export interface Framework {
  name: string;
  principles: Principle[];
}

const p = (name: string, description: string, aliases: string[] = [], questions: string[] = []): Principle => ({
  name,
  aliases,
  description,
  questions,
});

/** Amazon's Leadership Principles, each summed up in our own words. */
export const AMAZON_FRAMEWORK: Framework = {
  name: 'Amazon Leadership Principles',
  principles: [
    p(
      'Customer Obsession',
      'Start from what the customer needs and work backwards; earn and keep their trust.',
      [],
      ['Tell me about a time you went well beyond what a customer expected.'],
    ),
    p(
      'Ownership',
      'Act on behalf of the whole company and the long term, never "that is not my job".',
      [],
      ['Tell me about a time you took on something outside your area because it mattered.'],
    ),
    p(
      'Invent and Simplify',
      'Look for new ideas anywhere and make complicated things simpler.',
      [],
      ['Tell me about a time you found a simpler way to do something complex.'],
    ),
    p(
      'Are Right, A Lot',
      'Have good judgement and instincts, seek views that challenge yours.',
      [],
      ['Tell me about a decision you made with incomplete information.'],
    ),
    p('Learn and Be Curious', 'Keep learning, explore new areas, and keep getting better.', [], ['Tell me about something you taught yourself recently.']),
    p('Hire and Develop the Best', 'Raise the bar with every hire and help people grow.', [], ['Tell me about someone you mentored and how they grew.']),
    p(
      'Insist on the Highest Standards',
      'Keep raising the bar so defects do not travel downstream.',
      ['Highest Standards'],
      ['Tell me about a time you refused to ship something that was not good enough.'],
    ),
    p(
      'Think Big',
      'Set a bold direction that inspires results and look for new ways to serve customers.',
      [],
      ['Tell me about a time you proposed something far larger than asked.'],
    ),
    p(
      'Bias for Action',
      'Move quickly: many decisions can be undone, so take calculated risks.',
      [],
      ['Tell me about a time you acted before you had every answer.'],
    ),
    p('Frugality', 'Do more with less; constraints breed resourcefulness.', [], ['Tell me about a time you delivered with far fewer resources than planned.']),
    p(
      'Earn Trust',
      'Listen, speak candidly, treat others with respect, and own your mistakes.',
      [],
      ['Tell me about a time you won over a sceptical stakeholder.'],
    ),
    p(
      'Dive Deep',
      'Stay close to the details, audit often, and distrust numbers that do not add up.',
      [],
      ['Tell me about a problem you solved by digging into the data.'],
    ),
    p(
      'Have Backbone; Disagree and Commit',
      'Challenge decisions you disagree with, respectfully, then commit fully once made.',
      ['Disagree and Commit', 'Have Backbone'],
      ['Tell me about a time you disagreed with your manager.'],
    ),
    p(
      'Deliver Results',
      'Focus on the inputs that matter and deliver them on time and with quality.',
      [],
      ['Tell me about a time you delivered despite a serious setback.'],
    ),
    p(
      "Strive to be Earth's Best Employer",
      'Make work safer, fairer and more rewarding for the people around you.',
      ["Earth's Best Employer"],
      ['Tell me about a time you made your team a better place to work.'],
    ),
    p(
      'Success and Scale Bring Broad Responsibility',
      'Consider the wider effects of your work on people, communities and the future.',
      ['Success and Scale'],
      ['Tell me about a time you weighed the wider impact of a decision.'],
    ),
  ],
};
