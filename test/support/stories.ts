// A story shared by tests of metric claims and hover: warehouse dashboards,
// told in four marked parts; its title, company and Result sentence vary.

/** The story with `title`, `company` (both YAML-quoted as given) and the Result sentence `result`. */
export function dashboardStory(title: string, result: string, company = 'Harborline'): string {
  return `---
title: ${JSON.stringify(title)}
principles: [Dive Deep]
company: ${JSON.stringify(company)}
---

## Situation
Warehouse dashboards timed out every Monday morning.

## Task
I owned the query layer for the stock reports.

## Action
I profiled the slowest queries, added clustering keys and rewrote two joins.

## Result
${result}
`;
}
