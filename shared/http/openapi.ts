import { z } from 'zod';
import { allowsAnyOrigin } from '../../infra/manifest/cors.ts';
import type { AuthKind, FunctionSpec, HttpTrigger, Manifest } from '../../infra/manifest/types.ts';
import type { RouteContract } from './contract.ts';

const SECURITY: Record<AuthKind, Record<string, string[]>[]> = {
  public: [],
  'store-key': [{ storeKey: [] }],
  'device-token': [{ deviceToken: [] }],
  'partner-signature': [{ partnerSignature: [] }],
  official: [{ official: [] }],
};

const SECURITY_SCHEMES: Record<string, Record<string, unknown>> = {
  storeKey: { type: 'http', scheme: 'bearer', description: 'A store API key, issued by an administrator.' },
  deviceToken: { type: 'http', scheme: 'bearer', description: 'A device token from quarantine enrolment.' },
  partnerSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description: 'Standard Webhooks signature (with webhook-id and webhook-timestamp headers) by the card company named in x-partner-id, over the body, or over the path and query of a request without one.',
  },
  official: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An official’s ID token.' },
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

/** Path and query schemas become OpenAPI parameters, one per property. */
const parameters = (location: 'path' | 'query', schema: z.ZodType | undefined) => {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
};

/**
 * Every problem status a client may meet, with when. Each is a shared response in `components`, so an
 * operation lists them by reference.
 */
const PROBLEM_RESPONSES: Record<number, { readonly name: string; readonly description: string }> = {
  400: { name: 'BadRequest', description: 'The request is not valid; `errors` names each field and what is wrong.' },
  401: { name: 'Unauthorized', description: 'Credentials are missing or not valid.' },
  403: { name: 'Forbidden', description: 'These credentials may not do this (another store, case or region).' },
  404: { name: 'NotFound', description: 'Nothing has this id.' },
  409: { name: 'Conflict', description: 'Conflicts with the current state; also a client-chosen id reused with a different body (`idempotency-key-reused`).' },
  410: { name: 'Gone', description: 'No longer there: a quarantine that has ended (`case-ended`).' },
  413: { name: 'PayloadTooLarge', description: 'The body is over the route’s limit, or over 10 MiB (the gateway’s).' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not in a media type the route takes.' },
  422: { name: 'Refused', description: 'Refused by a rule (rationing, stock); `detail` says which, to read aloud.' },
  429: {
    name: 'TooManyRequests',
    description: 'Throttled by the API stage; retry after a moment. API Gateway answers this one itself, as `{"message": "Too Many Requests"}`.',
  },
  503: { name: 'Busy', description: 'DynamoDB is busy; nothing was changed. Retry after `Retry-After` seconds.' },
};

/** What the tags group, for readers of the document. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  platform: 'Liveness and this document.',
  masks: 'Public mask stock at pharmacies, post offices and NongHyup marts: finding it, reporting it, rationed sales.',
  admin: 'Administrators: store imports and store keys, officials and the audit trail.',
  legacy: 'The 2020 public-mask API (`/corona19-masks/v1`), kept for the apps built on it.',
  officials: 'Officials signed in with their ID token.',
  alerts: 'The officials’ alerts: the inbox, its live feed, acknowledging and resolving.',
  quarantine: 'Self-quarantine: cases for officials; enrolment, check-ins and positions for the check-in app.',
  relief: 'Emergency relief funds: card companies as partners (their webhook secrets), webhooks, the ledger and its reports.',
};

const AUTH_SENTENCES: Record<AuthKind, string> = {
  public: 'Public: no credentials.',
  'store-key': 'Needs the store’s API key.',
  'device-token': 'Needs the device token from enrolment.',
  'partner-signature': 'Needs a card company’s Standard Webhooks signature.',
  official: 'Needs an official’s ID token.',
};

/** A body or query field the client names itself (`saleId`, `importId`): reusing it is a 409 case. */
const hasClientChosenId = (contract: RouteContract): boolean =>
  [contract.body, contract.query].some((schema) => {
    if (!schema) return false;
    const properties = (jsonSchema(schema, 'input') as { properties?: Record<string, unknown> }).properties ?? {};
    return Object.keys(properties).some((name) => /Id$/.test(name));
  });

/**
 * The problems a route can answer, derived from what the manifest and the contract say rather than
 * listed by hand: credentials give 401/403, a path parameter 404, a body 413/415, a client-chosen id 409,
 * a table 503 (busy), every route 429 (the stage's throttle); the contract adds its own (e.g. 422).
 */
const problemStatuses = (fn: FunctionSpec, trigger: HttpTrigger, contract: RouteContract): number[] => {
  const statuses = new Set<number>([400, 429, ...(contract.problems ?? [])]);
  if (trigger.auth !== 'public') [401, 403].forEach((s) => statuses.add(s));
  if (/\{[^}]+\}/.test(trigger.path)) statuses.add(404);
  if (contract.body) [413, 415].forEach((s) => statuses.add(s));
  if (trigger.method !== 'GET' && hasClientChosenId(contract)) statuses.add(409);
  const readsTables = Object.keys(fn.uses.tables ?? {}).length > 0 || trigger.auth === 'store-key' || trigger.auth === 'device-token';
  if (readsTables) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
};

export interface OpenApiOptions {
  /** Where the API is served. */
  readonly servers?: readonly { readonly url: string; readonly description: string; readonly variables?: Record<string, unknown> }[];
}

/** The deployment behind CloudFront, and `npm start` on this machine. */
const DEFAULT_SERVERS: OpenApiOptions['servers'] = [
  { url: 'https://crisis-response.go.kr', description: 'The public deployment (CloudFront in front of the HTTP API).' },
  { url: 'http://127.0.0.1:{port}', description: 'The local runtime (`npm start`).', variables: { port: { default: '3000', description: 'PORT of `npm start`.' } } },
];

export const openApiDocument = (manifest: Manifest, contracts: Readonly<Record<string, RouteContract>>, options: OpenApiOptions = {}) => {
  const paths: Record<string, Record<string, unknown>> = {};
  const usedTags = new Set<string>();
  const usedSchemes = new Set<string>();
  const usedProblems = new Set<number>();
  for (const fn of manifest.functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'http') continue;
      const contract = contracts[trigger.operationId];
      if (!contract) throw new Error(`Route ${trigger.method} ${trigger.path} has no contract '${trigger.operationId}'`);
      const responses: Record<string, unknown> = {};
      for (const [status, response] of Object.entries(contract.responses)) {
        responses[status] = {
          description: response.description,
          ...(response.schema
            ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } }
            : {}),
        };
      }
      for (const status of problemStatuses(fn, trigger, contract)) {
        const shared = PROBLEM_RESPONSES[status];
        if (!shared) throw new Error(`${contract.operationId} lists problem ${status}, which the document does not describe`);
        usedProblems.add(status);
        responses[String(status)] = { $ref: `#/components/responses/${shared.name}` };
      }
      contract.tags.forEach((tag) => usedTags.add(tag));
      Object.keys(SECURITY[trigger.auth][0] ?? {}).forEach((scheme) => usedSchemes.add(scheme));
      const openToAnyOrigin = allowsAnyOrigin(trigger) ? ' Any origin may call it from a browser (CORS).' : '';
      (paths[trigger.path] ??= {})[trigger.method.toLowerCase()] = {
        operationId: contract.operationId,
        summary: contract.summary,
        description: `${contract.description ? `${contract.description} ` : ''}${AUTH_SENTENCES[trigger.auth]}${openToAnyOrigin}`,
        tags: contract.tags,
        security: SECURITY[trigger.auth],
        parameters: [...parameters('path', contract.params), ...parameters('query', contract.query)],
        ...(contract.body
          ? {
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  (contract.bodyTypes ?? ['application/json']).map((type) => [type, { schema: jsonSchema(contract.body!, 'input') }]),
                ),
              },
            }
          : {}),
        responses,
      };
    }
  }

  const undescribed = [...usedTags].filter((tag) => !TAG_DESCRIPTIONS[tag]);
  if (undescribed.length > 0) throw new Error(`Tags without a description in shared/http/openapi.ts: ${undescribed.join(', ')}`);

  return {
    openapi: '3.1.0',
    info: {
      title: 'crisis-response',
      version: '1',
      description:
        'Public masks, self-quarantine check-ins and emergency relief funds. Every refusal is RFC 9457 problem+json with a `type` to branch on. ' +
        'A known path called with another method answers 405 with `Allow`; an unknown path 404. ' +
        'Limits, as API Gateway’s: a body of at most 10 MiB (413), a request line and header values of at most 10,240 bytes together (414, 431).',
      // The data is a public body's open data; KOGL Type 1 is Korea's licence for it (free use, with attribution).
      license: { name: 'KOGL Type 1 (Korea Open Government Licence, attribution)', url: 'https://www.kogl.or.kr/info/licenseType1.do' },
      contact: { name: 'crisis-response operations', url: 'https://crisis-response.go.kr/support', email: 'ops@crisis-response.go.kr' },
    },
    servers: options.servers ?? DEFAULT_SERVERS,
    tags: [...usedTags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
    paths,
    components: {
      schemas: { Problem: problemSchema },
      responses: Object.fromEntries(
        [...usedProblems].sort((a, b) => a - b).map((status) => {
          const { name, description } = PROBLEM_RESPONSES[status]!;
          const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
          // The stage's throttle is answered by API Gateway before any handler runs, in its own shape.
          const gateway = status === 429 ? { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } } : {};
          return [name, { description, content: { ...problem, ...gateway } }];
        }),
      ),
      securitySchemes: Object.fromEntries(Object.entries(SECURITY_SCHEMES).filter(([name]) => usedSchemes.has(name))),
    },
  };
};
