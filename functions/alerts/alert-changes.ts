import { checkFeedCursor, readChanges } from '../../shared/alerts/alert-feed.ts';
import { alertViewOf } from '../../shared/alerts/alert-view.ts';
import { getAlertChanges } from '../../shared/alerts/contracts.ts';
import { requireOfficial } from '../../shared/auth/principal.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { forbidden, validationFailed } from '../../shared/http/problem.ts';
import { httpRoute, json } from '../../shared/http/route.ts';

const alerts = new AlertsRepository();

export const handler = httpRoute(getAlertChanges, async ({ query, principal }) => {
  const official = requireOfficial(principal);
  const checked = checkFeedCursor(query.after, official);
  if (checked.kind === 'forbidden') throw forbidden(checked.detail);
  if (checked.kind === 'invalid') throw validationFailed([{ field: 'query.after', message: checked.detail }]);
  const changes = await readChanges(alerts, official, checked.cursor, new Date());
  return json({ items: changes.items.map(alertViewOf), cursor: changes.cursor }, 200, { 'cache-control': 'no-store' });
});
