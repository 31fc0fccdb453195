import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteContract } from './contract.ts';
import type { RawBody } from './request-body.ts';
import { badRequest, validationFailed, type FieldProblem } from './problem.ts';

type Issue = z.core.$ZodIssue;

const kindOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && Number.isNaN(value)) return 'not a number';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `a ${typeof value}` : typeof value;
};
const article = (expected: string): string => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
const isEmpty = (value: unknown): boolean =>
  value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * Of a union's alternatives, the one the client most likely meant: the one it came closest to (fewest
 * problems), the first on a tie. Zod alone says only "Invalid input", which names nothing.
 */
const closestAlternative = (errors: readonly (readonly Issue[])[]): readonly Issue[] =>
  errors.reduce((best, candidate) => (candidate.length < best.length ? candidate : best), errors[0] ?? []);

/** Each problem names its field and says what is wrong in words a client developer can act on. */
const fieldProblems = (location: string, issues: readonly Issue[], schema: z.ZodType, base: readonly PropertyKey[] = []): FieldProblem[] =>
  issues.flatMap((issue): FieldProblem[] => {
    const path = [...base, ...issue.path];
    const field = [location, ...path.map(String)].join('.');
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: `${field}.${key}`, message: 'unknown field' }));
      case 'invalid_type':
        if (issue.input === undefined) {
          const hint = path.length === 0 ? schema.description : undefined;
          return [{ field, message: hint ? `required (${hint})` : 'required' }];
        }
        return [{ field, message: `expected ${article(issue.expected)}, got ${kindOf(issue.input)}` }];
      case 'invalid_value':
        return [{ field, message: `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}` }];
      case 'invalid_union':
        if (path.length === 0 && schema.description && isEmpty(issue.input)) return [{ field, message: `required (${schema.description})` }];
        return fieldProblems(location, closestAlternative(issue.errors), schema, path);
      default:
        return [{ field, message: issue.message }];
    }
  });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
};

/** Path, query and body checked together so that a client sees every field problem at once. */
export const validateRequest = (contract: RouteContract, event: APIGatewayProxyEventV2, raw: RawBody) => {
  const problems: FieldProblem[] = [];
  const check = (location: string, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    problems.push(...fieldProblems(location, result.error.issues, schema));
    return undefined;
  };

  const takesFile = contract.bodyTypes?.includes('text/csv') ?? false;
  const bodyValue = (): unknown => {
    if (!contract.body || raw.text === '' || (takesFile && raw.text.trim() === '')) return undefined;
    return raw.mediaType === 'application/json' ? parseJson(raw.text) : raw.text;
  };
  const checkBody = (value: unknown): unknown => {
    // A route that takes a file says the file is empty, which "required" would not.
    if (takesFile && contract.body && value === undefined) {
      problems.push({ field: 'body', message: 'the file is empty' });
      return undefined;
    }
    return check('body', contract.body, value);
  };

  const params = check('path', contract.params, event.pathParameters ?? {});
  const query = check('query', contract.query, event.queryStringParameters ?? {});
  const body = checkBody(bodyValue());
  if (problems.length > 0) throw validationFailed(problems);
  return { params, query, body };
};
