import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { config } from '../../shared/config.ts';
import { getHealth } from '../../shared/platform/contracts.ts';
import { unavailable } from '../../shared/http/problem.ts';
import { logger } from '../../shared/observability.ts';

const credentials = new CredentialsRepository();

export const handler = httpRoute(getHealth, async () => {
  const started = performance.now();
  await credentials.probe().catch((error: unknown) => {
    logger.warn('health probe failed', { error });
    throw unavailable('The database does not answer; the service cannot serve requests right now.');
  });
  return json(
    {
      status: 'ok',
      service: 'crisis-response',
      runtime: config.runtime,
      database: { status: 'ok', latencyMs: Math.round((performance.now() - started) * 100) / 100 },
      time: new Date().toISOString(),
    },
    200,
    { 'cache-control': 'no-store' },
  );
});
