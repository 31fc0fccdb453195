import { describe, expect, it } from 'vitest';
import { manifest } from '../../../infra/manifest/index.ts';
import { contracts } from '../../../shared/contracts.ts';
import { openApiDocument } from '../../../shared/http/openapi.ts';

const routes = manifest.functions.flatMap((fn) => fn.triggers.flatMap((t) => (t.kind === 'http' ? [t] : [])));

describe('the OpenAPI document', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('documents %s from its contract', (_key, route) => {
    const contract = contracts[route.operationId];
    expect(contract, `no contract '${route.operationId}' in shared/contracts.ts`).toBeDefined();
    expect(Object.keys(contract?.responses ?? {}).length).toBeGreaterThan(0);
    const operation = (openApiDocument(manifest, contracts).paths[route.path] as Record<string, { operationId: string }>)[route.method.toLowerCase()];
    expect(operation?.operationId).toBe(route.operationId);
  });

  it('refuses to build when a manifest route has no contract', () => {
    const broken = {
      ...manifest,
      functions: [
        ...manifest.functions,
        { name: 'x', entry: 'x.ts', description: '', uses: {}, triggers: [{ kind: 'http' as const, method: 'GET' as const, path: '/v1/x', auth: 'public' as const, operationId: 'nope' }] },
      ],
    };
    expect(() => openApiDocument(broken, contracts)).toThrow(/no contract 'nope'/);
  });

  it('gives each operation a unique id and documents problem answers', () => {
    const ids = routes.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const official = (openApiDocument(manifest, contracts).paths['/v1/officials/me'] as Record<string, { responses: Record<string, unknown>; security: unknown }>).get;
    expect(Object.keys(official?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(official?.security).toEqual([{ official: [] }]);
  });
});
