import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { alertConfig } from '../../shared/alerts/alert-config.ts';
import { Escalator } from '../../shared/alerts/escalation.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { logger, metrics } from '../../shared/observability.ts';

const escalator = new Escalator(new AlertsRepository(), alertConfig);

/** The schedule's own time is the clock: a late or replayed run judges deadlines as of when it was due. */
export const handler = instrumented<ScheduledEvent, { escalated: number }>().handler(async (event) => {
  const at = Date.parse(event.time);
  const result = await escalator.sweep(Number.isNaN(at) ? new Date() : new Date(at));
  if (result.escalated > 0) logger.info('escalated overdue alerts', result);
  metrics.addMetric('alertsEscalated', MetricUnit.Count, result.escalated);
  return result;
});
