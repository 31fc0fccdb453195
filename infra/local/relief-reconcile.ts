import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { koreanDate } from '../../shared/masks/korean-time.ts';
import { daysBetween } from '../../shared/relief/stats.ts';
import { attachFunctions } from './runtime.ts';
import { requireRunningSystem } from './running-system.ts';

/**
 * `npm run relief:reconcile -- [--date D | --from D --to D] [--partner P]`: for each card company (all
 * those with webhook keys, or the one named) and each Korean day (today by default), sums the day's
 * settling transfers (a Query of `byPartnerDay`, page by page) and compares them with the day's 16
 * settlement shards, to the won and the count. Prints a table; exits 1 on any mismatch, 2 on a usage
 * error. It only reads, against the `npm start` running on DATA_DIR.
 */
const { values } = parseArgs({ options: { date: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, partner: { type: 'string' } } });

const fail = (message: string): never => {
  console.error(`${message}\nusage: npm run relief:reconcile -- [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] (Korean days; default today) [--partner <id>]`);
  process.exit(2);
};
const isDay = (value: string | undefined): value is string => value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

if (values.date !== undefined && (values.from !== undefined || values.to !== undefined)) fail('give --date or --from and --to, not both');
const from = values.date ?? values.from ?? koreanDate(new Date());
const to = values.date ?? values.to ?? from;
if (!isDay(from) || !isDay(to)) fail('a day is YYYY-MM-DD');
const days = daysBetween(from, to);
if (days.length === 0 || days.length > 400) fail('--from is on or before --to, at most 400 days apart');

const given = process.env.DATA_DIR ?? '.data';
const dataDir = resolve(given);
try {
  const system = await requireRunningSystem(dataDir, given);
  attachFunctions({ dataDir, dynamoEndpoint: system.dynamoEndpoint });
  const [{ ReliefReportsRepository }, { reconcileSettlements, reconciliationTable }, { secrets }] = await Promise.all([
    import('../../shared/data/relief-reports-repository.ts'),
    import('../../shared/relief/settlement-reconciliation.ts'),
    import('../../shared/secrets.ts'),
  ]);
  const known = Object.keys(JSON.parse(await secrets.get('partner-keys')) as Record<string, unknown>).sort();
  const partners = values.partner ? [values.partner] : known;
  if (partners.length === 0) fail('no card company has webhook keys yet; name one with --partner');
  const reconciled = await reconcileSettlements(new ReliefReportsRepository(), partners, days);
  console.log(reconciliationTable(reconciled));
  const wrong = reconciled.filter((day) => day.differences.length > 0).length;
  console.log(wrong === 0 ? `${reconciled.length} settlements reconcile with the ledger` : `${wrong} of ${reconciled.length} settlements do not reconcile with the ledger`);
  if (wrong > 0) process.exitCode = 1;
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
