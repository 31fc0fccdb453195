import { z } from 'zod';
import file from '../../config/quarantine.json' with { type: 'json' };

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day in Korea, HH:MM');

/**
 * The self-quarantine rules' numbers, from `config/quarantine.json`; every field has its default here,
 * so the file says only what a deployment changes. Checked at init: a bad value fails the function's start.
 */
export const quarantineConfigSchema = z
  .object({
    /**
     * When the app asks for the twice-daily self-diagnosis, in Korean time (UTC+9, no daylight saving).
     * In 2020 the app asked twice a day; the windows do not overlap and do not cross midnight.
     */
    checkinWindows: z
      .array(z.object({ name: z.enum(['morning', 'afternoon', 'evening']), opens: clock, closes: clock }).strict())
      .min(1)
      .max(4)
      .default([
        { name: 'morning', opens: '09:00', closes: '12:00' },
        { name: 'afternoon', opens: '15:00', closes: '18:00' },
      ])
      .refine((windows) => windows.every((w) => w.opens < w.closes), 'a window opens before it closes, within one day')
      .refine((windows) => windows.every((w, i) => i === 0 || (windows[i - 1]?.closes ?? '') <= w.opens), 'windows are in order and do not overlap'),
    /** After a window closes, how long before a missing check-in alarms: a person in the shower is not a violator. */
    missedCheckinGraceMinutes: z.number().int().min(0).max(6 * 60).default(60),
    /** No position or heartbeat for this long (or location turned off) is `NO_SIGNAL`: Taiwan's phone-off rule was 15. */
    noSignalMinutes: z.number().int().min(5).max(24 * 60).default(15),
    /** How often the open app sends its position. */
    pingIntervalSeconds: z.number().int().min(10).max(3600).default(60),
    /** How often the open app says it is alive when it has no position to send. */
    heartbeatSeconds: z.number().int().min(30).max(3600).default(300),
    /** A temperature at or above this is a symptom (KDCA's fever threshold in 2020). */
    feverCelsius: z.number().min(37).max(39).default(37.5),
    /** Days after a case ends before its person, check-ins and positions are purged, leaving a summary. */
    purgeAfterDays: z.number().int().min(0).max(365).default(14),
    /** The longest quarantine a case may span, extensions included. */
    maxCaseDays: z.number().int().min(1).max(90).default(30),
  })
  .strict();

export type QuarantineConfig = z.infer<typeof quarantineConfigSchema>;
export type CheckinWindowSpec = QuarantineConfig['checkinWindows'][number];

export const quarantineConfig: QuarantineConfig = quarantineConfigSchema.parse(file);
