import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';

export interface RouteMatch {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

const headersOf = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
};

/** Repeated query keys are joined with commas, as API Gateway's payload format 2.0 does. */
const queryOf = (search: URLSearchParams): Record<string, string> | undefined => {
  const query: Record<string, string> = {};
  for (const [key, value] of search) query[key] = key in query ? `${query[key]},${value}` : value;
  return Object.keys(query).length > 0 ? query : undefined;
};

const TEXT_TYPES = /^(application\/(json|problem\+json|x-www-form-urlencoded)|text\/)/;

/** An HTTP request as API Gateway HTTP API (payload format 2.0) hands it to a Lambda. */
export const toApiEvent = (request: IncomingMessage, url: URL, body: Buffer, match: RouteMatch): APIGatewayProxyEventV2 => {
  const headers = headersOf(request);
  const isText = body.byteLength === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const method = request.method ?? 'GET';
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: queryOf(url.searchParams),
    pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: match.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.byteLength === 0 ? undefined : isText ? body.toString('utf8') : body.toString('base64'),
    isBase64Encoded: !isText,
  };
};

export const toAuthorizerEvent = (event: APIGatewayProxyEventV2): APIGatewayRequestAuthorizerEventV2 => ({
  version: '2.0',
  type: 'REQUEST',
  routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.requestContext.http.method}${event.rawPath}`,
  identitySource: event.headers.authorization ? [event.headers.authorization] : [],
  routeKey: event.routeKey,
  rawPath: event.rawPath,
  rawQueryString: event.rawQueryString,
  cookies: [],
  headers: event.headers as Record<string, string>,
  queryStringParameters: (event.queryStringParameters ?? {}) as Record<string, string>,
  requestContext: event.requestContext,
  pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
  stageVariables: {},
});

/** What API Gateway does with a handler's answer, including the bare-object shorthand. */
export const fromApiResult = (result: unknown): { status: number; headers: Record<string, string>; body: Buffer } => {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const structured = result as APIGatewayProxyStructuredResultV2;
    const raw = structured.body ?? '';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
    return {
      status: structured.statusCode ?? 200,
      headers,
      body: structured.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8'),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(typeof result === 'string' ? result : JSON.stringify(result ?? null), 'utf8'),
  };
};
