import { randomBytes } from 'node:crypto';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { PartnersRepository } from '../../shared/data/partners-repository.ts';
import { conflict, HttpProblem, notFound } from '../../shared/http/problem.ts';
import { auditActorOf } from '../../shared/officials/official.ts';
import { Partners, type Refused } from '../../shared/relief/partners.ts';
import { secrets } from '../../shared/secrets.ts';

/** The partners service wired to its table, the `partner-keys` secret and the audit trail, once per container. */
export const partners = new Partners({
  directory: new PartnersRepository(),
  keys: { read: (options) => secrets.get('partner-keys', options), write: (text) => secrets.put('partner-keys', text), staleSeconds: secrets.staleSeconds },
  audit: new AuditRepository(),
  actorOf: auditActorOf,
  randomKey: () => randomBytes(32),
});

/** A refusal as the API answers it. */
export const refusalToProblem = (refused: Refused): HttpProblem => {
  switch (refused.kind) {
    case 'exists':
      return conflict(`A partner ${refused.partnerId} exists already; rotate its secret instead.`, { errors: [{ field: 'body.partnerId', message: 'is taken by an existing partner' }] });
    case 'not-found':
      return notFound(`There is no partner ${refused.partnerId}.`);
    case 'busy':
      return new HttpProblem({ type: 'busy', title: 'The service is busy', status: 503, detail: 'Another administrator is changing the partners’ secrets; nothing was changed. Try again in a moment.' }, { 'retry-after': '1' });
  }
};

/** A secret in an answer: never kept by a browser or a proxy. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;
