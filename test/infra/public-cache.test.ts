import { describe, expect, it } from 'vitest';
import { ROUND_COORDINATES } from '../../infra/aws/constructs/public-cache.ts';
import { REVALIDATED_PAGE_FILES } from '../../infra/local/web-build.ts';
import { manifest } from '../../infra/manifest/index.ts';
import { synthesize } from './synth.ts';

const { template } = synthesize();
const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0] as {
  Properties: {
    DistributionConfig: {
      CacheBehaviors: { PathPattern: string; CachePolicyId: unknown; FunctionAssociations?: unknown[] }[];
      DefaultCacheBehavior: { CachePolicyId: string; TargetOriginId: string };
      Origins: { Id: string; S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    };
  };
};
const config = distribution.Properties.DistributionConfig;
interface Deployment {
  Properties: {
    DistributionPaths?: string[];
    SourceObjectKeys: unknown[];
    SourceMarkers: Record<string, unknown>[];
    Exclude?: string[];
    Include?: string[];
    Prune?: boolean;
    SystemMetadata?: Record<string, string>;
  };
}

const logicalIdOf = (type: string) => Object.keys(template.findResources(type))[0] ?? type;
const ids = { managedLoginDomain: logicalIdOf('AWS::Cognito::UserPoolDomain'), consoleClient: logicalIdOf('AWS::Cognito::UserPoolClient') };

/** A CloudFormation value as text, with `<Ref>` and `<Resource.Attribute>` where deploy time fills in. */
const rendered = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const intrinsic = value as Record<string, unknown>;
  if ('Ref' in intrinsic) return `<${String(intrinsic.Ref)}>`;
  if ('Fn::GetAtt' in intrinsic) {
    const [resource = '', attribute = ''] = intrinsic['Fn::GetAtt'] as string[];
    return `<${resource.replace(/[0-9A-F]{8}$/, '')}.${attribute}>`;
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(rendered).join(separator);
  }
  if ('Fn::Split' in intrinsic) return JSON.stringify(rendered((intrinsic['Fn::Split'] as [string, unknown])[1]).split((intrinsic['Fn::Split'] as [string])[0]));
  if ('Fn::Select' in intrinsic) {
    const [index, list] = intrinsic['Fn::Select'] as [number, unknown];
    return (JSON.parse(rendered(list)) as string[])[index] ?? '';
  }
  throw new Error(`Cannot render ${JSON.stringify(value)}`);
};

describe('CloudFront in front of the public reads', () => {
  const publicGets = manifest.functions.flatMap((fn) =>
    fn.triggers.filter((t) => t.kind === 'http' && t.auth === 'public' && t.method === 'GET' && t.path !== '/v1/health'),
  );

  it.each(publicGets.map((t) => [t.kind === 'http' ? t.path : '']))('caches %s briefly, keyed on rounded coordinates', (path) => {
    const behavior = config.CacheBehaviors.find((b) => b.PathPattern === path.replace(/\{[^}]+\}/g, '*'));
    expect(behavior, path).toBeDefined();
    expect(behavior?.FunctionAssociations).toHaveLength(1);
  });

  it('passes the rest of the API through uncached (writes, officials, liveness), after the cached reads', () => {
    const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
    const patterns = config.CacheBehaviors.map((b) => b.PathPattern);
    for (const apiPath of ['/v1/*', '/corona19-masks/*']) {
      expect(config.CacheBehaviors.find((b) => b.PathPattern === apiPath)?.CachePolicyId).toBe(CACHING_DISABLED);
      expect(patterns.indexOf(apiPath)).toBe(patterns.length - (apiPath === '/v1/*' ? 2 : 1));
    }
    expect(patterns).not.toContain('/v1/health');
  });

  it('serves the pages from a private bucket through origin access control', () => {
    const pages = config.Origins.find((o) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(pages?.S3OriginConfig).toBeDefined();
    expect(pages?.OriginAccessControlId).toBeDefined();
  });

  it('rounds lat and lng to about 100 m and leaves other parameters alone', () => {
    const handler = new Function(`${ROUND_COORDINATES}; return handler;`)() as (event: unknown) => { querystring: Record<string, { value: string }> };
    const request = handler({
      request: { querystring: { lat: { value: '37.497912' }, lng: { value: '127.027621' }, radius: { value: '1000' }, m: { value: 'x' } } },
    });
    expect(request.querystring).toEqual({ lat: { value: '37.498' }, lng: { value: '127.028' }, radius: { value: '1000' }, m: { value: 'x' } });
    const garbage = handler({ request: { querystring: { lat: { value: 'abc' } } } });
    expect(garbage.querystring).toEqual({ lat: { value: 'abc' } });
  });

  it('uploads the built pages with the map tile source and the console’s managed login next to them, and clears the cached copies on each deploy', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Deployment[];
    const deployment = deployments.find((d) => d.Properties.DistributionPaths);
    expect(deployment?.Properties.DistributionPaths).toEqual(['/*']);
    // Three sources: the dist/web asset, map-tiles.json and console/console-config.json.
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(3);
    // console-config.json's values are filled in at deploy time: the managed login host, the console's client, its URL.
    const consoleConfig = Object.values(deployment?.Properties.SourceMarkers[2] ?? {}).map(rendered);
    expect(consoleConfig).toEqual([
      `<${ids.managedLoginDomain}>.auth.<AWS::Region>.amazoncognito.com`,
      `<${ids.consoleClient}>`,
      'https://<PublicCacheDistribution.DomainName>/console/',
      'https://<PublicCacheDistribution.DomainName>/console/',
    ]);
  });

  it('uploads the check-in app’s service worker and manifest with no-cache, and keeps the pages’ sync from pruning them', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Deployment[];
    const pages = deployments.find((d) => d.Properties.DistributionPaths);
    const revalidated = deployments.find((d) => !d.Properties.DistributionPaths);
    expect(pages?.Properties.Exclude).toEqual([...REVALIDATED_PAGE_FILES]);
    expect(revalidated?.Properties).toMatchObject({ Exclude: ['*'], Include: [...REVALIDATED_PAGE_FILES], Prune: false, SystemMetadata: { 'cache-control': 'no-cache' } });
  });

  it('holds the pages to the same CSP as the local gateway: images also from the tile host, connections also to managed login and the upload bucket', () => {
    const cspOf = (synthesized: ReturnType<typeof synthesize>) =>
      (
        Object.values(synthesized.template.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as {
          Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig?: { ContentSecurityPolicy?: { ContentSecurityPolicy: string } } } };
        }[]
      ).find((policy) => policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy)?.Properties
        .ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy?.ContentSecurityPolicy;
    // The console exchanges managed login's code at its /oauth2/token from the page, and PUTs import
    // files at S3's presigned URLs: the two other origins it may connect to.
    const signIn = `connect-src 'self' https://<${ids.managedLoginDomain}>.auth.<AWS::Region>.amazoncognito.com https://*.s3.<AWS::Region>.amazonaws.com`;
    expect(rendered(cspOf({ template } as ReturnType<typeof synthesize>))).toBe(
      `default-src 'self'; img-src 'self' data:; ${signIn}; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    );
    const withTiles = synthesize({ context: { mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', mapTileAttribution: '© Example' } });
    expect(rendered(cspOf(withTiles))).toBe(
      `default-src 'self'; img-src 'self' data: https://tiles.example.org; ${signIn}; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    );
  });
});
