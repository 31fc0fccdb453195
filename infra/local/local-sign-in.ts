import { z } from 'zod';
import { badRequest, HttpProblem, methodNotAllowed, notFound, unsupportedMediaType, validationFailed } from '../../shared/http/problem.ts';
import { OFFICER_ID_PATTERN } from '../../shared/officials/official.ts';
import type { OfficialIssuer } from './official-issuer.ts';

/**
 * What the console's local sign-in page needs from the local runtime, in place of Cognito's managed
 * login: the officials the directory holds, and an ID token for one of them from the local issuer (the
 * claims Cognito would put in it). Local only: these paths are not manifest routes, the CDK stack never
 * sees them, and on AWS the console signs in through the Hosted UI. Anyone who reaches the local gateway
 * may sign in as any enabled official, which is what a demo on one machine is for.
 */
export const LOCAL_SIGN_IN_PREFIX = '/local/';

/** As long as the local issuer's default; a disabled official is refused at their next request anyway. */
const SIGN_IN_SECONDS = 8 * 3600;

const signInBody = z.object({ officerId: z.string().regex(OFFICER_ID_PATTERN, 'an officer id from GET /local/officials') }).strict();

export interface LocalAnswer {
  readonly status: number;
  readonly body: unknown;
}

const directory = async () => {
  const { OfficialsRepository } = await import('../../shared/data/officials-repository.ts');
  return new OfficialsRepository();
};

const listOfficials = async (): Promise<LocalAnswer> => {
  const officials = [];
  let cursor: string | undefined;
  const repository = await directory();
  do {
    const page = await repository.list(undefined, 100, cursor);
    officials.push(...page.items.map(({ officerId, role, region, name, enabled }) => ({ officerId, role, region, name, enabled })));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { status: 200, body: { officials } };
};

const signIn = async (issuer: OfficialIssuer, contentType: string | undefined, raw: Buffer): Promise<LocalAnswer> => {
  if (!/^application\/json\b/i.test(contentType ?? '')) throw unsupportedMediaType('Send {"officerId": "…"} as application/json.');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The body is not JSON.');
  }
  const parsed = signInBody.safeParse(json);
  if (!parsed.success) {
    throw validationFailed(parsed.error.issues.map((issue) => ({ field: ['body', ...issue.path].join('.'), message: issue.message })));
  }
  const official = await (await directory()).get(parsed.data.officerId);
  if (!official) throw notFound(`No official ${parsed.data.officerId} is in the directory.`);
  if (!official.enabled) {
    throw new HttpProblem({
      type: 'official-disabled',
      title: 'This account is disabled',
      status: 403,
      detail: `The account of ${official.officerId} is disabled; an administrator of region ${official.region} can enable it again.`,
    });
  }
  const { officerId, role, region, name } = official;
  const idToken = await issuer.sign({ officerId, role, region }, SIGN_IN_SECONDS);
  return { status: 200, body: { idToken, expiresIn: SIGN_IN_SECONDS, official: { officerId, role, region, name } } };
};

/** `GET /local/officials` and `POST /local/sign-in`; anything else under /local/ is a 404 or 405. */
export const answerLocalSignIn = async (
  issuer: OfficialIssuer,
  request: { readonly method: string; readonly path: string; readonly contentType: string | undefined; readonly body: Buffer },
): Promise<LocalAnswer> => {
  const routes: Record<string, { method: string; answer: () => Promise<LocalAnswer> }> = {
    '/local/officials': { method: 'GET', answer: listOfficials },
    '/local/sign-in': { method: 'POST', answer: () => signIn(issuer, request.contentType, request.body) },
  };
  const route = routes[request.path];
  if (!route) throw notFound(`There is nothing at ${request.path}. The local sign-in serves GET /local/officials and POST /local/sign-in.`);
  if (request.method !== route.method) throw methodNotAllowed(request.method, request.path, [route.method]);
  return route.answer();
};
