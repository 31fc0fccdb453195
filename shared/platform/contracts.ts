import { z } from 'zod';
import { OFFICIAL_ROLES } from '../auth/principal.ts';
import { defineContract } from '../http/contract.ts';

export const getHealth = defineContract({
  operationId: 'getHealth',
  summary: 'Liveness, including a DynamoDB read',
  tags: ['platform'],
  responses: {
    200: {
      description: 'The service and its database answer.',
      schema: z.object({
        status: z.literal('ok'),
        service: z.string(),
        runtime: z.enum(['aws', 'local']),
        database: z.object({ status: z.literal('ok'), latencyMs: z.number().nonnegative() }),
        time: z.iso.datetime(),
      }),
    },
  },
  problems: [503],
});

export const getOpenApi = defineContract({
  operationId: 'getOpenApi',
  summary: 'This API as an OpenAPI 3.1 document',
  tags: ['platform'],
  responses: {
    200: { description: 'The OpenAPI document.', schema: z.object({ openapi: z.string() }).loose() },
  },
});

export const getOfficialMe = defineContract({
  operationId: 'getOfficialMe',
  summary: 'The signed-in official',
  tags: ['officials'],
  responses: {
    200: {
      description: 'Role, region and officer id from the token.',
      schema: z.object({
        officerId: z.string(),
        role: z.enum(OFFICIAL_ROLES),
        region: z.string().regex(/^\d{2}$/),
      }),
    },
  },
});
