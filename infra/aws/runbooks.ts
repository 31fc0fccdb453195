/**
 * The runbooks in `docs/runbooks.md`, by the anchor each one carries (`<a id="…">`). An alarm's
 * description ends with its runbook's address; a test checks that every alarm names one that exists.
 */
export const RUNBOOKS = [
  'function-errors',
  'function-throttles',
  'failure-queue',
  'api-5xx',
  'topic-subscriptions',
  'operations-email',
  'forwarded-events',
  'queue-dead-letters',
  'queue-backlog',
] as const;

export type Runbook = (typeof RUNBOOKS)[number];

/** Where the runbooks live for whoever reads the alarm: the repository's file, by path and anchor. */
export const runbookUrl = (runbook: Runbook): string => `docs/runbooks.md#${runbook}`;
