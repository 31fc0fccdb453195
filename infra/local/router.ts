import { allowsAnyOrigin } from '../manifest/cors.ts';
import type { HttpTrigger, Manifest } from '../manifest/types.ts';

export interface Route {
  readonly trigger: HttpTrigger;
  /** The trigger's method, or `OPTIONS` for the preflight route of a route open to any origin. */
  readonly method: string;
  readonly functionName: string;
  readonly routeKey: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
}

export type Resolution =
  | { readonly kind: 'found'; readonly route: Route; readonly pathParameters: Record<string, string> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' };

const escape = (text: string): string => text.replace(/[.*+?^$()|[\]\\:]/g, '\\$&');

/** API Gateway's precedence: a literal segment beats a `{param}`, which beats a `{greedy+}`. */
const specificity = (path: string): number[] =>
  path.split('/').map((segment) => (segment.endsWith('+}') ? 0 : segment.startsWith('{') ? 1 : 2));

const compare = (a: Route, b: Route): number => {
  const sa = specificity(a.trigger.path);
  const sb = specificity(b.trigger.path);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const diff = (sb[i] ?? -1) - (sa[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
};

export const compileRoutes = (manifest: Manifest): Route[] =>
  manifest.functions
    .flatMap((fn) =>
      fn.triggers
        .filter((t): t is HttpTrigger => t.kind === 'http')
        // As on AWS: a route open to any origin also has a preflight route to the same function.
        .flatMap((trigger) => (allowsAnyOrigin(trigger) ? [{ trigger, method: trigger.method }, { trigger, method: 'OPTIONS' }] : [{ trigger, method: trigger.method }]))
        .map(({ trigger, method }) => {
          const paramNames: string[] = [];
          const source = trigger.path
            .split('/')
            .map((segment) => {
              const param = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
              if (!param) return escape(segment);
              paramNames.push(param[1] ?? '');
              return param[2] ? '(.+)' : '([^/]+)';
            })
            .join('/');
          return {
            trigger,
            method,
            functionName: fn.name,
            routeKey: `${method} ${trigger.path}`,
            pattern: new RegExp(`^${source}$`),
            paramNames,
          };
        }),
    )
    .sort(compare);

export const resolveRoute = (routes: readonly Route[], method: string, path: string): Resolution => {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const pathParameters: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      pathParameters[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { kind: 'found', route, pathParameters };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed: [...new Set(allowed)] } : { kind: 'none' };
};
