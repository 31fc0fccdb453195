import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../infra/manifest/types.ts';
import { compileRoutes, resolveRoute } from '../../../infra/local/router.ts';

const manifestWith = (routes: [string, string][]): Manifest => ({
  service: 't',
  tables: [],
  topics: [],
  secrets: [],
  authorizers: [],
  functions: routes.map(([method, path], i) => ({
    name: `f${i}`,
    entry: 'x.ts',
    description: '',
    uses: {},
    triggers: [{ kind: 'http', method: method as 'GET', path, auth: 'public', operationId: `op${i}` }],
  })),
});

describe('the local router', () => {
  const routes = compileRoutes(
    manifestWith([
      ['GET', '/v1/stores/{code}'],
      ['GET', '/v1/stores/nearby'],
      ['PUT', '/v1/stores/{code}/stock'],
      ['GET', '/v1/files/{path+}'],
      ['POST', '/v1/admin/stores:import'],
    ]),
  );

  it('prefers a literal segment over a parameter, whatever the manifest order', () => {
    const match = resolveRoute(routes, 'GET', '/v1/stores/nearby');
    expect(match.kind === 'found' && match.route.routeKey).toBe('GET /v1/stores/nearby');
  });

  it('extracts and decodes path parameters', () => {
    const match = resolveRoute(routes, 'PUT', '/v1/stores/%EC%95%BD1/stock');
    expect(match).toMatchObject({ kind: 'found', pathParameters: { code: '약1' } });
  });

  it('matches greedy parameters across segments', () => {
    expect(resolveRoute(routes, 'GET', '/v1/files/a/b/c.json')).toMatchObject({ pathParameters: { path: 'a/b/c.json' } });
  });

  it('treats a colon in a path literally', () => {
    expect(resolveRoute(routes, 'POST', '/v1/admin/stores:import').kind).toBe('found');
    expect(resolveRoute(routes, 'POST', '/v1/admin/storesXimport').kind).toBe('none');
  });

  it('tells a wrong method from an unknown path', () => {
    expect(resolveRoute(routes, 'DELETE', '/v1/stores/123')).toEqual({ kind: 'wrong-method', allowed: ['GET', 'OPTIONS'] });
    expect(resolveRoute(routes, 'GET', '/v1/stores/123/stock/extra')).toEqual({ kind: 'none' });
  });

  it('gives a public read a preflight route to the same function, and a write none', () => {
    const preflight = resolveRoute(routes, 'OPTIONS', '/v1/stores/nearby');
    expect(preflight).toMatchObject({ kind: 'found', route: { routeKey: 'OPTIONS /v1/stores/nearby', functionName: 'f1' } });
    expect(resolveRoute(routes, 'OPTIONS', '/v1/admin/stores:import')).toEqual({ kind: 'wrong-method', allowed: ['POST'] });
  });
});
