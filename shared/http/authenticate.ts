import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { AuthKind } from '../../infra/manifest/types.ts';
import { recordSignatureRejection } from '../alerting.ts';
import { verifyPartnerSignature } from '../auth/partner-signature.ts';
import { OFFICIAL_ROLES, type Official, type Principal } from '../auth/principal.ts';
import { OfficialsRepository } from '../data/officials-repository.ts';
import { admission } from '../officials/directory-check.ts';
import { parsePartnerKeys, validSecrets } from '../relief/partner-secrets.ts';
import { secrets } from '../secrets.ts';
import { forbidden, HttpProblem, unauthorized } from './problem.ts';

/**
 * What the bearer authorizer leaves in `requestContext.authorizer.lambda`. It always allows, so that a
 * missing or bad credential reaches the handler and becomes a problem+json 401 in both runtimes.
 */
export const bearerContext = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ok'), kind: z.enum(['store', 'device']), subject: z.string().min(1) }),
  z.object({ outcome: z.literal('refused'), reason: z.string() }),
]);
export type BearerContext = z.infer<typeof bearerContext>;

/** Cognito ID-token claims as the HTTP API JWT authorizer passes them (arrays arrive as `[a b]`). */
const officialClaims = z.object({
  'cognito:groups': z.union([z.array(z.string()), z.string()]).optional(),
  'custom:region': z.string().regex(/^\d{2}$/),
  'custom:officer_id': z.string().min(1),
});

const groupsOf = (groups: string | readonly string[] | undefined): string[] =>
  typeof groups === 'string' ? groups.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean) : [...(groups ?? [])];

type AuthorizedContext = { lambda?: unknown; jwt?: { claims?: unknown } } | undefined;
const authorizerOf = (event: APIGatewayProxyEventV2): AuthorizedContext =>
  (event.requestContext as { authorizer?: AuthorizedContext }).authorizer;

/**
 * What a card company signs: the body of a webhook; for a request without one (a settlement's GET), the
 * request target, so that a signature for one day's report does not open another's.
 */
export const signedContent = (event: Pick<APIGatewayProxyEventV2, 'rawPath' | 'rawQueryString'>, rawBody: string): string =>
  rawBody !== '' ? rawBody : `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

// Made on the first official request: functions without official routes never name the officials table.
let directory: OfficialsRepository | undefined;

/**
 * 401, not 403: the token no longer stands for an account that may act, so the console sends the person
 * back to sign in (where a disabled account is refused too), rather than showing "not allowed here".
 */
const refusedToken = (type: string, detail: string): HttpProblem =>
  new HttpProblem(
    { type, title: 'This sign-in is no longer valid', status: 401, detail },
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );

/** One consistent GetItem per request: a disabled official's next request is refused, whatever their token says. */
const admitted = async (official: Official): Promise<Official> => {
  directory ??= new OfficialsRepository();
  switch (admission(official, await directory.get(official.officerId))) {
    case 'admitted':
      return official;
    case 'unknown':
      throw refusedToken('unknown-official', `No official ${official.officerId} is in the officials directory; sign in with an account an administrator created.`);
    case 'disabled':
      throw refusedToken('official-disabled', `The account of ${official.officerId} is disabled; an administrator of your region can enable it again.`);
    case 'changed':
      throw refusedToken('official-changed', 'Your role or region changed since you signed in; sign in again.');
  }
};

export const authenticate = async (auth: AuthKind, event: APIGatewayProxyEventV2, rawBody: string): Promise<Principal> => {
  switch (auth) {
    case 'public':
      return { kind: 'public' };

    case 'store-key':
    case 'device-token': {
      const context = bearerContext.safeParse(authorizerOf(event)?.lambda);
      if (!context.success) throw unauthorized('Send your key as `Authorization: Bearer <key>`.');
      if (context.data.outcome === 'refused') throw unauthorized(context.data.reason);
      const expected = auth === 'store-key' ? 'store' : 'device';
      if (context.data.kind !== expected) throw forbidden(`This route takes a ${auth}, not a ${context.data.kind} credential.`);
      return context.data.kind === 'store'
        ? { kind: 'store', storeCode: context.data.subject }
        : { kind: 'device', caseId: context.data.subject };
    }

    case 'official': {
      const claims = officialClaims.safeParse(authorizerOf(event)?.jwt?.claims);
      if (!claims.success) throw unauthorized('Sign in as an official: the token lacks region or officer id.');
      const groups = groupsOf(claims.data['cognito:groups']);
      // The widest group wins: a national admin may also be listed as an admin of their home region.
      const role = [...OFFICIAL_ROLES].reverse().find((candidate) => groups.includes(candidate));
      if (!role) throw forbidden('This account is in none of the groups officer, admin or national-admin.');
      return admitted({ kind: 'official', role, region: claims.data['custom:region'], officerId: claims.data['custom:officer_id'] });
    }

    case 'partner-signature': {
      // Every card company posts to the same webhook URLs, so each names itself; its signature proves it.
      const partnerId = event.headers['x-partner-id'];
      if (!partnerId) throw unauthorized('Name your card company in the `x-partner-id` header and sign the request with its secret.');
      // A rotated-out secret verifies until the end of its grace, whatever the cache holds: the end is in the value.
      const keys = validSecrets(parsePartnerKeys(await secrets.get('partner-keys'))[partnerId] ?? [], new Date());
      if (!verifyPartnerSignature(keys, signedContent(event, rawBody), event.headers)) {
        // Only a partner we hold keys for: a made-up partner id is not anyone's alarm.
        if (keys.length > 0) await recordSignatureRejection(partnerId);
        throw unauthorized('The webhook signature does not verify for this partner, or its timestamp is outside 5 minutes.');
      }
      const named = event.pathParameters?.partnerId;
      if (named !== undefined && named !== partnerId) throw forbidden(`You signed as ${partnerId}; this route is ${named}'s.`);
      return { kind: 'partner', partnerId };
    }
  }
};
