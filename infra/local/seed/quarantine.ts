import { createHash } from 'node:crypto';
import type { Fence } from '../../../shared/geo/fence-shape.ts';
import type { CaseRecord } from '../../../shared/quarantine/quarantine-case.ts';
import type { Seeder } from './seeder.ts';

interface DemoCase {
  /** Stable: a restart derives the same case id and code, and finds the case it seeded. */
  readonly key: string;
  readonly region: string;
  readonly officerId: string;
  readonly person: { readonly name: string; readonly phone: string; readonly language: CaseRecord['language'] };
  readonly home: { readonly lat: number; readonly lng: number; readonly address: string };
  readonly daysIn: number;
  /** What has happened so far: nothing (the code is in demo-credentials), at home with check-ins, outside now, fever. */
  readonly story: 'awaiting-enrolment' | 'at-home' | 'outside' | 'fever';
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fictional people (names of the kind a textbook uses, 555 phone numbers) in the demo officers' regions. */
export const DEMO_CASES: readonly DemoCase[] = [
  { key: 'seoul-1', region: '11', officerId: 'officer-seoul-01', person: { name: '한지민', phone: '010-5550-0101', language: 'ko' }, home: { lat: 37.5636, lng: 126.9869, address: '서울특별시 중구 명동길 14' }, daysIn: 0, story: 'awaiting-enrolment' },
  { key: 'seoul-2', region: '11', officerId: 'officer-seoul-01', person: { name: '오세훈', phone: '010-5550-0102', language: 'ko' }, home: { lat: 37.5729, lng: 126.9794, address: '서울특별시 종로구 세종대로 175' }, daysIn: 4, story: 'at-home' },
  { key: 'seoul-3', region: '11', officerId: 'officer-seoul-01', person: { name: 'Wei Zhang', phone: '010-5550-0103', language: 'zh' }, home: { lat: 37.5547, lng: 126.9707, address: '서울특별시 용산구 한강대로 405' }, daysIn: 2, story: 'outside' },
  { key: 'seoul-4', region: '11', officerId: 'officer-seoul-02', person: { name: 'Emily Clark', phone: '010-5550-0104', language: 'en' }, home: { lat: 37.5172, lng: 127.0473, address: '서울특별시 강남구 삼성로 512' }, daysIn: 0, story: 'awaiting-enrolment' },
  { key: 'daegu-1', region: '27', officerId: 'officer-daegu-01', person: { name: '이도현', phone: '010-5550-0201', language: 'ko' }, home: { lat: 35.8714, lng: 128.6014, address: '대구광역시 중구 공평로 88' }, daysIn: 6, story: 'fever' },
  { key: 'daegu-2', region: '27', officerId: 'officer-daegu-01', person: { name: '박서연', phone: '010-5550-0202', language: 'ko' }, home: { lat: 35.8797, lng: 128.6286, address: '대구광역시 동구 동대구로 550' }, daysIn: 0, story: 'awaiting-enrolment' },
  { key: 'gyeonggi-1', region: '41', officerId: 'officer-gyeonggi-01', person: { name: '최민호', phone: '010-5550-0301', language: 'ko' }, home: { lat: 37.2636, lng: 127.0286, address: '경기도 수원시 팔달구 효원로 241' }, daysIn: 0, story: 'awaiting-enrolment' },
];

/** A draw from a stable byte stream: the same demo code on every restart, never one a person could guess from the id. */
const drawFrom = (seed: string) => {
  let counter = 0;
  return (n: number) => createHash('sha256').update(`${seed}#${counter++}`).digest().readUInt32BE(0) % n;
};

/**
 * Demo self-quarantine cases for the demo officers: some waiting for their phone (their codes go to
 * `demo-credentials.json` as `enrollments`), one at home with check-ins, one outside now with its
 * kept positions and an open `GEOFENCE_EXIT`, one with fever. A restart finds each case by its fixed id
 * and writes nothing again; a code used meanwhile is no longer listed.
 */
export const quarantineSeeder: Seeder = {
  name: 'quarantine cases',
  async seed({ derive, credentials, progress }) {
    const [{ QuarantineCasesRepository }, { QuarantineEventsRepository }, { EnrollmentCodesRepository }, { personalData }, { secrets }, { issueEnrollmentCode }, { dueAttributes }, { quarantineConfig }, { raiseAlert }, { CredentialsRepository }, { Credentials }] =
      await Promise.all([
        import('../../../shared/data/quarantine-cases-repository.ts'),
        import('../../../shared/data/quarantine-events-repository.ts'),
        import('../../../shared/data/enrollment-codes-repository.ts'),
        import('../../../shared/personal-data.ts'),
        import('../../../shared/secrets.ts'),
        import('../../../shared/quarantine/enrollment.ts'),
        import('../../../shared/quarantine/case-due.ts'),
        import('../../../shared/quarantine/quarantine-config.ts'),
        import('../../../shared/alerting.ts'),
        import('../../../shared/data/credentials-repository.ts'),
        import('../../../shared/platform/credentials.ts'),
      ]);
    const cases = new QuarantineCasesRepository();
    const events = new QuarantineEventsRepository();
    const codes = new EnrollmentCodesRepository();
    const pepper = await secrets.get('id-pepper');
    const tokens = new Credentials(new CredentialsRepository(), () => secrets.get('id-pepper'));
    let made = 0;

    for (const demo of DEMO_CASES) {
      // The same id on every start over these tables (a demo case is found again whatever the data directory);
      // only the code and the device token come from the data directory's secrets.
      const caseId = `c_${createHash('sha256').update(`crisis-response demo quarantine case ${demo.key}`).digest().subarray(0, 16).toString('base64url')}`;
      const existing = await cases.get(caseId);
      const issuedAt = existing ? new Date(existing.createdAt) : new Date();
      const issued = issueEnrollmentCode(caseId, pepper, issuedAt, drawFrom(derive(`quarantine-code:${demo.key}`)));

      if (!existing) {
        const now = Date.now();
        const startsAt = now - demo.daysIn * DAY - HOUR;
        const fence: Fence = { type: 'circle', center: { lat: demo.home.lat, lng: demo.home.lng }, radiusM: 100 };
        const enrolled = demo.story !== 'awaiting-enrolment';
        const outside = demo.story === 'outside';
        const draft = {
          caseId,
          region: demo.region,
          officerId: demo.officerId,
          state: 'active' as const,
          personSealed: await personalData.encrypt({ name: demo.person.name, phone: demo.person.phone }, { caseId, region: demo.region }),
          language: demo.person.language,
          home: demo.home,
          fence,
          startsAt: new Date(startsAt).toISOString(),
          endsAt: new Date(startsAt + 14 * DAY).toISOString(),
          createdAt: new Date(startsAt).toISOString(),
          createdBy: demo.officerId,
          ...(enrolled ? { enrolledAt: new Date(startsAt + HOUR).toISOString(), lastSeenAt: new Date(now - 2 * 60_000).toISOString() } : {}),
          geofence: enrolled
            ? outside
              ? { fence: 'OUTSIDE' as const, outsideSince: now - 25 * 60_000, outsideKind: 'exit' as const, lastAt: now - 2 * 60_000, insideAt: now - 30 * 60_000 }
              : { fence: 'INSIDE' as const, lastAt: now - 2 * 60_000, insideAt: now - 2 * 60_000 }
            : { fence: 'UNKNOWN' as const },
          outings: [],
          enrollmentLocator: issued.hashes.locator,
          v: 1,
        };
        // Check-ins: this morning's and yesterday's for the enrolled; the fever case's last one is 38.4 °C.
        const checkins = enrolled
          ? [2, 1].map((daysAgo) => {
              const at = new Date(now - daysAgo * 12 * HOUR).toISOString();
              const fever = demo.story === 'fever' && daysAgo === 1;
              return { caseId, sk: `checkin#${at}#demo-${demo.key}-${daysAgo}`, checkinId: `demo-${demo.key}-${daysAgo}`, at, temperatureC: fever ? 38.4 : 36.6, symptoms: { fever, cough: fever, soreThroat: false, shortnessOfBreath: false }, window: null, symptomatic: fever };
            })
          : [];
        const kept = outside
          ? [380, 520, 610].map((metres, i) => {
              const at = new Date(now - (25 - i * 8) * 60_000).toISOString();
              return { caseId, sk: `position#${at}#demo-${demo.key}-${i}`, at, lat: demo.home.lat + metres / 111_195, lng: demo.home.lng, accuracyM: 12 };
            })
          : [];
        const record = { ...draft, ...(checkins.length ? { lastCheckinAt: checkins.at(-1)?.at } : {}), ...dueAttributes(draft, quarantineConfig, now) };
        await events.putMany([...checkins, ...kept]);
        await codes.putNew(issued.hashes.locator, issued.record);
        if (!(await cases.create(record))) continue;
        if (enrolled) await tokens.issueIfNone('device', caseId, derive(`quarantine-device:${demo.key}`).replace(/^/, 'dt_'));
        const about = { region: demo.region, officerId: demo.officerId, subject: { kind: 'case' as const, id: caseId } };
        if (outside) await raiseAlert({ ...about, type: 'GEOFENCE_EXIT', severity: 'high', message: '격리 장소 이탈 (경계에서 약 280m, 정확도 12m, 연속 2회 확인).' });
        if (demo.story === 'fever') await raiseAlert({ ...about, type: 'SYMPTOMS', severity: 'high', message: '자가진단 이상: 체온 38.4°C, 발열감, 기침.' });
        made++;
      }

      const code = await codes.get(issued.hashes.locator);
      if (demo.story === 'awaiting-enrolment' && code && !code.usedAt && !code.supersededAt && Date.parse(code.expiresAt) > Date.now()) {
        credentials.enrollments.push({ caseId, code: issued.code });
      }
    }
    progress(`demo quarantine cases: ${made} new, ${credentials.enrollments.length} waiting for a phone`);
  },
};
