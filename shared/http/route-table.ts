import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { manifest as systemManifest, type Manifest } from '../../infra/manifest/index.ts';
import { triggerOf } from './route.ts';

type RouteHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * One function that serves several routes: `httpRoute` handlers by operationId, chosen by the route key
 * that API Gateway and the local gateway both send (`POST /v1/relief/webhooks/applications`). Routes
 * called together share a warm container this way, and the stack stays under CloudFormation's 500
 * resources, since each function costs a role, a policy, a log group and an alarm of its own.
 */
export const routeTable = (routes: Readonly<Record<string, RouteHandler>>, manifest: Manifest = systemManifest): RouteHandler => {
  const byRouteKey = new Map<string, RouteHandler>(
    Object.entries(routes).map(([operationId, handler]) => {
      const trigger = triggerOf(manifest, operationId);
      return [`${trigger.method} ${trigger.path}`, handler] as const;
    }),
  );
  return async (event, context) => {
    const handler = byRouteKey.get(event.routeKey);
    // Only a manifest that sends here a route the table lacks can get here: a deployment error, not the caller's.
    if (!handler) throw new Error(`This function serves ${[...byRouteKey.keys()].join(', ')}, not ${event.routeKey}`);
    return handler(event, context);
  };
};
