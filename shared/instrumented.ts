import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import { config } from './config.ts';
import { logger, metrics, tracer } from './observability.ts';

/**
 * The start of every handler's middy chain, HTTP or not: request-scoped structured logs, EMF metrics
 * flushed at the end of each invocation, and an X-Ray segment.
 */
export const instrumented = <Event, Result>() => {
  const chain = middy<Event, Result, Error, Context>().use(injectLambdaContext(logger, { resetKeys: true }));
  // Without CloudWatch to read them, metrics would only warn on every request that it has none.
  if (config.metricsEnabled) chain.use(logMetrics(metrics, { captureColdStartMetric: true }));
  return chain.use(captureLambdaHandler(tracer));
};
