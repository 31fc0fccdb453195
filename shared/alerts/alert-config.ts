import { z } from 'zod';
import file from '../../config/alerts.json' with { type: 'json' };
import { ALERT_SEVERITIES, type AlertSeverity } from './alert.ts';

const severity = z.enum(ALERT_SEVERITIES as [AlertSeverity, ...AlertSeverity[]]);

/**
 * The alert rules' numbers, from `config/alerts.json`; every field has its default here, so the file
 * says only what a deployment changes. Read and checked at init: a bad value fails the function's start.
 */
export const alertConfigSchema = z
  .object({
    /** Minutes a `high` alert may stay unacknowledged before it escalates: Taiwan answered alarms within 15 in 2020. */
    highDeadlineMinutes: z.number().int().min(1).max(24 * 60).default(15),
    storeEmpty: z
      .object({
        /** Hours a store must have been `empty` before it counts: a delivery gap of an hour is ordinary. */
        afterHours: z.number().min(0.25).max(72).default(3),
        /** How far a citizen would walk to another store; 1 km is nearby's default radius. */
        radiusM: z.number().int().min(100).max(5000).default(1000),
        /** `info`: a supply problem for the region to plan around, not an alarm answered within minutes. */
        severity: severity.default('info'),
      })
      .strict()
      .default({ afterHours: 3, radiusM: 1000, severity: 'info' }),
    signatureRejections: z
      .object({
        /** Rejected webhook signatures from one partner in one minute above which someone looks: a retry storm is a few. */
        perMinute: z.number().int().min(1).default(20),
        /** `high`: a partner's key may be leaked or misconfigured, and grants stop flowing until it is fixed. */
        severity: severity.default('high'),
      })
      .strict()
      .default({ perMinute: 20, severity: 'high' }),
    deadlineDeclines: z
      .object({
        /** Authorizations of one card company declined for its `respondBy` in one minute above which someone looks. */
        perMinute: z.number().int().min(1).default(20),
        /** `high`: holders' payments are being declined while their grants have money. */
        severity: severity.default('high'),
      })
      .strict()
      .default({ perMinute: 20, severity: 'high' }),
  })
  .strict();

export type AlertConfig = z.infer<typeof alertConfigSchema>;

export const alertConfig: AlertConfig = alertConfigSchema.parse(file);
