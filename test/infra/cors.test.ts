import { describe, expect, it } from 'vitest';
import { allowsAnyOrigin, CORS_POLICY } from '../../infra/manifest/cors.ts';
import { manifest } from '../../infra/manifest/index.ts';
import type { HttpTrigger } from '../../infra/manifest/types.ts';
import { synthesize } from './synth.ts';

const { template } = synthesize();
const resources = (type: string) => Object.values(template.findResources(type)) as { Properties: Record<string, unknown> }[];
const routes = resources('AWS::ApiGatewayV2::Route').map((r) => r.Properties as { RouteKey: string; AuthorizationType?: string; Target: unknown });
const httpTriggers = manifest.functions.flatMap((fn) => fn.triggers.filter((t): t is HttpTrigger => t.kind === 'http'));
const open = httpTriggers.filter(allowsAnyOrigin);
const credentialed = httpTriggers.filter((t) => t.auth !== 'public');

describe('CORS on AWS, derived from the manifest', () => {
  it('opens the public reads a third-party page uses: nearby, the four 2020 routes and the OpenAPI document', () => {
    expect(open.map((t) => t.path)).toEqual(
      expect.arrayContaining([
        '/v1/stores/nearby',
        '/v1/openapi.json',
        '/corona19-masks/v1/storesByGeo/json',
        '/corona19-masks/v1/storesByAddr/json',
        '/corona19-masks/v1/stores/json',
        '/corona19-masks/v1/sales/json',
      ]),
    );
    expect(open.every((t) => t.auth === 'public')).toBe(true);
  });

  it('has no API-wide CORS configuration, which would answer for the credentialed routes too', () => {
    for (const api of resources('AWS::ApiGatewayV2::Api')) expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it.each(open.map((t) => [t.path, t] as const))('answers the preflight of %s on its own function without auth', (_, trigger) => {
    const preflight = routes.find((r) => r.RouteKey === `OPTIONS ${trigger.path}`);
    const read = routes.find((r) => r.RouteKey === `GET ${trigger.path}`);
    expect(preflight).toBeDefined();
    expect(preflight?.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(preflight?.Target).toEqual(read?.Target);
  });

  it('gives no credentialed route a preflight route, so browsers on other origins never send its credentials', () => {
    expect(credentialed.length).toBeGreaterThan(0);
    for (const trigger of credentialed) expect(routes.map((r) => r.RouteKey)).not.toContain(`OPTIONS ${trigger.path}`);
    expect(routes.filter((r) => r.RouteKey.startsWith('OPTIONS ')).length).toBe(open.length);
  });

  it('lets CloudFront add any-origin headers on the cached public reads only, and cache their preflights', () => {
    // The pages have a policy of their own (their CSP); exactly one policy speaks CORS.
    const withCors = resources('AWS::CloudFront::ResponseHeadersPolicy').filter(
      (policy) => (policy.Properties.ResponseHeadersPolicyConfig as { CorsConfig?: unknown }).CorsConfig !== undefined,
    );
    expect(withCors).toHaveLength(1);
    const config = withCors[0]?.Properties.ResponseHeadersPolicyConfig as { CorsConfig: Record<string, unknown> };
    expect(config.CorsConfig).toMatchObject({
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowCredentials: false,
      AccessControlAllowHeaders: { Items: [...CORS_POLICY.allowHeaders] },
      AccessControlAllowMethods: { Items: [...CORS_POLICY.allowMethods] },
      AccessControlMaxAgeSec: CORS_POLICY.maxAgeSeconds,
    });
    expect(JSON.stringify(config.CorsConfig).toLowerCase()).not.toContain('authorization');

    const distribution = resources('AWS::CloudFront::Distribution')[0]?.Properties.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; ResponseHeadersPolicyId?: unknown; CachedMethods?: string[] }[];
    };
    for (const behavior of distribution.CacheBehaviors) {
      const isPublicRead = open.some((t) => t.path === behavior.PathPattern);
      expect(behavior.ResponseHeadersPolicyId !== undefined, behavior.PathPattern).toBe(isPublicRead);
      if (isPublicRead) expect(behavior.CachedMethods).toContain('OPTIONS');
    }
  });
});
