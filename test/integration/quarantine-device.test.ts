import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEvent } from '../../infra/local/scheduler.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { AlertRecord } from '../../shared/alerts/alert.ts';
import type { AuditEntry } from '../../shared/audit/audit-trail.ts';
import type { AlertsRepository } from '../../shared/data/alerts-repository.ts';
import type { CaseWrite, QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import type { QuarantineEventsRepository } from '../../shared/data/quarantine-events-repository.ts';
import { distanceM } from '../../shared/geo/distance.ts';
import type { Credentials } from '../../shared/platform/credentials.ts';
import { dueAttributes } from '../../shared/quarantine/case-due.ts';
import { newCaseId } from '../../shared/quarantine/case-id.ts';
import { quarantineConfig } from '../../shared/quarantine/quarantine-config.ts';
import type { CaseRecord } from '../../shared/quarantine/quarantine-case.ts';
import { client } from '../setup/http.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof client>;
let cases: QuarantineCasesRepository;
let events: QuarantineEventsRepository;
let alerts: AlertsRepository;
let credentials: Credentials;
let auditDay: (region: string, day: string) => Promise<AuditEntry[]>;
let officer: string;

const REGION = '11';
const OFFICER = 'officer-seoul-device';
const HOME = { lat: 37.5665, lng: 126.978 };

beforeAll(async () => {
  runtime = await startTestRuntime({ seed: false });
  api = client(runtime.baseUrl);
  // Imported after the runtime set the environment: the modules read it at import.
  const [casesModule, eventsModule, alertsModule, credentialsModule, credentialsRepository, secretsModule, auditModule] = await Promise.all([
    import('../../shared/data/quarantine-cases-repository.ts'),
    import('../../shared/data/quarantine-events-repository.ts'),
    import('../../shared/data/alerts-repository.ts'),
    import('../../shared/platform/credentials.ts'),
    import('../../shared/data/credentials-repository.ts'),
    import('../../shared/secrets.ts'),
    import('../../shared/data/audit-repository.ts'),
  ]);
  cases = new casesModule.QuarantineCasesRepository();
  events = new eventsModule.QuarantineEventsRepository();
  alerts = new alertsModule.AlertsRepository();
  credentials = new credentialsModule.Credentials(new credentialsRepository.CredentialsRepository(), () => secretsModule.secrets.get('id-pepper'));
  const audit = new auditModule.AuditRepository();
  auditDay = (region, day) => audit.day(region, day);
  officer = await runtime.issuer.sign({ role: 'officer', region: REGION, officerId: OFFICER });
});
afterAll(() => runtime?.stop());

/** A case as case creation and enrolment leave it, with its device token. */
const enrolledCase = async (over: Partial<CaseWrite> = {}): Promise<{ caseId: string; token: string; record: CaseWrite }> => {
  const now = Date.now();
  const caseId = newCaseId();
  const base: CaseWrite = {
    caseId,
    region: REGION,
    officerId: OFFICER,
    state: 'active',
    personSealed: 'sealed-person-placeholder',
    language: 'ko',
    home: { ...HOME, address: '서울특별시 중구 세종대로 110' },
    fence: { type: 'circle', center: HOME, radiusM: 100 },
    startsAt: new Date(now - 86_400_000).toISOString(),
    endsAt: new Date(now + 10 * 86_400_000).toISOString(),
    createdAt: new Date(now - 86_400_000).toISOString(),
    createdBy: OFFICER,
    enrolledAt: new Date(now - 86_400_000).toISOString(),
    geofence: { fence: 'UNKNOWN' },
    outings: [],
    v: 1,
    ...over,
  };
  const record = { ...base, ...dueAttributes(base, quarantineConfig, Date.parse(base.createdAt)) };
  expect(await cases.create(record)).toBe(true);
  return { caseId, token: await credentials.issue('device', caseId), record };
};

/** `metres` north of home (1° of latitude ≈ 111,195 m). */
const north = (metres: number) => ({ lat: HOME.lat + metres / 111_195, lng: HOME.lng });
const fix = (id: string, at: number, where: { lat: number; lng: number }, accuracyM: number) => ({ id, at: new Date(at).toISOString(), ...where, accuracyM });

const post = (token: string, body: unknown) => api.post('/v1/quarantine/positions', { bearer: token, body });

const inbox = async (type: string, caseId: string): Promise<{ alertId: string; state: string; history: { by: string; note?: string }[] }[]> => {
  const answer = await api.get(`/v1/alerts?type=${type}&limit=100`, { bearer: officer });
  expect(answer.status).toBe(200);
  return answer.json.items.filter((a: { subject: { id: string } }) => a.subject.id === caseId);
};

const published = (): { attributes: Record<string, string> }[] => {
  const file = resolve(runtime.dataDir, 'notifications.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
};

/** A seeded noisy track of a person who stays home: indoor fixes 20–80 m, and now and then a wild one. */
const stayHomeTrack = (start: number, count: number) => {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, (_, i) => {
    const at = start + i * 60_000;
    if (i % 17 === 9) return fix(`home-${i}`, at, north(600 + random() * 900), 2); // a multipath lie, claiming 2 m
    const accuracy = 20 + random() * 60;
    const bearing = random() * 2 * Math.PI;
    const off = random() * accuracy * 0.8;
    return fix(`home-${i}`, at, { lat: HOME.lat + (off * Math.cos(bearing)) / 111_195, lng: HOME.lng + (off * Math.sin(bearing)) / 88_000 }, accuracy);
  });
};

describe('positions from the check-in app', () => {
  it('never alarms for a person at home with a noisy phone, and stores none of their positions', async () => {
    const { caseId, token } = await enrolledCase();
    const track = stayHomeTrack(Date.now() - 50 * 60_000, 50);
    const answer = await post(token, { positions: track.slice(0, 25).reverse() });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ accepted: 25, duplicates: 0, stale: 0, fence: 'INSIDE' });
    expect((await post(token, { positions: track.slice(25) })).json).toMatchObject({ accepted: 25, fence: 'INSIDE' });

    expect(await inbox('GEOFENCE_EXIT', caseId)).toEqual([]);
    expect(await inbox('NOT_AT_HOME_AT_START', caseId)).toEqual([]);
    expect(await events.ofKind(caseId, 'position')).toEqual([]);
    const record = await cases.get(caseId);
    expect(record?.geofence.fence).toBe('INSIDE');
    expect(record?.lastSeenAt).toBe(track.at(-1)?.at);
    expect(JSON.stringify(record?.geofence)).not.toContain(String(track[0]!.lat));
  });

  it('alarms the officer within two samples of walking 400 m away, keeps only the outside positions, and resolves the exit on return', async () => {
    const { caseId, token } = await enrolledCase();
    const t0 = Date.now() - 20 * 60_000;
    // At home, then a walk at 1.5 m/s with a ping a minute: 90, 180, 270, 360, 400 m from home.
    expect((await post(token, { positions: [fix('w0', t0, north(10), 15), fix('w1', t0 + 60_000, north(5), 15)] })).json.fence).toBe('INSIDE');
    const walk = [90, 180, 270, 360, 400].map((m, i) => fix(`w${i + 2}`, t0 + (i + 2) * 60_000, north(m), 10));
    const fences: string[] = [];
    for (const sample of walk) fences.push((await post(token, { positions: [sample] })).json.fence);
    // 90 m is within the fence; 180 m is the first clear outside sample, 270 m the second.
    expect(fences).toEqual(['INSIDE', 'INSIDE', 'OUTSIDE', 'OUTSIDE', 'OUTSIDE']);

    const [exit] = await inbox('GEOFENCE_EXIT', caseId);
    expect(exit).toMatchObject({ state: 'open' });
    await runtime.streams.drained();
    expect(published().filter((n) => n.attributes.alertId === exit?.alertId)).toEqual([
      expect.objectContaining({ attributes: expect.objectContaining({ alertType: 'GEOFENCE_EXIT', severity: 'high', region: REGION, officerId: OFFICER }) }),
    ]);

    const kept = await events.ofKind(caseId, 'position');
    expect(kept.map((e) => e.sk.split('#')[2])).toEqual(['w3', 'w4', 'w5', 'w6']);
    for (const event of kept) expect(distanceM(HOME, event as unknown as { lat: number; lng: number })).toBeGreaterThan(100);

    // Back home: two fixes inside, half a minute apart at least.
    const back = [fix('b0', t0 + 8 * 60_000, north(150), 10), fix('b1', t0 + 10 * 60_000, north(20), 10), fix('b2', t0 + 11 * 60_000, north(10), 10)];
    expect((await post(token, { positions: back })).json).toMatchObject({ accepted: 3, fence: 'INSIDE' });
    const [resolved] = await inbox('GEOFENCE_EXIT', caseId);
    expect(resolved?.state).toBe('resolved');
    expect(resolved?.history.at(-1)).toMatchObject({ by: 'system:submit-quarantine-positions', note: expect.stringContaining('귀가') });
    expect(await inbox('GEOFENCE_RETURN', caseId)).toHaveLength(1);
    expect((await events.ofKind(caseId, 'position')).map((e) => e.sk.split('#')[2])).toEqual(['w3', 'w4', 'w5', 'w6', 'b0']);
    expect((await events.ofKind(caseId, 'transition')).map((e) => [e.from, e.to])).toEqual([
      ['INSIDE', 'OUTSIDE'],
      ['OUTSIDE', 'INSIDE'],
    ]);
  });

  it('applies a retried upload once, and refuses an id reused for another fix without changing anything', async () => {
    const { caseId, token } = await enrolledCase();
    const t0 = Date.now() - 10 * 60_000;
    const batch = { positions: [300, 310, 320].map((m, i) => fix(`r${i}`, t0 + i * 60_000, north(m), 10)) };
    expect((await post(token, batch)).json).toMatchObject({ accepted: 3, duplicates: 0, fence: 'OUTSIDE' });
    const afterFirst = await cases.get(caseId);
    const keptFirst = await events.ofKind(caseId, 'position');
    expect(keptFirst).toHaveLength(3);

    expect((await post(token, batch)).json).toEqual({ accepted: 0, duplicates: 3, stale: 0, fence: 'OUTSIDE' });
    expect(await events.ofKind(caseId, 'position')).toEqual(keptFirst);
    expect(await inbox('NOT_AT_HOME_AT_START', caseId)).toEqual([expect.objectContaining({ state: 'open' })]);
    expect((await alerts.unresolvedOf('NOT_AT_HOME_AT_START', { kind: 'case', id: caseId }))?.count).toBe(1);

    const other = await post(token, { positions: [fix('r1', t0 + 60_000, north(20), 10)] });
    expect(other.status).toBe(409);
    expect(other.json.type).toMatch(/idempotency-key-reused$/);
    const afterOther = await cases.get(caseId);
    expect(afterOther?.v).toBe(afterFirst?.v);
    expect(afterOther?.geofence).toEqual(afterFirst?.geofence);

    // Reused for a fix newer than any the case has seen: caught by the write itself, still nothing changed.
    const newer = await post(token, { positions: [fix('r2', t0 + 5 * 60_000, north(330), 10)] });
    expect(newer.status).toBe(409);
    expect((await cases.get(caseId))?.geofence).toEqual(afterFirst?.geofence);
  });

  it('applies uploads that race for one case, each position once', async () => {
    const { caseId, token } = await enrolledCase();
    const t0 = Date.now() - 30 * 60_000;
    const uploads = Array.from({ length: 6 }, (_, u) => ({ positions: [0, 1, 2].map((i) => fix(`u${u}-${i}`, t0 + (u * 3 + i) * 60_000, north(300 + u * 3 + i), 10)) }));
    const answers = await Promise.all(uploads.map((body) => post(token, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
    // A racing upload may find its fixes older than the winner's: stale, never applied twice.
    expect(answers.reduce((n, a) => n + a.json.accepted + a.json.stale, 0)).toBe(18);
    const record = await cases.get(caseId);
    expect(record?.v).toBe(1 + answers.length);
    expect((await events.ofKind(caseId, 'request')).length).toBe(18);
    expect((await events.ofKind(caseId, 'transition')).length).toBe(1);
  });

  it('puts a token’s positions on its own case only', async () => {
    const mine = await enrolledCase();
    const theirs = await enrolledCase();
    expect((await post(mine.token, { positions: [fix('m0', Date.now() - 60_000, north(5), 20)], heartbeat: { at: new Date().toISOString() } })).status).toBe(200);
    expect((await cases.get(mine.caseId))?.lastSeenAt).toBeDefined();
    const untouched = await cases.get(theirs.caseId);
    expect(untouched?.v).toBe(1);
    expect(untouched?.lastSeenAt).toBeUndefined();
    // A case id in the body is not a way around it: the body has no such field.
    const smuggled = await post(mine.token, { caseId: theirs.caseId, positions: [] });
    expect(smuggled.status).toBe(400);
    expect((await cases.get(theirs.caseId))?.v).toBe(1);
  });

  it('refuses 51 positions, a fix dated tomorrow and an ended case, naming what is wrong', async () => {
    const { caseId, token } = await enrolledCase();
    const many = await post(token, { positions: Array.from({ length: 51 }, (_, i) => fix(`n${i}`, Date.now() - 60_000 + i, north(5), 20)) });
    expect(many.status).toBe(400);
    expect(many.json.errors).toEqual([expect.objectContaining({ field: 'body.positions' })]);
    const ahead = await post(token, { positions: [fix('f0', Date.now() + 86_400_000, north(5), 20)] });
    expect(ahead.status).toBe(400);
    expect(ahead.json.errors).toEqual([expect.objectContaining({ field: 'body.positions[0].at' })]);
    expect((await cases.get(caseId))?.v).toBe(1);

    const ended = await enrolledCase({ endsAt: new Date(Date.now() - 60_000).toISOString() });
    const late = await post(ended.token, { positions: [fix('e0', Date.now() - 1000, north(5), 20)] });
    expect(late.status).toBe(410);
    expect(late.json.type).toMatch(/case-ended$/);
  });

  it('raises NO_SIGNAL at once when the app says location is off, and clears the flag when it is back', async () => {
    const { caseId, token } = await enrolledCase();
    const off = await post(token, { positions: [], location: { at: new Date(Date.now() - 1000).toISOString(), status: 'denied' } });
    expect(off.status).toBe(200);
    expect(await inbox('NO_SIGNAL', caseId)).toEqual([expect.objectContaining({ state: 'open' })]);
    expect((await cases.get(caseId))?.locationOff).toBe(true);
    expect((await post(token, { location: { at: new Date().toISOString(), status: 'ok' } })).status).toBe(200);
    expect((await cases.get(caseId))?.locationOff).toBeUndefined();
  });
});

describe('the quarantine sweep', () => {
  const at = (iso: string) => new Date(iso);
  const sweepAt = (time: Date) => runtime.functions.invoke('sweep-quarantine-cases', scheduledEvent('sweep-quarantine-cases', time)) as Promise<{ alerts: number }>;
  const ofCase = async (caseId: string): Promise<AlertRecord[]> => alerts.ofOfficerSubject(REGION, OFFICER, { kind: 'case', id: caseId }, '2020-01-01T00:00:00Z');

  it('alarms a missed check-in, silence and an overdue outing once each, ends the case with its token, and purges it to a summary', async () => {
    // 9 March 2020, 09:00 in Korea; the morning window closes at 12:00 (03:00Z), +60 min grace.
    const { caseId, token } = await enrolledCase({
      startsAt: '2020-03-09T00:00:00Z',
      endsAt: '2020-03-11T00:00:00Z',
      createdAt: '2020-03-08T23:00:00Z',
      enrolledAt: '2020-03-09T00:00:00Z',
      lastSeenAt: '2020-03-09T01:00:00Z',
      geofence: { fence: 'OUTSIDE', outsideSince: Date.parse('2020-03-09T02:10:00Z'), outsideKind: 'exit', outsidePermitted: true },
      outings: [{ outingId: 'o1', from: '2020-03-09T02:00:00Z', to: '2020-03-09T04:00:00Z', reason: '선별진료소 검사', grantedBy: OFFICER, grantedAt: '2020-03-08T23:30:00Z' }],
      enrollmentLocator: 'locator-of-the-purged-case',
      closedReason: '병원 이송 (서울대병원)',
    });
    const { EnrollmentCodesRepository } = await import('../../shared/data/enrollment-codes-repository.ts');
    const codes = new EnrollmentCodesRepository();
    await codes.putNew('locator-of-the-purged-case', { caseId, verifier: 'v', issuedAt: '2020-03-08T23:00:00Z', expiresAt: '2020-03-10T23:00:00Z', usedAt: '2020-03-09T00:00:00Z' });
    await events.putMany([
      { caseId, sk: 'position#2020-03-09T02:20:00.000Z#p1', lat: 37.57, lng: 126.98, accuracyM: 10 },
      { caseId, sk: 'checkin#2020-03-09T00:30:00.000Z#k1', temperatureC: 36.5 },
    ]);

    await sweepAt(at('2020-03-09T01:10:00Z'));
    expect(await ofCase(caseId)).toEqual([]);

    await sweepAt(at('2020-03-09T04:30:00Z'));
    await sweepAt(at('2020-03-09T04:31:00Z'));
    await sweepAt(at('2020-03-09T05:00:00Z'));
    const raised = await ofCase(caseId);
    expect(raised.map((a) => a.type).sort()).toEqual(['MISSED_CHECKIN', 'NO_SIGNAL', 'OUTING_OVERDUE']);
    for (const alert of raised) expect(alert).toMatchObject({ severity: 'high', count: 1, region: REGION, officerId: OFFICER });
    expect(JSON.stringify(raised)).not.toContain('37.57');

    // Past its end by the clock but not yet swept: the token still works, the route says the quarantine ended.
    expect((await post(token, { heartbeat: { at: new Date().toISOString() } })).status).toBe(410);
    await sweepAt(at('2020-03-11T00:01:00Z'));
    const ended = await cases.get(caseId);
    expect(ended).toMatchObject({ state: 'ended', endedAt: '2020-03-11T00:00:00Z', dueReason: 'purge' });
    const refused = await post(token, { heartbeat: { at: new Date().toISOString() } });
    expect(refused.status).toBe(401);

    await sweepAt(at('2020-03-24T23:00:00Z'));
    expect((await cases.get(caseId))?.state).toBe('ended');
    await sweepAt(at('2020-03-25T00:01:00Z'));
    const purged = (await cases.get(caseId)) as CaseRecord;
    expect(purged.state).toBe('purged');
    for (const gone of ['personSealed', 'home', 'fence', 'closedReason', 'dueShard', 'nextDueAt']) expect(purged).not.toHaveProperty(gone);
    // The enrolment code's record goes with the case.
    expect(await codes.get('locator-of-the-purged-case')).toBeUndefined();
    expect(purged.outings).toEqual([]);
    expect(purged.summary).toMatchObject({
      startsAt: '2020-03-09T00:00:00Z',
      endsAt: '2020-03-11T00:00:00Z',
      endedAt: '2020-03-11T00:00:00Z',
      checkins: 1,
      keptPositions: 1,
      purgedAt: '2020-03-25T00:01:00.000Z',
    });
    expect(purged.summary?.alertsByType).toMatchObject({ NO_SIGNAL: 1, OUTING_OVERDUE: 1 });
    expect(purged.summary?.alertsByType.MISSED_CHECKIN).toBeGreaterThanOrEqual(1);
    for (const kind of ['position', 'checkin', 'transition', 'request'] as const) expect(await events.ofKind(caseId, kind)).toEqual([]);
    const trail = await auditDay(REGION, '2020-03-25');
    expect(trail.filter((e) => e.subject.id === caseId)).toEqual([
      expect.objectContaining({ actor: { kind: 'system', name: 'purge' }, action: 'case.purge', subject: { kind: 'case', id: caseId } }),
    ]);
    await sweepAt(at('2020-04-30T00:00:00Z'));
    expect((await cases.get(caseId))?.v).toBe(purged.v);
  });

  it('does not alarm a case that checked in, kept pinging and came back from its outing', async () => {
    const { caseId } = await enrolledCase({
      startsAt: '2020-03-09T00:00:00Z',
      endsAt: '2020-03-20T00:00:00Z',
      createdAt: '2020-03-08T23:00:00Z',
      enrolledAt: '2020-03-09T00:00:00Z',
      lastSeenAt: '2020-03-09T04:25:00Z',
      lastCheckinWindow: '2020-03-09/morning',
      geofence: { fence: 'INSIDE' },
      outings: [{ outingId: 'o2', from: '2020-03-09T02:00:00Z', to: '2020-03-09T04:00:00Z', reason: '검사', grantedBy: OFFICER, grantedAt: '2020-03-08T23:30:00Z' }],
    });
    await sweepAt(at('2020-03-09T04:30:00Z'));
    expect(await ofCase(caseId)).toEqual([]);
    expect((await cases.get(caseId))?.state).toBe('active');
  });
});
