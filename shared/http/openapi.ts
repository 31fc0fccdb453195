import { z } from 'zod';
import type { AuthKind, Manifest } from '../../infra/manifest/types.ts';
import type { RouteContract } from './contract.ts';

const SECURITY: Record<AuthKind, Record<string, string[]>[]> = {
  public: [],
  'store-key': [{ storeKey: [] }],
  'device-token': [{ deviceToken: [] }],
  'partner-signature': [{ partnerSignature: [] }],
  official: [{ official: [] }],
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

const PROBLEM_TITLES: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'Credentials are missing or not valid.',
  403: 'These credentials may not do this.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  413: 'Body too large.',
  422: 'Refused by a rule.',
  429: 'Too many requests.',
  503: 'Busy or unavailable; retry.',
};

export const openApiDocument = (manifest: Manifest, contracts: Readonly<Record<string, RouteContract>>) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const fn of manifest.functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'http') continue;
      const contract = contracts[trigger.operationId];
      if (!contract) throw new Error(`Route ${trigger.method} ${trigger.path} has no contract '${trigger.operationId}'`);
      const problemStatuses = new Set([400, ...(trigger.auth === 'public' ? [] : [401, 403]), ...(contract.problems ?? [])]);
      const responses: Record<string, unknown> = {};
      for (const [status, response] of Object.entries(contract.responses)) {
        responses[status] = {
          description: response.description,
          ...(response.schema
            ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } }
            : {}),
        };
      }
      for (const status of problemStatuses) {
        responses[String(status)] = {
          description: PROBLEM_TITLES[status] ?? 'Problem.',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
      (paths[trigger.path] ??= {})[trigger.method.toLowerCase()] = {
        operationId: contract.operationId,
        summary: contract.summary,
        ...(contract.description ? { description: contract.description } : {}),
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

  return {
    openapi: '3.1.0',
    info: {
      title: 'crisis-response',
      version: '1',
      description: 'Public masks, self-quarantine check-ins and emergency relief funds. Errors are RFC 9457 problem+json.',
    },
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        storeKey: { type: 'http', scheme: 'bearer', description: 'A store API key, issued by an administrator.' },
        deviceToken: { type: 'http', scheme: 'bearer', description: 'A device token from quarantine enrolment.' },
        partnerSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description: 'Standard Webhooks signature (with webhook-id and webhook-timestamp headers).',
        },
        official: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An official’s ID token.' },
      },
    },
  };
};
