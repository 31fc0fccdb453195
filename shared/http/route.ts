import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { allowsAnyOrigin, ANY_ORIGIN_HEADERS, CORS_POLICY, PREFLIGHT_HEADERS } from '../../infra/manifest/cors.ts';
import { manifest as systemManifest, type HttpTrigger, type Manifest } from '../../infra/manifest/index.ts';
import type { Principal } from '../auth/principal.ts';
import { config } from '../config.ts';
import { instrumented } from '../instrumented.ts';
import { logger } from '../observability.ts';
import { authenticate } from './authenticate.ts';
import type { Infer, RouteContract } from './contract.ts';
import { readBody } from './request-body.ts';
import { problemResponse } from './problem.ts';
import { toProblem } from './to-problem.ts';
import { validateRequest } from './validate-request.ts';

export interface RouteRequest<C extends RouteContract> {
  readonly params: Infer<C['params']>;
  readonly query: Infer<C['query']>;
  readonly body: Infer<C['body']>;
  readonly principal: Principal;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
  /** The caller's address as API Gateway saw it: for per-client attempt limits, never stored as is. */
  readonly sourceIp: string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** A non-JSON body (CSV, HTML) is sent as is with its own content-type header. */
  readonly raw?: boolean;
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({ status, body, headers });

/** The manifest route of an operation: its method, path and auth kind. */
export const triggerOf = (manifest: Manifest, operationId: string): HttpTrigger => {
  for (const fn of manifest.functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind === 'http' && trigger.operationId === operationId) return trigger;
    }
  }
  throw new Error(`No manifest route has operationId '${operationId}'`);
};

/**
 * The one HTTP handler stack: observability, auth by the route's manifest kind, body limits, zod
 * validation, and every failure as problem+json. `handle` holds no more than the call to the service.
 */
export const httpRoute = <C extends RouteContract>(
  contract: C,
  handle: (request: RouteRequest<C>) => Promise<Reply>,
  /** The manifest that routes here; test fixtures bring their own. */
  manifest: Manifest = systemManifest,
) => {
  const trigger = triggerOf(manifest, contract.operationId);
  const checkResponses = config.runtime === 'local';
  // Said by the handler, not by the API, so that API Gateway and the local gateway answer alike.
  const crossOrigin = allowsAnyOrigin(trigger) ? ANY_ORIGIN_HEADERS : {};
  const withCrossOrigin = (result: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 => ({
    ...result,
    headers: { ...result.headers, ...crossOrigin },
  });

  return instrumented<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>().handler(
    async (event: APIGatewayProxyEventV2, context: Context) => {
      const requestId = event.requestContext.requestId;
      // Only routes open to any origin have a preflight route; its answer needs no auth and no input.
      if (event.requestContext.http.method === 'OPTIONS' && allowsAnyOrigin(trigger)) {
        return { statusCode: 204, headers: { ...PREFLIGHT_HEADERS, 'cache-control': `public, max-age=${CORS_POLICY.maxAgeSeconds}` }, body: '' };
      }
      try {
        const rawBody = readBody(contract, event);
        const principal = await authenticate(trigger.auth, event, rawBody.text);
        const input = validateRequest(contract, event, rawBody);
        const reply = await handle({ ...input, principal, headers: event.headers, requestId, sourceIp: event.requestContext.http.sourceIp } as RouteRequest<C>);
        if (checkResponses) assertMatchesContract(contract, reply);
        return withCrossOrigin(toResult(reply));
      } catch (error) {
        const { problem, headers } = toProblem(error, requestId);
        if (problem.status >= 500) logger.error('request failed', { error, requestId, fn: context.functionName });
        return withCrossOrigin(problemResponse({ ...problem, instance: event.rawPath }, headers));
      }
    },
  );
};

const toResult = (reply: Reply): APIGatewayProxyStructuredResultV2 => {
  if (reply.raw) return { statusCode: reply.status, headers: { ...reply.headers }, body: String(reply.body ?? '') };
  return {
    statusCode: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    body: reply.body === undefined ? '' : JSON.stringify(reply.body),
  };
};

/** Locally (development, tests) every answer is checked against its documented schema. */
const assertMatchesContract = (contract: RouteContract, reply: Reply): void => {
  const schema: z.ZodType | undefined = contract.responses[reply.status]?.schema;
  if (!contract.responses[reply.status]) {
    throw new Error(`${contract.operationId} answered ${reply.status}, which its contract does not list`);
  }
  if (schema && !reply.raw) {
    const result = schema.safeParse(reply.body);
    if (!result.success) throw new Error(`${contract.operationId} answered outside its contract: ${result.error.message}`);
  }
};
