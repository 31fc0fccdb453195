import type { AlertConfig } from './alert-config.ts';
import type { AlertSeverity } from './alert.ts';

/**
 * When an alert must have been acknowledged. Only `high` alerts wait for an answer: `info` is read when
 * there is time, and `critical` is already the admins'.
 */
export const deadlineOf = (severity: AlertSeverity, createdAt: Date, config: Pick<AlertConfig, 'highDeadlineMinutes'>): string | undefined =>
  severity === 'high' ? new Date(createdAt.getTime() + config.highDeadlineMinutes * 60_000).toISOString() : undefined;

