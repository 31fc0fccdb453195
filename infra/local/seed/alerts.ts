import type { AlertState } from '../../../shared/alerts/alert.ts';
import type { RaiseInput } from '../../../shared/alerts/raise-alert.ts';
import type { Official } from '../../../shared/auth/principal.ts';
import type { Seeder } from './seeder.ts';

type Ending = Exclude<AlertState, 'acknowledged' | 'resolved'> | 'escalated' | 'acted';
type Step = { readonly action: 'acknowledge' | 'resolve'; readonly note?: string };

interface DemoAlert {
  /** Stable, so a restart finds the alert it seeded instead of raising it again. */
  readonly key: string;
  readonly alert: RaiseInput;
  readonly minutesAgo: number;
  readonly ending: Ending;
  /** Who acted on it, as in DEMO_OFFICIALS, and what they did, four minutes apart. */
  readonly by?: Official;
  readonly steps?: readonly Step[];
}

const official = (role: Official['role'], region: string, officerId: string): Official => ({ kind: 'official', role, region, officerId });
const seoulOfficer = official('officer', '11', 'officer-seoul-01');
const seoulColleague = official('officer', '11', 'officer-seoul-02');
const daeguOfficer = official('officer', '27', 'officer-daegu-01');
const daeguAdmin = official('admin', '27', 'admin-daegu-01');

const caseAlert = (region: string, officerId: string, caseId: string, type: string, severity: RaiseInput['severity'], message: string): RaiseInput => ({
  type,
  severity,
  region,
  officerId,
  subject: { kind: 'case', id: caseId },
  message,
});

/**
 * A few alerts in each state in Seoul and Daegu, so the console is alive on first open: some for
 * officer-seoul-01, a `high` one that will escalate a few minutes after the start if nobody answers
 * it, two already escalated; a store without masks nearby is added by the seeder. Times are relative to the first start.
 */
export const DEMO_ALERTS: readonly DemoAlert[] = [
  { key: 'seoul-exit-open', alert: caseAlert('11', 'officer-seoul-01', 'c-2020-11-0042', 'GEOFENCE_EXIT', 'high', '자가격리 이탈: 자택 격리구역을 벗어났습니다 (정확도 12m).'), minutesAgo: 9, ending: 'open' },
  { key: 'seoul-fever-open', alert: caseAlert('11', 'officer-seoul-01', 'c-2020-11-0051', 'SYMPTOMS', 'info', '발열 37.6°C, 기침 보고 (오전 체크인).'), minutesAgo: 35, ending: 'open' },
  {
    key: 'seoul-missed-acknowledged',
    alert: caseAlert('11', 'officer-seoul-01', 'c-2020-11-0063', 'MISSED_CHECK_IN', 'high', '오후 체크인 미제출 (마감 18:00).'),
    minutesAgo: 50,
    ending: 'acted',
    by: seoulOfficer,
    steps: [{ action: 'acknowledge', note: '전화 통화: 앱 오류, 재설치 안내' }],
  },
  {
    key: 'seoul-exit-resolved',
    alert: caseAlert('11', 'officer-seoul-02', 'c-2020-11-0077', 'GEOFENCE_EXIT', 'high', '자가격리 이탈: 자택 격리구역을 벗어났습니다 (정확도 30m).'),
    minutesAgo: 180,
    ending: 'acted',
    by: seoulColleague,
    steps: [
      { action: 'acknowledge', note: '현장 확인 중' },
      { action: 'resolve', note: '자택 복귀 확인, 위치 오차' },
    ],
  },
  { key: 'seoul-missed-escalated', alert: caseAlert('11', 'officer-seoul-02', 'c-2020-11-0088', 'MISSED_CHECK_IN', 'high', '오전 체크인 미제출 (마감 10:00).'), minutesAgo: 40, ending: 'escalated' },
  { key: 'daegu-exit-open', alert: caseAlert('27', 'officer-daegu-01', 'c-2020-27-0311', 'GEOFENCE_EXIT', 'high', '자가격리 이탈: 자택 격리구역을 벗어났습니다 (정확도 8m).'), minutesAgo: 4, ending: 'open' },
  {
    key: 'daegu-fever-acknowledged',
    alert: caseAlert('27', 'officer-daegu-01', 'c-2020-27-0312', 'SYMPTOMS', 'high', '발열 38.1°C 보고 (오후 체크인).'),
    minutesAgo: 70,
    ending: 'acted',
    by: daeguOfficer,
    steps: [{ action: 'acknowledge', note: '보건소 이송 요청' }],
  },
  {
    key: 'daegu-missed-resolved',
    alert: caseAlert('27', 'officer-daegu-01', 'c-2020-27-0313', 'MISSED_CHECK_IN', 'info', '오전 체크인 미제출 (마감 10:00).'),
    minutesAgo: 300,
    ending: 'acted',
    by: daeguAdmin,
    steps: [{ action: 'resolve', note: '본인 통화, 체크인 완료' }],
  },
  { key: 'daegu-exit-escalated', alert: caseAlert('27', 'officer-daegu-01', 'c-2020-27-0320', 'GEOFENCE_EXIT', 'high', '자가격리 이탈: 자택 격리구역을 벗어났습니다 (정확도 15m).'), minutesAgo: 30, ending: 'escalated' },
];

export const demoAlertId = (key: string): string => `demo-${key}`;

/** How long the demo's empty Seoul store has been empty when the demo first starts. */
const EMPTY_FOR_HOURS = 4;

/** A `STORE_EMPTY` about a real demo store in Seoul, which the seed also reports empty since then. */
const storeEmptyDemo = (store: { code: string; name: string; addr: string }): DemoAlert => ({
  key: 'seoul-store-empty',
  alert: {
    type: 'STORE_EMPTY',
    severity: 'info',
    region: '11',
    subject: { kind: 'store', id: store.code },
    message: `마스크 품절 ${EMPTY_FOR_HOURS}시간째: ${store.name} (${store.addr}). 반경 1km 안에 재고 있는 판매처가 없습니다.`,
  },
  minutesAgo: 25,
  ending: 'open',
});

/**
 * Seeds DEMO_ALERTS through the same rules as the system: the alert opens (one per subject and type),
 * officials act on it through the lifecycle (so the audit trail has their lines too), the escalation
 * sweep escalates what it must. An alert already there, by its stable id, is left as it is.
 */
export const alertsSeeder = (demoStores: number): Seeder => ({
  name: 'alerts',
  async seed({ progress }) {
    const [{ AlertsRepository }, { AlertActions }, { openingOf }, { escalationOf }, { alertConfig }, { StoresRepository }, { generateDemoStores }] = await Promise.all([
      import('../../../shared/data/alerts-repository.ts'),
      import('../../../shared/alerts/alert-actions.ts'),
      import('../../../shared/alerts/raise-alert.ts'),
      import('../../../shared/alerts/escalation.ts'),
      import('../../../shared/alerts/alert-config.ts'),
      import('../../../shared/data/stores-repository.ts'),
      import('./demo-stores.ts'),
    ]);
    const alerts = new AlertsRepository();
    const stores = new StoresRepository();
    const started = Date.now();
    // Demo stores are generated in a fixed order, so the first in Seoul is the same store on every start.
    const seoulStore = generateDemoStores(demoStores).find((store) => store.addr.startsWith('서울특별시 '));
    let seeded = 0;
    for (const demo of [...DEMO_ALERTS, ...(seoulStore ? [storeEmptyDemo(seoulStore)] : [])]) {
      const alertId = demoAlertId(demo.key);
      if (await alerts.get(alertId)) continue;
      const createdAt = new Date(started - demo.minutesAgo * 60_000);
      const original = openingOf(demo.alert, alertId, createdAt, alertConfig);
      const opened = await alerts.open(original);
      if (!opened.opened) continue;
      seeded++;
      if (demo.alert.type === 'STORE_EMPTY') {
        const since = new Date(started - EMPTY_FOR_HOURS * 3_600_000).toISOString();
        await stores.changeStock(demo.alert.subject.id, { kind: 'stock', remaining: 0, asOf: since }, since);
      }
      if (demo.ending === 'escalated') {
        // As the sweep did a minute after the deadline passed, with a stable id for its escalation.
        const due = new Date(createdAt.getTime() + (alertConfig.highDeadlineMinutes + 1) * 60_000);
        const escalation = { ...openingOf(escalationOf(original, due), demoAlertId(`${demo.key}-escalation`), due, alertConfig), escalationOf: alertId };
        await alerts.escalate(original, escalation, due);
        continue;
      }
      for (const [i, step] of (demo.steps ?? []).entries()) {
        const at = new Date(createdAt.getTime() + (i + 1) * 4 * 60_000);
        const outcome = await new AlertActions(alerts, () => at).act(demo.by ?? seoulOfficer, { alertId, ...step, requestId: 'demo-seed' });
        if (outcome.kind !== 'done') throw new Error(`demo alert ${demo.key}: ${step.action} answered ${outcome.kind}`);
      }
    }
    if (seeded > 0) progress(`seeded ${seeded} demo alerts`);
  },
});
