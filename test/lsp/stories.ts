// Realistic story markdown for the language-server tests. Each test writes
// the texts it needs into its own temporary workspace folder.
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import type { TestClient } from './harness';

/** A clean single-story file: four parts, 1 to 3 minutes, a quantified result, known tags. */
export const CLEAN_STORY = `---
title: Cutting checkout latency before the holiday peak
principles: [Dive Deep, Deliver Results]
company: Northwind
---

## Situation
Six weeks before the holiday peak, checkout at Northwind slowed to a p95 of
1.8 seconds whenever traffic doubled. Conversion dropped on every slow day and
the payments team was paged most nights.

## Task
As the engineer on call for checkout, I owned getting latency under 500 ms
before the peak without freezing feature work for the rest of the team.

## Action
I pulled a week of traces and sorted the slow requests by the span that
dominated them. I found that nine in ten slow checkouts waited on a tax lookup
that called an external service once per cart line. I wrote a small cache keyed
by region and product class, measured its hit rate on a replay of real traffic,
and added a circuit breaker so a slow tax service could not stall the page. I
paired with the payments lead to review the failure modes, then rolled the
change out to five percent of traffic, watched the error budget for two days,
and widened it step by step. I wrote a runbook for the cache and walked the
on-call rotation through it.

## Result
p95 checkout latency fell from 1.8 s to 420 ms, and the holiday peak passed
with zero checkout incidents. Night pages for payments dropped by 80% over the
next quarter.
`;

/** A single-story file with no Task part (`missing-section`, data.part = task). */
export const NO_TASK_STORY = `---
title: Moving nightly reports off a dying server
principles: [Ownership]
company: Contoso
---

## Situation
Our nightly finance reports ran on a single server that was out of warranty
and had failed twice in a month.

## Action
I inventoried the eleven report jobs, rewrote them as scheduled container
tasks, and ran both systems side by side for two weeks to compare outputs.

## Result
All eleven reports moved with zero missed deliveries, and the old server was
switched off a month early, saving $18,000 a year.
`;

/**
 * A story bank: `##` story headings, a `Principles:` line, `###` parts.
 * Story 1 has a misspelt principle; story 2 has no Result; story 3 tags five principles.
 */
export const BANK = `# My interview stories

## Refund flow rewrite
Principles: Customer Obssesion, Ownership

### Situation
Customers waited up to ten days for refunds on cancelled orders.

### Task
I was asked to bring refunds under two days.

### Action
I mapped every hand-off in the refund flow and removed the manual approval step for orders under $200.

### Result
Median refund time fell from 10 days to 1.5 days.

## Migrating the build to Bazel
Principles: Invent and Simplify

### Situation
Our monorepo build took forty minutes on every pull request.

### Task
I owned cutting build time without stopping feature work.

### Action
I moved the slowest packages to Bazel first and added a remote cache.

## Launching the partner portal
Principles: Think Big, Bias for Action, Frugality, Earn Trust, Deliver Results

### Situation
Partners emailed spreadsheets to account managers every week.

### Task
I had to give partners a self-service portal within one quarter.

### Action
I shipped a read-only portal first and added uploads a month later.

### Result
Spreadsheet emails dropped by 90% within two months.
`;

/** A bank of bold pseudo-headings with bold labels; the first story has no Task. */
export const BOLD_BANK = `## Behavioral stories

**1. Dive Deep: Tracing a memory leak in the billing service**

**Situation:** The billing service restarted every six hours because its heap kept growing.

**Action:** I took heap dumps an hour apart, diffed them and found a cache that never evicted invoices.

**Result:** Restarts stopped and memory use fell by 70%.

**2. Bias for Action: Shipping a hotfix during an outage**

**Situation:** Checkout failed for a tenth of users after a bad deploy.

**Task:** I was the only engineer online who knew the payment code.

**Action:** I rolled back the payment module alone and paged the owners.

**Result:** Checkout recovered within 12 minutes.
`;

/** A story whose Action says "we" far more than "I" (we-not-i, hint). */
export const WE_STORY = `---
title: Rebuilding the search index
principles: [Learn and Be Curious]
---

## Situation
Search results went stale for hours after every catalogue import.

## Task
I had to make new products searchable within five minutes of import.

## Action
We split the import into batches, we rebuilt the index in place, and our team
reviewed the plan together before we shipped it.

## Result
New products became searchable in under 3 minutes.
`;

/** Count how many lines of `original` are missing from `result` (each original line must survive). */
export function lostLines(original: string, result: string): string[] {
  const pool = result.split('\n');
  const lost: string[] = [];
  for (const line of original.split('\n')) {
    const i = pool.indexOf(line);
    if (i < 0) lost.push(line);
    else pool.splice(i, 1);
  }
  return lost;
}

/** The 0-based line of the `nth` (0-based) line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, nth = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (lines[i]!.includes(needle) && seen++ === nth) return i;
  throw new Error(`"${needle}" is not in the text`);
}

/** Amazon's 16 Leadership Principles, the default framework (as the CLI tests name them). */
export { AMAZON_PRINCIPLES as PRINCIPLES } from '../cli/helpers';

/** The server still answers a hover on checkout.md (CLEAN_STORY) and its process is alive. */
export async function stillServing(c: TestClient): Promise<void> {
  const h = await c.request<Hover | null>('textDocument/hover', {
    textDocument: { uri: c.uri('checkout.md') },
    position: { line: lineOf(CLEAN_STORY, '## Action'), character: 4 },
  });
  assert.ok(h && JSON.stringify(h.contents).includes('words'), JSON.stringify(h));
  assert.equal(c.exited, false, `the server exited; stderr: ${c.stderr}`);
  assert.equal(c.proc.exitCode, null);
}
