import { HttpProblem, type Problem } from './problem.ts';

/** DynamoDB's words for "too much at once": the client should retry, nothing was wrong with its request. */
const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
]);

const isTransactionConflict = (error: Error): boolean =>
  error.name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
    (reason) => reason.Code === 'TransactionConflict',
  );

export const toProblem = (error: unknown, requestId: string): { problem: Problem; headers: Record<string, string> } => {
  if (error instanceof HttpProblem) return { problem: error.problem, headers: { ...error.headers } };
  if (error instanceof Error && (THROTTLED.has(error.name) || isTransactionConflict(error))) {
    return {
      problem: new HttpProblem({
        type: 'busy',
        title: 'The service is busy',
        status: 503,
        detail: 'Too many requests touched the same data at once. Nothing was changed; try again in a second.',
      }).problem,
      headers: { 'retry-after': '1' },
    };
  }
  return {
    problem: new HttpProblem({
      type: 'internal',
      title: 'Something went wrong on our side',
      status: 500,
      detail: `The request could not be completed. Quote request id ${requestId} when you report it.`,
    }).problem,
    headers: {},
  };
};
