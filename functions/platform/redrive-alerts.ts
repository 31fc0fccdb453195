import type { ScheduledEvent } from 'aws-lambda';
import { Outbox } from '../../shared/alerts/outbox.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { notifier } from '../../shared/notifier.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

const alerts = new AlertsRepository();
/** Room left for the last page's publishes after the sweep stops taking new pages. */
const FINISH_MS = 3000;

/** The sweep judges "late" by the time its schedule fired, so a replayed or test event judges as of then. */
export const handler = instrumented<ScheduledEvent, { published: number; skipped: number }>().handler(async (event, context) => {
  const firedAt = new Date(event.time);
  const outbox = new Outbox(alerts, notifier, () => (Number.isNaN(firedAt.getTime()) ? new Date() : firedAt));
  const counts = await outbox.redrive(Date.now() + context.getRemainingTimeInMillis() - FINISH_MS);
  if (counts.published > 0) logger.warn('published alerts the stream consumer had missed', counts);
  metrics.addMetric('alertsRedriven', MetricUnit.Count, counts.published);
  return counts;
});
