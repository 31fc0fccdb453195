import { requireOfficial } from '../../shared/auth/principal.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { OfficialsRepository } from '../../shared/data/officials-repository.ts';
import { HttpProblem, notFound } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { officialAccounts } from '../../shared/official-accounts.ts';
import { changeOfficialStatus } from '../../shared/officials/contracts.ts';
import { OfficialsAdministration } from '../../shared/officials/officials-administration.ts';
import { accountsBusy, NO_STORE, refusalProblem } from './refusals.ts';
import { subscriptions } from './subscriptions-service.ts';

const administration = new OfficialsAdministration({ directory: new OfficialsRepository(), accounts: officialAccounts(), audit: new AuditRepository(), subscriptions });

export const handler = httpRoute(changeOfficialStatus, async ({ params, principal, requestId }) => {
  const actor = requireOfficial(principal);
  const { officerId, change } = params.officialAction;
  const outcome = await administration.changeStatus(actor, officerId, change, requestId);
  switch (outcome.kind) {
    case 'changed':
      // 200 either way: the official is refused from now on; a remainder is for the admin to retry.
      return json({ ...outcome.official, ...(outcome.subscriptionsRemaining && { subscriptionsRemaining: outcome.subscriptionsRemaining }) }, 200, NO_STORE);
    case 'not-found':
      throw notFound(`There is no official ${officerId}.`);
    case 'refused':
      throw refusalProblem(outcome.refusal, actor);
    case 'account-missing':
      throw new HttpProblem({
        type: 'account-missing',
        title: 'The official has no sign-in account',
        status: 409,
        detail: `The directory lists ${officerId}, but the sign-in service has no account for them; ask an operator.`,
      });
    case 'accounts-busy':
      throw accountsBusy();
  }
});
