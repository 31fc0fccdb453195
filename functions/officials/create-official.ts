import { requireOfficial } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { OfficialsRepository } from '../../shared/data/officials-repository.ts';
import { HttpProblem, idempotencyKeyReused } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { officialAccounts } from '../../shared/official-accounts.ts';
import { createOfficial } from '../../shared/officials/contracts.ts';
import { OfficialsAdministration } from '../../shared/officials/officials-administration.ts';
import { accountsBusy, NO_STORE, refusalProblem } from './refusals.ts';

const administration = new OfficialsAdministration({ directory: new OfficialsRepository(), accounts: officialAccounts(), audit: new AuditRepository() });

const conflict = (type: string, detail: string) => new HttpProblem({ type, title: 'The official conflicts with one that exists', status: 409, detail });

export const handler = httpRoute(createOfficial, async ({ body, principal, requestId }) => {
  const actor = requireOfficial(principal);
  const outcome = await administration.create(actor, body, requestId);
  switch (outcome.kind) {
    case 'created':
      return json(outcome.official, 201, NO_STORE);
    case 'refused':
      throw refusalProblem(outcome.refusal, actor);
    case 'officer-id-reused':
      throw idempotencyKeyReused(`Officer id ${body.officerId} already names another official. Choose another id, or leave it out to have one made.`);
    case 'email-taken':
      throw conflict('email-taken', 'Another official already signs in with this e-mail address.');
    case 'account-exists':
      throw conflict('account-exists', 'The sign-in service already has an account with this e-mail address that the directory does not list; ask an operator.');
    case 'accounts-busy':
      throw accountsBusy();
  }
});
