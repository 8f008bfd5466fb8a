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
      [
        'Tell me about a time you went well beyond what a customer expected.',
        'Describe a time you changed a plan because of what customers told you.',
        'Tell me about a customer problem you found before the customer noticed it.',
        'Give me an example of a time you had to say no to a customer request, and how you handled it.',
        'Tell me about a time you used customer data or feedback to decide what to build.',
      ],
    ),
    p(
      'Ownership',
      'Act on behalf of the whole company and the long term, never "that is not my job".',
      [],
      [
        'Tell me about a time you took on something outside your area because it mattered.',
        'Describe a time you chose the long-term fix over a quick one that would have looked better this quarter.',
        'Tell me about a problem you saw that was not yours to fix, and what you did about it.',
        'Give me an example of a time you owned a mistake from start to finish.',
        'Tell me about a project you kept going when others had moved on.',
      ],
    ),
    p(
      'Invent and Simplify',
      'Look for new ideas anywhere and make complicated things simpler.',
      [],
      [
        'Tell me about a time you found a simpler way to do something complex.',
        'Describe something you invented or introduced that others now rely on.',
        'Tell me about a time you removed a step, a tool or a process instead of adding one.',
        'Give me an example of an idea you borrowed from another team or field.',
        'Tell me about a new approach you tried that failed, and what you took from it.',
      ],
    ),
    p(
      'Are Right, A Lot',
      'Have good judgement and instincts, seek views that challenge yours.',
      [],
      [
        'Tell me about a decision you made with incomplete information.',
        'Describe a time your judgement turned out to be wrong, and how you found out.',
        'Tell me about a time you sought out a view that challenged your own.',
        'Give me an example of a call you made that most people disagreed with at first.',
        'Tell me about a time you had to choose between two reasonable options, and how you weighed them.',
      ],
    ),
    p(
      'Learn and Be Curious',
      'Keep learning, explore new areas, and keep getting better.',
      [],
      [
        'Tell me about something you taught yourself recently.',
        'Describe a time curiosity led you to find a problem or an opportunity.',
        'Tell me about a skill you lacked for a task, and how you closed the gap.',
        'Give me an example of something outside your field you learned that changed how you work.',
        'Tell me about a time you asked questions until you understood a system nobody could explain.',
      ],
    ),
    p(
      'Hire and Develop the Best',
      'Raise the bar with every hire and help people grow.',
      [],
      [
        'Tell me about someone you mentored and how they grew.',
        'Describe a time you helped raise the bar in hiring.',
        'Tell me about a time you gave someone difficult feedback.',
        'Give me an example of a time you helped a struggling colleague improve.',
        'Tell me about someone you recommended for a stretch role, and how it went.',
      ],
    ),
    p(
      'Insist on the Highest Standards',
      'Keep raising the bar so defects do not travel downstream.',
      ['Highest Standards'],
      [
        'Tell me about a time you refused to ship something that was not good enough.',
        'Describe a time you raised the quality bar for your team.',
        'Tell me about a defect you traced back to its cause so it could not happen again.',
        'Give me an example of a time you were not satisfied with work others called finished.',
        'Tell me about a standard you set that others now follow.',
      ],
    ),
    p(
      'Think Big',
      'Set a bold direction that inspires results and look for new ways to serve customers.',
      [],
      [
        'Tell me about a time you proposed something far larger than asked.',
        'Describe a long-term vision you set out and how you got others behind it.',
        'Tell me about a time you looked past the immediate task to a bigger opportunity.',
        'Give me an example of a bold bet you made, and what came of it.',
        'Tell me about a time you changed how a team or company thought about a problem.',
      ],
    ),
    p(
      'Bias for Action',
      'Move quickly: many decisions can be undone, so take calculated risks.',
      [],
      [
        'Tell me about a time you acted before you had every answer.',
        'Describe a time you took a calculated risk to meet a deadline.',
        'Tell me about a decision you made quickly because waiting would have cost more.',
        'Give me an example of a time you moved ahead while others wanted more analysis.',
        'Tell me about a time acting fast went wrong, and what you did next.',
      ],
    ),
    p(
      'Frugality',
      'Do more with less; constraints breed resourcefulness.',
      [],
      [
        'Tell me about a time you delivered with far fewer resources than planned.',
        'Describe a time you cut cost without cutting what customers got.',
        'Tell me about a time you turned down budget or headcount because you did not need it.',
        'Give me an example of a creative way you got around a missing tool or budget.',
        'Tell me about a time a constraint led you to a better solution.',
      ],
    ),
    p(
      'Earn Trust',
      'Listen, speak candidly, treat others with respect, and own your mistakes.',
      [],
      [
        'Tell me about a time you won over a sceptical stakeholder.',
        'Describe a time you told someone an uncomfortable truth.',
        'Tell me about a mistake you admitted to before anyone else found it.',
        'Give me an example of how you rebuilt a relationship after trust was damaged.',
        'Tell me about a time you had to deliver bad news to a partner or customer.',
      ],
    ),
    p(
      'Dive Deep',
      'Stay close to the details, audit often, and distrust numbers that do not add up.',
      [],
      [
        'Tell me about a problem you solved by digging into the data.',
        'Describe a time a metric or report looked wrong, and what you found underneath.',
        'Tell me about the most complex problem you traced to its root cause.',
        'Give me an example of a time you stayed close to the details when others relied on summaries.',
        "Tell me about a time you checked someone's numbers and found they did not add up.",
      ],
    ),
    p(
      'Have Backbone; Disagree and Commit',
      'Challenge decisions you disagree with, respectfully, then commit fully once made.',
      ['Disagree and Commit', 'Have Backbone'],
      [
        'Tell me about a time you disagreed with your manager.',
        'Describe a time you committed fully to a decision you had argued against.',
        'Tell me about a time you challenged a popular idea because you thought it was wrong.',
        "Give me an example of a time you changed a senior person's mind with evidence.",
        'Tell me about a time you held your position under pressure, and whether you were right.',
      ],
    ),
    p(
      'Deliver Results',
      'Focus on the inputs that matter and deliver them on time and with quality.',
      [],
      [
        'Tell me about a time you delivered despite a serious setback.',
        'Describe the result you are proudest of, and what it took to get there.',
        'Tell me about a time you missed a goal, and what you did about it.',
        'Give me an example of how you kept a project on track when priorities kept changing.',
        'Tell me about a time you had to choose what to drop to deliver what mattered.',
      ],
    ),
    p(
      "Strive to be Earth's Best Employer",
      'Make work safer, fairer and more rewarding for the people around you.',
      ["Earth's Best Employer"],
      [
        'Tell me about a time you made your team a better place to work.',
        'Describe a time you made a process fairer or safer for the people doing the work.',
        'Tell me about a time you noticed a colleague was struggling, and what you did.',
        'Give me an example of how you helped someone from a different background feel they belonged.',
        'Tell me about a time you reduced toil or stress for your team.',
      ],
    ),
    p(
      'Success and Scale Bring Broad Responsibility',
      'Consider the wider effects of your work on people, communities and the future.',
      ['Success and Scale'],
      [
        'Tell me about a time you weighed the wider impact of a decision.',
        'Describe a time you considered the effect of your work on people outside your team or company.',
        'Tell me about a time you changed a plan because of its effect on privacy, safety or the environment.',
        'Give me an example of a time growth or scale created a responsibility you had to take on.',
        'Tell me about a decision where doing the right thing cost your team something.',
      ],
    ),
  ],
};
