import type { HttpTrigger } from './types.ts';

/**
 * Who may call a route from a web page on another origin, derived from the route's auth kind so that it
 * is said once, for both runtimes. In 2020 more than 150 third-party web and mobile apps read the
 * public-mask API, many straight from the browser: public reads answer any origin. Routes that take
 * credentials answer no origin at all (no `access-control-allow-origin`, no preflight route), so a page
 * elsewhere can never make a browser send a store key, a device token or an official's token.
 */
export const allowsAnyOrigin = (trigger: HttpTrigger): boolean => trigger.auth === 'public' && trigger.method === 'GET';

/** What a public read's preflight allows. No `authorization`: nothing public takes credentials. */
export const CORS_POLICY = {
  allowMethods: ['GET', 'OPTIONS'],
  /** `if-none-match` for revalidation and `accept-language` for the answers' language; the rest are safelisted. */
  allowHeaders: ['accept', 'accept-language', 'content-type', 'if-none-match'],
  /** Read by clients that back off: a 503's `retry-after`. */
  exposeHeaders: ['retry-after'],
  /** A day; Chromium holds a preflight at most 2 hours, Firefox a day. */
  maxAgeSeconds: 86_400,
} as const;

/** On every answer of a route open to any origin, success or problem. */
export const ANY_ORIGIN_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': CORS_POLICY.exposeHeaders.join(', '),
};

/** The answer to a public read's preflight (`OPTIONS` with `access-control-request-method`). */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': CORS_POLICY.allowMethods.join(', '),
  'access-control-allow-headers': CORS_POLICY.allowHeaders.join(', '),
  'access-control-max-age': String(CORS_POLICY.maxAgeSeconds),
};

/** The preflight route key of a route open to any origin: served by the same function, without auth. */
export const preflightRouteKey = (trigger: HttpTrigger): string => `OPTIONS ${trigger.path}`;
