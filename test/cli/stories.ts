// Small, realistic stories for the CLI tests. Each builder returns the text of
// one markdown file; the comments say what the checks should make of it.

export interface StoryOptions {
  title?: string;
  /** Written as a YAML block list; `[]` leaves the key out. */
  principles?: string[];
  company?: string;
}

function frontmatter(o: Required<StoryOptions>): string {
  const lines = ['---', `title: ${o.title}`];
  if (o.principles.length) lines.push('principles:', ...o.principles.map((p) => `  - ${p}`));
  lines.push(`company: ${o.company}`, '---');
  return `${lines.join('\n')}\n`;
}

/**
 * A complete single-story file with no problems at all: four parts (Situation
 * at line 9, Task 16, Action 21, Result 34 when it has two principles), 242
 * words, most of them in the Action, and numbers in the Result.
 */
export function checkoutStory(opts: StoryOptions = {}): string {
  const o = { title: 'Cutting checkout latency before the holiday peak', principles: ['Dive Deep', 'Deliver Results'], company: 'Brightcart', ...opts };
  return `${frontmatter(o)}
## Situation

Brightcart is a mid-sized online grocery shop, and I was a backend engineer on
its payments team. Six weeks before the holiday sales peak, the dashboards
showed that the slowest checkouts were getting slower every week, and shoppers
on older phones were abandoning their baskets at the payment step.

## Task

My manager asked me to find out why checkout had slowed down and to bring its
p95 latency under half a second before the code freeze.

## Action

I started by refusing to guess. I added tracing spans around every call the
checkout endpoint made and let them collect two days of real traffic. The
traces showed that most of the time was not spent in the payment provider, as
everyone had assumed, but in a loyalty-points lookup that ran a separate
database query for every item in the basket. I replaced the loop with a single
batched query and measured it against a copy of production data. I shipped the
change behind a feature flag to a small slice of traffic, compared the traces
side by side for a day, and widened the rollout in steps while I watched the
error rates. Finally I wrote a short runbook so the on-call engineer could
switch the flag off in seconds if anything looked wrong.

## Result

The p95 checkout latency fell from 1.8 s to 420 ms, two weeks ahead of the
code freeze. Abandoned baskets at the payment step dropped by 11% over the
holiday month.
`;
}

/** A second complete, clean single-story file (Frugality, Ownership by default). */
export function cloudCostStory(opts: StoryOptions = {}): string {
  const o = { title: 'Trimming a runaway cloud bill', principles: ['Frugality', 'Ownership'], company: 'Tallow Analytics', ...opts };
  return `${frontmatter(o)}
## Situation

Tallow Analytics ran its reporting pipeline on a cloud account that nobody
really owned. I was one of four data engineers, and in the spring the finance
team flagged that the monthly bill had grown faster than our customer base for
three quarters in a row.

## Task

I volunteered to find where the money was going and to bring the bill back in
line without slowing down the reports our customers relied on.

## Action

I exported a month of billing data and grouped every charge by the tag of the
job that caused it. Half of the untagged spend came from test clusters that
people had started for experiments and then forgotten, so I wrote a small job
that stopped any cluster idle for more than a day and posted a note in the
owner's channel first. I then looked at the nightly aggregation, which read the
full history every night, and I changed it to process only the new partitions.
I moved the raw logs older than ninety days to cold storage after checking with
the support team that they never needed them quickly. I shared a weekly cost
report with the team so that everyone could see the effect of their own jobs.

## Result

The monthly cloud bill fell by 38% within two months, the nightly aggregation
finished forty minutes sooner, and no customer report was delayed.
`;
}

/**
 * Two problems: no Task part (warning, `missing-section`) and the misspelt
 * "Customer Obssesion" (error, `unknown-principle`, line 4 column 5).
 */
export function refundStory(): string {
  return `---
title: Fixing a confusing refund flow
principles:
  - Customer Obssesion
  - Earn Trust
company: Pebble Books
---

## Situation

Pebble Books sells second-hand textbooks to students. I was a full-stack
developer on the web team when the customer support lead showed me that refund
tickets had tripled in a month, and most of them asked the same question: where
is my money?

## Action

I read fifty of the tickets myself and then sat with two support agents for an
afternoon while they answered new ones. Customers could not tell a store credit
from a card refund, because the refund page offered both in the same grey box.
I rewrote the page with a clear choice between the two, added a line telling
customers how many days each option takes, and sent a confirmation email that
repeats their choice. I tested the new page with five students from the support
queue before I shipped it, and I changed the wording twice after watching them
use it. I also asked the support lead to tag refund tickets for a month so that
we could see whether the change had worked.

## Result

Refund tickets fell by 40% in the following month, and the support team
stopped using the saved reply they had written for the old page.
`;
}

/**
 * A story bank of two heading stories tagged with `Principles:` lines:
 * "Renewing an expiring certificate at midnight" (Bias for Action, line 5) and
 * "Tracing a memory leak in the billing service" (Dive Deep, line 26).
 */
export function storyBank(): string {
  return `# My story bank

These are the stories I am rehearsing for my onsite loop.

## Renewing an expiring certificate at midnight

Principles: Bias for Action

**Situation:** At Larchmont Energy the certificate on our customer portal was
about to expire at midnight on a Friday, and the engineer who owned it was on a
flight with no way to reach him.

**Task:** I was the only person on call with access to the load balancer, so it
fell to me to renew the certificate before customers saw security warnings.

**Action:** I read the runbook and found that the renewal script pointed at a
retired account. I fixed the account name, ran the renewal in staging first and
then in production, and checked the portal from my phone and from a laptop on
another network. I wrote down every step I took in the incident channel so the
owner could review it when he landed, and I opened a ticket to move the
certificate to automatic renewal.

**Result:** The certificate was renewed 40 minutes before it expired, and not a
single customer saw a warning.

## Tracing a memory leak in the billing service

Principles: Dive Deep

**Situation:** For several weeks the billing service at Larchmont Energy had
been restarting every few hours in production, and each restart dropped the
invoices it was generating at the time.

**Task:** I was asked to find the cause of the restarts before the quarterly
billing run, when the volume of invoices would triple.

**Action:** I graphed the memory of each instance next to the restart times,
which showed a steady climb rather than sudden spikes. I captured heap dumps
an hour apart and compared them object by object. The growth came from a cache
of tariff tables whose key included a timestamp, so I changed the key to the
tariff version alone, added a size limit as a guard, and added an alert on
memory growth so that a similar leak would page someone long before a restart.

**Result:** Peak memory per instance fell from 4 GB to 600 MB, and the service
ran for 30 days without a single restart.
`;
}

/** A README with no story in it: it must get no diagnostics at all. */
export const README = `# Interview prep

This folder holds my behavioral-interview stories, one per file. Run the
checker before every mock interview. Ask Priya for the shared question list;
she keeps 25 questions in it and updates them every two weeks.

- Keep each answer to about two minutes.
- Lead with the result when the interviewer is short of time.
`;

/**
 * A short story with many structural problems: we-not-i (information, line 7),
 * section-order (Situation line 10, Task line 12), empty-section (Task, line
 * 12), duplicate-section (the second Result, line 16), story-length (info).
 */
export function messyStory(): string {
  return `# Story bank

## Untangling the deploy pipeline

Principles: Ownership

**Action:** We rewrote our deploy scripts, we moved our jobs to the new runners,
and we asked the platform team to review us before the switch.

**Situation:** Deploys at Fernhill took an hour and failed one time in five.

**Task:** TODO

**Result:** Deploys now take 12 minutes.

**Result:** The failure rate fell from one deploy in five to one in fifty.
`;
}

/** Frontmatter that breaks the story schema: `principles: 5` (frontmatter-invalid, error, line 3). */
export function badFrontmatterStory(): string {
  return `---
title: Migrating the billing database
principles: 5
---

## Situation

The billing database ran on hardware that was out of support.
`;
}
