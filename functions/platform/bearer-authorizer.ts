import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { BearerContext } from '../../shared/http/authenticate.ts';
import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { secrets } from '../../shared/secrets.ts';

const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));

/**
 * Always authorizes, and says in the context what it found: the route's handler turns a refusal into a
 * problem+json 401, which API Gateway's own 401/403 answers are not.
 */
export const handler = instrumented<APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult<BearerContext>>().handler(
  async (event) => {
    const header = event.headers?.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) return refuse('Send your key as `Authorization: Bearer <key>`.');
    const record = await credentials.resolve(token);
    if (!record) return refuse(token.startsWith('dt_') ? DEVICE_TOKEN_ENDED : 'This key is not valid: it was never issued, or it was rotated.');
    return { isAuthorized: true, context: { outcome: 'ok', kind: record.kind, subject: record.subject } };
  },
);

/** What a quarantined person's phone shows: why it stopped working and what to do. */
const DEVICE_TOKEN_ENDED =
  'This device token no longer works: the quarantine has ended, or the case was enrolled on another phone. If you still need to check in, ask your case officer for a new enrolment code.';

const refuse = (reason: string): APIGatewaySimpleAuthorizerWithContextResult<BearerContext> => ({
  isAuthorized: true,
  context: { outcome: 'refused', reason },
});
