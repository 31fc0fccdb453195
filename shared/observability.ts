import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Created once per container and imported everywhere, as the Powertools examples do. The service
 * name and namespace come from POWERTOOLS_* variables the runtimes set; these are the fallbacks.
 */
export const logger = new Logger({ serviceName: 'crisis-response' });
export const metrics = new Metrics({ namespace: 'CrisisResponse', serviceName: 'crisis-response' });
export const tracer = new Tracer({ serviceName: 'crisis-response' });
