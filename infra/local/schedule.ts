import { CronExpressionParser } from 'cron-parser';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * When an EventBridge schedule next fires after `from`. `rate(n unit)` and `cron(m h dom mon dow year)`
 * (UTC, `?` for "any"), the two forms the manifest may use.
 */
export const nextRun = (expression: string, from: Date): Date => {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return new Date(from.getTime() + Number(rate[1]) * (UNIT_MS[rate[2] ?? ''] ?? 0));
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) {
    const fields = (cron[1] ?? '').trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`cron() takes six fields: ${expression}`);
    const fiveFields = fields.slice(0, 5).map((field) => (field === '?' ? '*' : field)).join(' ');
    return CronExpressionParser.parse(fiveFields, { currentDate: from, tz: 'UTC' }).next().toDate();
  }
  throw new Error(`Not an EventBridge schedule expression: ${expression}`);
};
