import { alertViewOf } from '../../shared/alerts/alert-view.ts';
import { listAlerts } from '../../shared/alerts/contracts.ts';
import { inboxPage } from '../../shared/alerts/inbox.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { forbidden, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';

const alerts = new AlertsRepository();

export const handler = httpRoute(listAlerts, async ({ query, principal }) => {
  const official = requireOfficial(principal);
  const { cursor, limit, ...filter } = query;
  const page = await inboxPage(alerts, official, filter, cursor, limit);
  if (page.kind === 'forbidden') throw forbidden(page.detail);
  if (page.kind === 'bad-cursor') throw validationFailed([{ field: 'query.cursor', message: page.detail }]);
  return json({ items: page.items.map(alertViewOf), cursor: page.cursor }, 200, { 'cache-control': 'no-store' });
});
