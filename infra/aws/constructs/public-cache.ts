import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CORS_POLICY } from '../../manifest/cors.ts';
import type { HttpTrigger } from '../../manifest/types.ts';
import type { HttpGateway } from './http-gateway.ts';

/**
 * The 2020 API answered 9.64 million calls in its peak hour; most were the same few thousand
 * neighbourhoods asked again and again. Public GETs therefore go through CloudFront with a cache of a few
 * seconds, keyed on coordinates rounded to 3 decimals (about 100 m), so nearby askers share one answer.
 */
export const ROUND_COORDINATES = `
function handler(event) {
  var qs = event.request.querystring;
  ['lat', 'lng'].forEach(function (name) {
    var p = qs[name];
    if (p && p.value !== '' && !isNaN(Number(p.value))) p.value = String(Math.round(Number(p.value) * 1000) / 1000);
  });
  return event.request;
}`;

/** Where the API lives on the distribution; everything else is a page. */
const API_PATHS = ['/v1/*', '/corona19-masks/*'];

/** Stock moves by the minute: a few seconds of staleness spares the origin without misleading anyone. */
const PUBLIC_TTL = Duration.seconds(5);

export class PublicCache extends Construct {
  readonly distribution: Distribution;
  /** The pages: the Vite build (dist/web), uploaded by the stack's pages deployment. */
  readonly pages: Bucket;
  /** Access logs of the distribution and of the stack's buckets, each under its own prefix. */
  readonly logs: Bucket;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly gateway: HttpGateway; readonly cachedRoutes: readonly HttpTrigger[]; readonly pageContentSecurityPolicy: string },
  ) {
    super(scope, id);
    const origin = new HttpOrigin(`${props.gateway.api.apiId}.execute-api.${Stack.of(this).region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    const logs = (this.logs = new Bucket(this, 'Logs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logs are delivered with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This bucket is itself the access-log destination; logging it to another bucket would only log the log deliveries.' });
    this.pages = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'pages-bucket/',
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const rounding = new EdgeFunction(this, 'RoundCoordinates', {
      code: FunctionCode.fromInline(ROUND_COORDINATES),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Rounds lat/lng so nearby askers share a cache entry.',
    });
    // The handlers already answer any origin; this also covers what API Gateway answers itself (a 429 of
    // the stage's throttle, a 5xx), which a page elsewhere could not read otherwise.
    const anyOrigin = new ResponseHeadersPolicy(this, 'AnyOrigin', {
      comment: 'Public reads: any origin, no credentials (infra/manifest/cors.ts).',
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: [...CORS_POLICY.allowMethods],
        accessControlAllowHeaders: [...CORS_POLICY.allowHeaders],
        accessControlExposeHeaders: [...CORS_POLICY.exposeHeaders],
        accessControlAllowCredentials: false,
        accessControlMaxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
        originOverride: false,
      },
    });
    const cached: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      // Preflights too: their answer is the same for every origin.
      cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
      responseHeadersPolicy: anyOrigin,
      cachePolicy: new CachePolicy(this, 'PublicReads', {
        comment: 'Public reads: a few seconds, keyed on the (rounded) query.',
        defaultTtl: PUBLIC_TTL,
        maxTtl: Duration.seconds(10),
        minTtl: Duration.seconds(0),
        queryStringBehavior: CacheQueryStringBehavior.all(),
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      }),
      functionAssociations: [{ function: rounding, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    // Everything else of the API (writes, officials, liveness) passes through uncached with its headers.
    const passThrough: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    // In order of precedence: the cached public reads before the catch-all API paths.
    const additionalBehaviors: Record<string, BehaviorOptions> = {};
    for (const route of props.cachedRoutes) additionalBehaviors[route.path.replace(/\{[^}]+\}/g, '*')] = cached;
    for (const apiPath of API_PATHS) additionalBehaviors[apiPath] = passThrough;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'crisis-response: cached public reads in front of the HTTP API',
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: logs,
      // The pages, from their private bucket through origin access control.
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.pages),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // The managed security headers, plus the pages' CSP: the same policy the local gateway sends.
        responseHeadersPolicy: new ResponseHeadersPolicy(this, 'PageHeaders', {
          comment: 'The pages: strict CSP (no inline script or style; images also from the map tiles), HSTS, nosniff, no framing.',
          securityHeadersBehavior: {
            contentSecurityPolicy: { contentSecurityPolicy: props.pageContentSecurityPolicy, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
            referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
            strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
            xssProtection: { protection: true, modeBlock: true, override: true },
          },
        }),
      },
      defaultRootObject: 'index.html',
      additionalBehaviors,
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'A public-health service for everyone, including Koreans abroad and travellers; no country is to be refused.' },
      { id: 'AwsSolutions-CFR2', reason: 'Abuse is bounded by the HTTP API stage throttling behind it and by the cache; a CloudFront WebACL must live in us-east-1 and is left to the deployment that adds the government domain.' },
      { id: 'AwsSolutions-CFR4', reason: 'Served on the default *.cloudfront.net certificate until the government domain and its ACM certificate exist; the default certificate cannot pin a minimum TLS version.' },
    );
  }
}
