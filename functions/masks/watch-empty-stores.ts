import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { raiseAlert } from '../../shared/alerting.ts';
import { alertConfig } from '../../shared/alerts/alert-config.ts';
import { StoreCellsRepository } from '../../shared/data/store-cells-repository.ts';
import { StoresRepository } from '../../shared/data/stores-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { EmptyStoreWatch } from '../../shared/masks/empty-stores.ts';
import { logger, metrics } from '../../shared/observability.ts';

// The read model itself, not the nearby route's 600 ms cache: a sweep every 15 minutes gains nothing from it.
const watch = new EmptyStoreWatch(new StoresRepository(), new StoreCellsRepository(), raiseAlert, alertConfig.storeEmpty);

/** The schedule's own time is the clock, as for the escalation sweep. */
export const handler = instrumented<ScheduledEvent, { checked: number; raised: number }>().handler(async (event) => {
  const at = Date.parse(event.time);
  const result = await watch.sweep(Number.isNaN(at) ? new Date() : new Date(at));
  if (result.raised > 0) logger.info('stores empty with no masks nearby', result);
  metrics.addMetric('emptyStoreAlerts', MetricUnit.Count, result.raised);
  return result;
});
