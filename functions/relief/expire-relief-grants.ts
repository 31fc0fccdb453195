import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { ReliefExpiryRepository } from '../../shared/data/relief-expiry-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { GrantExpiry, type ExpiryResult } from '../../shared/relief/grant-expiry.ts';
import { reliefNow } from '../../shared/relief/relief-config.ts';

const expiry = new GrantExpiry(new ReliefExpiryRepository(), {
  onProblem: (grantId, what) => logger.warn('grant not expired this run', { grantId, what }),
});

/** Stop taking grants this long before the function's timeout: the one in hand still commits. */
const SAFETY_MS = 10_000;

/**
 * The schedule's own time is the clock, moved by the program's replay offset (`RELIEF_AS_OF`), so a late
 * run judges as of when it was due and a replay of 2020 expires on its 31 August, not today.
 */
export const handler = instrumented<ScheduledEvent, ExpiryResult>().handler(async (event, context: Context) => {
  const due = Date.parse(event.time);
  const offset = reliefNow().getTime() - Date.now();
  const now = new Date((Number.isNaN(due) ? Date.now() : due) + offset);
  const result = await expiry.sweep(now, Date.now() + Math.max(context.getRemainingTimeInMillis() - SAFETY_MS, 1_000));
  if (result.expired + result.emptied + result.left > 0) logger.info('relief expiry', { ...result, at: now.toISOString() });
  metrics.addMetric('reliefGrantsExpired', MetricUnit.Count, result.expired);
  metrics.addMetric('reliefWonExpired', MetricUnit.Count, result.expiredWon);
  return result;
});
