import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../../infra/manifest/index.ts';
import { contracts } from '../../../shared/contracts.ts';
import { openApiDocument } from '../../../shared/http/openapi.ts';

type Operation = { responses: Record<string, { $ref?: string }>; description: string };
const document = openApiDocument(manifest, contracts);
const operation = (path: string, method: string) => (document.paths[path] as Record<string, Operation>)[method] as Operation;
const statuses = (path: string, method: string) => Object.keys(operation(path, method).responses);

describe('the OpenAPI document, as API tooling reads it', () => {
  it('passes redocly lint with the recommended rules, warnings included', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('says where the API is served, under what licence, and whom to contact', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license.name).toBeTruthy();
    expect(document.info.contact.email ?? document.info.contact.url).toBeTruthy();
  });

  it('declares every tag an operation uses, each with a description', () => {
    const used = new Set(Object.values(document.paths).flatMap((ops) => Object.values(ops as Record<string, { tags: string[] }>).flatMap((o) => o.tags)));
    expect(document.tags.map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags) expect(tag.description, tag.name).toBeTruthy();
  });

  it('lists what a pharmacy recording a sale can meet', () => {
    expect(statuses('/v1/stores/{code}/sales', 'post')).toEqual(['201', '400', '401', '403', '404', '409', '413', '415', '422', '429', '503']);
  });

  it('lists no credential problems on the public reads, and the throttle and busy answers on each', () => {
    for (const path of ['/v1/stores/nearby', '/corona19-masks/v1/storesByGeo/json', '/corona19-masks/v1/sales/json']) {
      expect(statuses(path, 'get')).toEqual(['200', '400', '429', '503']);
      expect(operation(path, 'get').description).toContain('Any origin');
    }
  });

  it('gives credentialed routes 401 and 403, and bodies 413 and 415', () => {
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, Operation & { security: unknown[]; requestBody?: unknown }>)) {
        const listed = Object.keys(op.responses);
        if (op.security.length > 0) expect(listed, `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
        if (op.requestBody) expect(listed, `${method} ${path}`).toEqual(expect.arrayContaining(['413', '415']));
      }
    }
  });

  it('describes every problem answer as problem+json', () => {
    const responses = document.components.responses as Record<string, { content: Record<string, unknown> }>;
    for (const op of Object.values(document.paths).flatMap((ops) => Object.values(ops as Record<string, Operation>))) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const shared = responses[response.$ref?.split('/').pop() ?? ''];
        expect(shared?.content['application/problem+json'], status).toBeDefined();
      }
    }
  });
});
