import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ScheduledEvent } from 'aws-lambda';
import { raiseAlert } from '../../shared/alerting.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { AuditRepository } from '../../shared/data/audit-repository.ts';
import { CredentialsRepository } from '../../shared/data/credentials-repository.ts';
import { EnrollmentCodesRepository } from '../../shared/data/enrollment-codes-repository.ts';
import { QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import { QuarantineEventsRepository } from '../../shared/data/quarantine-events-repository.ts';
import { instrumented } from '../../shared/instrumented.ts';
import { logger, metrics } from '../../shared/observability.ts';
import { Credentials } from '../../shared/platform/credentials.ts';
import { CaseSweep } from '../../shared/quarantine/case-sweep.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';
import { secrets } from '../../shared/secrets.ts';

const alerts = new AlertsRepository();
const codes = new EnrollmentCodesRepository();
const audit = new AuditRepository();
const credentials = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));

const sweep = new CaseSweep(
  {
    cases: new QuarantineCasesRepository(),
    events: new QuarantineEventsRepository(),
    raise: raiseAlert,
    alertsByType: async (record) => {
      const counts: Record<string, number> = {};
      for (const alert of await alerts.ofOfficerSubject(record.region, record.officerId, { kind: 'case', id: record.caseId }, record.createdAt)) {
        counts[alert.type] = (counts[alert.type] ?? 0) + 1;
      }
      return counts;
    },
    revokeDevice: (caseId) => credentials.revoke('device', caseId),
    deleteEnrollmentCode: (locator, caseId) => codes.deleteOf(locator, caseId),
    audit: (event) => audit.append(event),
  },
  quarantineConfig,
);

/** The schedule's own time is the clock, as for the escalation sweep: a late run judges as of when it was due. */
export const handler = instrumented<ScheduledEvent, Awaited<ReturnType<CaseSweep['sweep']>>>().handler(async (event) => {
  const at = Date.parse(event.time);
  const result = await sweep.sweep(Number.isNaN(at) ? new Date() : new Date(at));
  if (result.alerts + result.ended + result.purged > 0) logger.info('quarantine sweep', { ...result });
  metrics.addMetric('quarantineSweepAlerts', MetricUnit.Count, result.alerts);
  metrics.addMetric('quarantineCasesPurged', MetricUnit.Count, result.purged);
  return result;
});
