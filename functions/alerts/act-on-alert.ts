import { AlertActions } from '../../shared/alerts/alert-actions.ts';
import { alertViewOf } from '../../shared/alerts/alert-view.ts';
import { actOnAlert } from '../../shared/alerts/contracts.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';

const actions = new AlertActions(new AlertsRepository());

export const handler = httpRoute(actOnAlert, async ({ params, body, principal, requestId }) => {
  const official = requireOfficial(principal);
  const { alertId, action } = params.alertAction;
  const outcome = await actions.act(official, { alertId, action, ...(body.note ? { note: body.note } : {}), requestId });
  switch (outcome.kind) {
    case 'not-found':
      throw notFound(`There is no alert ${alertId}.`);
    case 'forbidden':
      throw forbidden(outcome.detail);
    case 'conflict':
      throw conflict(outcome.detail);
    case 'needs-note':
      throw validationFailed([{ field: 'body.note', message: 'required to resolve: say what was done' }]);
    case 'done':
      return json(alertViewOf(outcome.alert), 200, { 'cache-control': 'no-store' });
  }
});
