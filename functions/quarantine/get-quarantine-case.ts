import { requireOfficial } from '../../shared/auth/principal.ts';
import { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import { QuarantineEventsRepository } from '../../shared/data/quarantine-events-repository.ts';
import { httpRoute, json } from '../../shared/http/route.ts';
import { caseTimeline, caseView } from '../../shared/quarantine/case-views.ts';
import { getQuarantineCase } from '../../shared/quarantine/contracts.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';
import { caseReader, NO_STORE, refusalToProblem } from './cases-service.ts';

const events = new QuarantineEventsRepository();
const alerts = new AlertsRepository();

const reader = caseReader();

export const handler = httpRoute(getQuarantineCase, async ({ params, principal, requestId }) => {
  const official = requireOfficial(principal);
  const read = await reader.read(official, params.caseId, requestId);
  if (read.kind !== 'read') throw refusalToProblem(read);
  const { record } = read;
  const [checkins, positions, transitions, raised] = await Promise.all([
    events.ofKind(record.caseId, 'checkin'),
    events.ofKind(record.caseId, 'position'),
    events.ofKind(record.caseId, 'transition'),
    alerts.ofOfficerSubject(record.region, record.officerId, { kind: 'case', id: record.caseId }, record.createdAt),
  ]);
  const timeline = caseTimeline([...checkins, ...positions, ...transitions], raised);
  return json(caseView(record, read.person, timeline, quarantineConfig, new Date()), 200, NO_STORE);
});
