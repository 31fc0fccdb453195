import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { RouteContract } from './contract.ts';
import type { RawBody } from './request-body.ts';
import { badRequest, validationFailed, type FieldProblem } from './problem.ts';

const fieldProblems = (location: string, error: z.ZodError): FieldProblem[] =>
  error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));

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
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    problems.push(...fieldProblems(location, result.error));
    return undefined;
  };

  const bodyValue = (): unknown => {
    if (!contract.body || raw.text === '') return undefined;
    return raw.mediaType === 'application/json' ? parseJson(raw.text) : raw.text;
  };

  const params = check('path', contract.params, event.pathParameters ?? {});
  const query = check('query', contract.query, event.queryStringParameters ?? {});
  const body = check('body', contract.body, bodyValue());
  if (problems.length > 0) throw validationFailed(problems);
  return { params, query, body };
};
