import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { koreanDayOf } from '../../shared/audit/audit-trail.ts';
import { REGION_CODES } from '../../shared/geo/regions.ts';
import { attachFunctions } from './runtime.ts';
import { requireRunningSystem } from './running-system.ts';

/**
 * `npm run audit:verify -- --region 11 [--day 2026-12-02]`: checks each of a region's hash chains for one
 * Korean day in the audit table of the `npm start` running on DATA_DIR, link by link, and prints the
 * first broken link of each. Exits 1 when any chain is broken, 2 on a usage error. It only reads.
 */
const { values } = parseArgs({ options: { region: { type: 'string' }, day: { type: 'string' } } });

const fail = (message: string): never => {
  console.error(`${message}\nusage: npm run audit:verify -- --region <2 digits> [--day YYYY-MM-DD (Korean time; default today)]`);
  process.exit(2);
};

const region = (REGION_CODES as readonly string[]).includes(values.region ?? '') ? (values.region as string) : fail(`--region takes one of ${REGION_CODES.join(', ')}`);
const day = values.day ?? koreanDayOf(new Date().toISOString());
if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) fail('--day takes a date as YYYY-MM-DD');

const given = process.env.DATA_DIR ?? '.data';
const dataDir = resolve(given);
try {
  const system = await requireRunningSystem(dataDir, given);
  attachFunctions({ dataDir, dynamoEndpoint: system.dynamoEndpoint });
  const { AuditRepository } = await import('../../shared/data/audit-repository.ts');
  const chains = await new AuditRepository().verifyDay(region, day);
  const total = chains.reduce((sum, { check }) => sum + check.entries, 0);
  console.log(`audit trail of region ${region} on ${day}: ${chains.length} chains, ${total} entries`);
  for (const { log, check } of chains) {
    console.log(check.intact ? `  ${log}  intact  ${check.entries} entries` : `  ${log}  BROKEN at seq ${check.brokenAt} of ${check.entries}: ${check.reason}`);
  }
  const broken = chains.filter(({ check }) => !check.intact).length;
  if (broken > 0) {
    console.log(`${broken} of ${chains.length} chains broken`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
