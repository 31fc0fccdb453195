import type { ScheduledEvent } from 'aws-lambda';
import { Outbox } from '../../shared/alerts/outbox.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { notifier } from '../../shared/notifier.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { MetricUnit } from '@aws-lambda-powertools/metrics';

const outbox = new Outbox(new AlertsRepository(), notifier);

export const handler = instrumented<ScheduledEvent, { published: number }>().handler(async () => {
  const published = await outbox.redrive();
  if (published > 0) logger.warn('published alerts the stream consumer had missed', { published });
  metrics.addMetric('alertsRedriven', MetricUnit.Count, published);
  return { published };
});
