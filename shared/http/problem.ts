/**
 * RFC 9457 problem details. Every refusal a client can see is one of these, with a `type` URI a
 * client can branch on and a `detail` a person can read.
 */

export const PROBLEM_BASE = 'https://crisis-response.go.kr/problems/';

export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. `body.remaining` or `query.lat`. */
  readonly field: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly errors?: readonly FieldProblem[];
  /** Extension members (RFC 9457 §3.2), e.g. `retryAfterSeconds`. */
  readonly [extension: string]: unknown;
}

export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;

  constructor(problem: Problem, headers: Record<string, string> = {}) {
    super(problem.detail);
    this.problem = { ...problem, type: problem.type.includes(':') ? problem.type : PROBLEM_BASE + problem.type };
    this.headers = headers;
  }
}

const problem =
  (status: number, type: string, title: string) =>
  (detail: string, extra: Partial<Problem> = {}): HttpProblem =>
    new HttpProblem({ type, title, status, detail, ...extra });

export const badRequest = problem(400, 'bad-request', 'The request is not valid');
export const validationFailed = (errors: readonly FieldProblem[]): HttpProblem =>
  new HttpProblem({
    type: 'validation',
    title: 'Some fields are not valid',
    status: 400,
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
export const unauthorized = (detail: string): HttpProblem =>
  new HttpProblem(
    { type: 'unauthorized', title: 'Credentials are missing or not valid', status: 401, detail },
    { 'www-authenticate': 'Bearer' },
  );
export const forbidden = problem(403, 'forbidden', 'These credentials may not do this');
export const notFound = problem(404, 'not-found', 'Not found');
export const methodNotAllowed = (method: string, path: string, allowed: readonly string[]): HttpProblem =>
  new HttpProblem(
    {
      type: 'method-not-allowed',
      title: 'Method not allowed',
      status: 405,
      detail: `${path} does not accept ${method}; it accepts ${allowed.join(', ')}.`,
    },
    { allow: allowed.join(', ') },
  );
export const conflict = problem(409, 'conflict', 'The request conflicts with the current state');
/** A client-chosen id (saleId, importId) sent again with a different request: never silently the first answer. */
export const idempotencyKeyReused = problem(409, 'idempotency-key-reused', 'This id was already used for another request');
export const payloadTooLarge = problem(413, 'payload-too-large', 'The request body is too large');
export const unsupportedMediaType = problem(415, 'unsupported-media-type', 'The request body type is not supported');
export const unavailable = problem(503, 'unavailable', 'The service is temporarily unavailable');

export const problemResponse = (p: Problem, headers: Readonly<Record<string, string>> = {}) => ({
  statusCode: p.status,
  headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(p),
});
