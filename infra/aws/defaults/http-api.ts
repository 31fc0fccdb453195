import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * Stage-wide limits, below the account's 10 000 rps so one abusive client cannot starve every other API
 * in the account; the public read paths sit behind CloudFront, so these bound what reaches Lambda.
 */
export const stageThrottle = {
  rateLimit: 2000,
  burstLimit: 1000,
} as const satisfies ThrottleSettings;

/**
 * One JSON object per request (queryable with Logs Insights). Only `$context` variables: no headers,
 * no body, no query string, so no credentials or personal data land in the access log.
 */
export const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integrationStatus',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/**
 * Bearer authorizers are not cached and take no identity source: every request reaches the authorizer,
 * so a missing key becomes the handler's problem+json 401 (API Gateway's own 401 is not problem+json),
 * and a rotated key stops working at once. The price is one GetItem per request.
 */
export const authorizerCacheTtl = Duration.seconds(0);
