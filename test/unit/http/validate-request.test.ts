import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract, type RouteContract } from '../../../shared/http/contract.ts';
import { HttpProblem } from '../../../shared/http/problem.ts';
import { queryNumber } from '../../../shared/http/query-number.ts';
import { validateRequest } from '../../../shared/http/validate-request.ts';

const contract = defineContract({
  operationId: 'tryIt',
  summary: 'a route with a two-shaped body and a query number',
  tags: [],
  query: z.object({ n: queryNumber(z.number().int().min(1).default(1)) }),
  body: z
    .union([z.object({ count: z.number(), at: z.string() }).strict(), z.object({ status: z.literal('off') }).strict()])
    .describe('send {"count": …, "at": …} or {"status": "off"}'),
  responses: { 200: { description: 'ok' } },
});
const fileContract = defineContract({ ...contract, operationId: 'upload', bodyTypes: ['text/csv'], body: z.string() });

const problemsOf = (body: string, query: Record<string, string> = {}, route: RouteContract = contract, mediaType = 'application/json') => {
  try {
    validateRequest(route, { queryStringParameters: query, pathParameters: {} } as unknown as APIGatewayProxyEventV2, { text: body, mediaType });
  } catch (error) {
    if (error instanceof HttpProblem) return error.problem.errors ?? [];
    throw error;
  }
  return [];
};

describe('validation problems', () => {
  it('name the field and what is wrong with it, in the shape the client came closest to', () => {
    expect(problemsOf('{"cuont": 1, "at": "x"}')).toEqual([
      { field: 'body.count', message: 'required' },
      { field: 'body.cuont', message: 'unknown field' },
    ]);
    expect(problemsOf('{"count": 1}')).toEqual([{ field: 'body.at', message: 'required' }]);
    expect(problemsOf('{"count": "1", "at": "x"}')).toEqual([{ field: 'body.count', message: 'expected a number, got a string' }]);
    expect(problemsOf('{"status": "on"}')).toEqual([{ field: 'body.status', message: 'expected "off"' }]);
  });

  it('say what to send when there is no body at all', () => {
    const hint = [{ field: 'body', message: 'required (send {"count": …, "at": …} or {"status": "off"})' }];
    expect(problemsOf('')).toEqual(hint);
    expect(problemsOf('{}')).toEqual(hint);
  });

  it('say a file is empty rather than "required"', () => {
    expect(problemsOf('', {}, fileContract, 'text/csv')).toEqual([{ field: 'body', message: 'the file is empty' }]);
    expect(problemsOf(' \n ', {}, fileContract, 'text/csv')).toEqual([{ field: 'body', message: 'the file is empty' }]);
  });

  it('read query numbers only as plain decimals', () => {
    for (const n of ['0x10', '0b1', '0o7', '1e3', 'Infinity', ' 12', '12 ', '+3', '.5']) {
      expect(problemsOf('{"status": "off"}', { n }).map((p) => p.field), n).toEqual(['query.n']);
    }
    expect(problemsOf('{"status": "off"}', { n: '12' })).toEqual([]);
    expect(problemsOf('{"status": "off"}', { n: '' })).toEqual([]);
  });
});
