import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { Manifest } from '../manifest/types.ts';
import { HttpProblem, methodNotAllowed, notFound, problemResponse, unauthorized, badRequest } from '../../shared/http/problem.ts';
import { fromApiResult, toApiEvent, toAuthorizerEvent } from './api-event.ts';
import type { FunctionLoader } from './function-loader.ts';
import { answerLocalSignIn, LOCAL_SIGN_IN_PREFIX } from './local-sign-in.ts';
import type { OfficialIssuer } from './official-issuer.ts';
import { answerClientError, checkRequestSize, isOverBodyLimit, NODE_MAX_HEADER_SIZE, readRequestBody } from './request-limits.ts';
import { compileRoutes, resolveRoute, type Route } from './router.ts';
import { mapTilesFromEnvironment, pageContentSecurityPolicy, type MapTiles } from '../pages/map-tiles.ts';
import { mapTilesFile, readStatic } from './static-files.ts';
import { consoleSignInConfig, signInOrigin, type ManagedLogin } from '../pages/console-sign-in.ts';
import { LOCAL_CONFIRM_PATH } from '../../shared/adapters/file-notifier.ts';
import { acceptLocalUpload, isLocalUploadPath, type LocalUploads } from './upload-storage.ts';

/** The pages have no inline script or style, so they are held to their own origin (and the map's tiles). */
const pageSecurityHeaders = (tiles: MapTiles | undefined, login: ManagedLogin | undefined) => ({
  'content-security-policy': pageContentSecurityPolicy(tiles, signInOrigin(login)),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

/** Where the mask finder reads its tile source, as the pages deployment writes it on AWS. */
const MAP_TILES_PATH = '/map-tiles.json';

/** How the officials' console signs in; on AWS the pages deployment writes the Cognito settings here. */
const CONSOLE_CONFIG_PATH = '/console/console-config.json';
const consoleConfigFile = (login: ManagedLogin | undefined) =>
  ({ kind: 'file', body: Buffer.from(JSON.stringify(consoleSignInConfig(login))), contentType: 'application/json; charset=utf-8' }) as const;

/** Paths that belong to the API; anything else is looked up in the web root. */
const API_PREFIXES = ['/v1/', '/corona19-masks/'];

export interface GatewayOptions {
  readonly manifest: Manifest;
  /** Where presigned upload URLs point locally (S3 on AWS). */
  readonly uploads?: LocalUploads;
  readonly functions: FunctionLoader;
  readonly issuer: OfficialIssuer;
  readonly webRoot: string;
  /** The map's street tiles; `undefined`: the map is drawn without tiles. Default: from the environment. */
  readonly mapTiles?: MapTiles | undefined;
  readonly onError: (error: unknown) => void;
  /** Follows a local SNS confirmation link (the page SNS itself serves on AWS); false for an unknown token. */
  readonly confirmSubscription?: (token: string) => Promise<boolean>;
  /**
   * Sign the console in through a managed login (Cognito's) instead of the local sign-in page, as on
   * AWS. Its tokens must still be the local issuer's for this gateway to accept them.
   */
  readonly managedLogin?: ManagedLogin;
}

/** The confirmation page, as SNS answers a followed link: a line in both languages, nothing else. */
const confirmationPage = (confirmed: boolean): string =>
  `<!doctype html><html lang="ko"><meta charset="utf-8"><title>${confirmed ? '구독 확인됨 · Subscription confirmed' : '확인할 수 없음 · Unknown link'}</title>` +
  `<h1>${confirmed ? '알림 구독이 확인되었습니다.' : '이 확인 링크를 찾을 수 없습니다.'}</h1>` +
  `<p lang="en">${confirmed ? 'Your subscription to crisis-response alerts is confirmed.' : 'This confirmation link is unknown or was already used.'}</p></html>`;

/** API Gateway stringifies JWT claims for the Lambda; arrays become `[a b]`. */
const asGatewayClaims = (claims: Record<string, unknown>): Record<string, string | number | boolean> =>
  Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean),
    ]),
  );

/**
 * The local API Gateway: routes from the manifest, payload format 2.0 events, the same authorizers
 * (bearer keys through the authorizer function, official JWTs checked against the local issuer), and
 * API Gateway's own answers (404, 405, 413) as problem+json.
 */
export const startGateway = async (options: GatewayOptions, port: number): Promise<Server> => {
  const routes = compileRoutes(options.manifest);
  const mapTiles = 'mapTiles' in options ? options.mapTiles : mapTilesFromEnvironment(process.env);
  const pageHeaders = pageSecurityHeaders(mapTiles, options.managedLogin);
  const consoleConfig = consoleConfigFile(options.managedLogin);

  const authorize = async (route: Route, event: APIGatewayProxyEventV2): Promise<void> => {
    const { auth } = route.trigger;
    if (auth === 'store-key' || auth === 'device-token') {
      const authorizer = options.manifest.authorizers.find((a) => a.auth === auth);
      if (!authorizer) throw new Error(`No authorizer for ${auth}`);
      const result = (await options.functions.invoke(authorizer.function, toAuthorizerEvent(event))) as APIGatewaySimpleAuthorizerWithContextResult<unknown>;
      if (!result.isAuthorized) throw new HttpProblem({ type: 'forbidden', title: 'Forbidden', status: 403, detail: 'The authorizer refused this request.' });
      Object.assign(event.requestContext, { authorizer: { lambda: result.context } });
    }
    if (auth === 'official') {
      const token = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '')?.[1];
      if (!token) throw unauthorized('Sign in: send your ID token as `Authorization: Bearer <token>`.');
      const claims = await options.issuer.verify(token).catch(() => {
        throw unauthorized('The token is not valid or has expired; sign in again.');
      });
      Object.assign(event.requestContext, { authorizer: { jwt: { claims: asGatewayClaims(claims), scopes: null } } });
    }
  };

  const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string) => {
    response.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), 'x-content-type-options': 'nosniff', ...headers });
    response.end(body);
  };

  const sendProblem = (response: ServerResponse, problem: HttpProblem, instance: string, routeKey?: string) => {
    const { statusCode, headers, body } = problemResponse({ ...problem.problem, instance }, problem.headers);
    send(response, statusCode, { ...headers, ...(routeKey ? { 'x-route-key': routeKey } : {}) }, body);
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    let url: URL | undefined;
    let routeKey: string | undefined;
    try {
      try {
        url = new URL(request.url ?? '/', 'http://127.0.0.1');
      } catch {
        throw badRequest('The request target is not a valid path.');
      }
      checkRequestSize(request);
      if (url.pathname === '/.well-known/jwks.json') {
        return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(options.issuer.jwks()));
      }
      if (url.pathname === LOCAL_CONFIRM_PATH && options.confirmSubscription && method === 'GET') {
        const confirmed = await options.confirmSubscription(url.searchParams.get('token') ?? '');
        return send(response, confirmed ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...pageHeaders }, confirmationPage(confirmed));
      }
      if (options.uploads && isLocalUploadPath(url.pathname)) {
        const { status, etag } = await acceptLocalUpload(options.uploads, request, url);
        return send(response, status, { etag }, '');
      }
      if (url.pathname.startsWith(LOCAL_SIGN_IN_PREFIX)) {
        // Local only, in place of Cognito's managed login (infra/local/local-sign-in.ts).
        const body = await readRequestBody(request);
        const answer = await answerLocalSignIn(options.issuer, { method, path: url.pathname, contentType: request.headers['content-type'], body });
        return send(response, answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' }, JSON.stringify(answer.body));
      }
      let resolution;
      try {
        resolution = resolveRoute(routes, method, url.pathname);
      } catch {
        throw badRequest('The path is not valid percent-encoding.');
      }
      if (resolution.kind === 'wrong-method') throw methodNotAllowed(method, url.pathname, resolution.allowed);
      if (resolution.kind === 'none') {
        const { pathname } = url;
        const isApi = API_PREFIXES.some((prefix) => pathname.startsWith(prefix));
        const isRead = method === 'GET' || method === 'HEAD';
        const file =
          isApi || !isRead
            ? undefined
            : url.pathname === MAP_TILES_PATH
              ? mapTilesFile(mapTiles)
              : url.pathname === CONSOLE_CONFIG_PATH
                ? consoleConfig
                : await readStatic(options.webRoot, url.pathname);
        if (file?.kind === 'redirect') return send(response, 301, { location: file.location + url.search }, '');
        if (file) {
          // Vite fingerprints what it puts in /assets/: a new build has new names, so those never go stale.
          const caching = url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
          const headers = { 'content-type': file.contentType, 'cache-control': caching, ...pageHeaders };
          if (method === 'HEAD') return send(response, 200, { ...headers, 'content-length': String(file.body.byteLength) }, '');
          return send(response, 200, headers, file.body);
        }
        throw notFound(`There is nothing at ${method} ${url.pathname}. The API is described at /v1/openapi.json.`);
      }
      routeKey = resolution.route.routeKey;
      const body = await readRequestBody(request);
      const event = toApiEvent(request, url, body, { routeKey: resolution.route.routeKey, pathParameters: resolution.pathParameters });
      await authorize(resolution.route, event);
      const result = fromApiResult(await options.functions.invoke(resolution.route.functionName, event));
      // Which manifest route answered: for debugging, and for the parity test between the runtimes.
      send(response, result.status, { ...result.headers, 'x-route-key': routeKey }, result.body);
    } catch (error) {
      // Too late for another answer: the handler's answer is already on its way.
      if (response.headersSent) return void response.destroy();
      const instance = url?.pathname ?? '/';
      if (error instanceof HttpProblem) return sendProblem(response, error, instance, routeKey);
      options.onError(error);
      // What API Gateway answers when the integration itself fails.
      sendProblem(response, new HttpProblem({ type: 'internal', title: 'Internal error', status: 500, detail: 'The handler failed.' }), instance, routeKey);
    }
  };

  const server = createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, (request, response) => void serve(request, response));
  server.on('clientError', answerClientError);
  // A client that asks before uploading (`Expect: 100-continue`, as curl does for large files) is told
  // 413 before it sends a byte; the connection then closes, as the body it announced never comes.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (isOverBodyLimit(request) && !isLocalUploadPath(request.url)) response.shouldKeepAlive = false;
    else response.writeContinue();
    void serve(request, response);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
};
