import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES, toNotification, type Alert, type AlertSeverity } from '../../../shared/alerts/alert.ts';
import { matchesPolicy, policyProblems, stringAttributes, type FilterPolicy } from '../../../shared/alerts/filter-policy.ts';
import { policyFor, type SubscriptionFilter } from '../../../shared/alerts/subscription-filter.ts';
import { OFFICIAL_ROLES, type Official } from '../../../shared/auth/principal.ts';

const REGIONS = ['11', '26', '27', '41'];
const TYPES = ['GEOFENCE_EXIT', 'SYMPTOMS', 'MISSED_CHECK_IN', 'STORE_EMPTY'];
const OFFICERS = ['o-1', 'o-2', 'o-3'];

const official = fc.record({
  kind: fc.constant('official' as const),
  role: fc.constantFrom(...OFFICIAL_ROLES),
  region: fc.constantFrom(...REGIONS),
  officerId: fc.constantFrom(...OFFICERS),
});
const alert: fc.Arbitrary<Alert> = fc.record({
  alertId: fc.uuid(),
  type: fc.constantFrom(...TYPES),
  severity: fc.constantFrom(...ALERT_SEVERITIES),
  region: fc.constantFrom(...REGIONS),
  officerId: fc.option(fc.constantFrom(...OFFICERS), { nil: undefined }),
  subject: fc.constant({ kind: 'case' as const, id: 'c-1' }),
  message: fc.constant('발열 37.8°C'),
  createdAt: fc.constant('2020-03-09T09:00:00.000Z'),
});
const someOf = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 1 });
const filter: fc.Arbitrary<SubscriptionFilter> = fc.record(
  { severity: someOf(ALERT_SEVERITIES), alertType: someOf(TYPES), region: someOf(REGIONS) },
  { requiredKeys: [] },
);

/** What each role may see of the alerts, as principal.ts and the issue say it. */
const sees = (who: Official, a: Alert): boolean => {
  if (who.role === 'national-admin') return true;
  if (a.region !== who.region) return false;
  return who.role === 'admin' || a.officerId === undefined || a.officerId === who.officerId;
};
const wants = (f: SubscriptionFilter, a: Alert): boolean =>
  (!f.severity || f.severity.includes(a.severity)) && (!f.alertType || f.alertType.includes(a.type)) && (!f.region || f.region.includes(a.region));

const delivered = (policy: FilterPolicy, a: Alert) => matchesPolicy(policy, stringAttributes(toNotification(a).attributes));
const policyOf = (who: Official, f: SubscriptionFilter = {}): FilterPolicy => {
  const outcome = policyFor(who, f);
  if (!('policy' in outcome)) throw new Error(`refused: ${JSON.stringify(outcome)}`);
  return outcome.policy;
};

describe('an official’s subscription policy', () => {
  it('delivers exactly the alerts the official sees and asked for', () => {
    fc.assert(
      fc.property(official, filter, alert, (who, f, a) => {
        // A filter naming other regions is refused for anyone but a national admin (tested below).
        const asked = who.role === 'national-admin' ? f : { ...f, region: undefined };
        expect(delivered(policyOf(who, asked), a)).toBe(sees(who, a) && wants(asked, a));
      }),
      { numRuns: 1000 },
    );
  });

  it('never delivers another region’s alert to an officer or a region admin, whatever they ask for', () => {
    fc.assert(
      fc.property(official.filter((o) => o.role !== 'national-admin'), filter, alert, (who, f, a) => {
        fc.pre(a.region !== who.region);
        const outcome = policyFor(who, f);
        if ('policy' in outcome) expect(delivered(outcome.policy, a)).toBe(false);
      }),
    );
  });

  it('refuses an officer or admin who asks for another region, naming the field and the region', () => {
    const officer: Official = { kind: 'official', role: 'officer', region: '11', officerId: 'o-1' };
    expect(policyFor(officer, { region: ['11', '27'] })).toEqual({ outsideRegion: { field: 'filter.region', region: '27' } });
    expect(policyFor({ ...officer, role: 'admin' }, { region: ['41'] })).toEqual({ outsideRegion: { field: 'filter.region', region: '41' } });
    expect('policy' in policyFor(officer, { region: ['11'] })).toBe(true);
  });

  it('never delivers another officer’s case to an officer', () => {
    fc.assert(
      fc.property(official.filter((o) => o.role === 'officer'), filter, alert, (who, f, a) => {
        fc.pre(a.officerId !== undefined && a.officerId !== who.officerId);
        expect(delivered(policyOf(who, { ...f, region: undefined }), a)).toBe(false);
      }),
    );
  });

  it('never widens when the official narrows the filter', () => {
    fc.assert(
      fc.property(official.filter((o) => o.role === 'national-admin'), filter, filter, alert, (who, wide, extra, a) => {
        // `narrow` keeps to `wide`'s lists, further cut by `extra`'s.
        const cut = <T>(w?: readonly T[], e?: readonly T[]) => (w && e ? w.filter((v) => e.includes(v)) : (w ?? e));
        const narrow = { severity: cut(wide.severity, extra.severity), alertType: cut(wide.alertType, extra.alertType), region: cut(wide.region, extra.region) };
        fc.pre(Object.values(narrow).every((list) => list === undefined || list.length > 0));
        if (delivered(policyOf(who, narrow), a)) expect(delivered(policyOf(who, wide), a)).toBe(true);
      }),
    );
  });

  it('reaches region-wide alerts for nobody in particular with the officer’s own in one key', () => {
    const officer: Official = { kind: 'official', role: 'officer', region: '11', officerId: 'o-1' };
    expect(policyOf(officer, { severity: ['high', 'critical'] })).toEqual({
      region: ['11'],
      officerId: ['o-1', { exists: false }],
      severity: ['high', 'critical'],
    });
    expect(policyOf({ ...officer, role: 'national-admin' })).toEqual({});
  });

  it('is always a policy SNS takes: at most 5 keys and 150 combinations, or refused naming the list', () => {
    const types = fc.uniqueArray(fc.stringMatching(/^[A-Z]{3,8}$/), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(official, fc.subarray([...ALERT_SEVERITIES] as AlertSeverity[], { minLength: 1 }), types, (who, severity, alertType) => {
        const outcome = policyFor(who, { severity, alertType });
        const combinations = (who.role === 'officer' ? 2 : 1) * severity.length * alertType.length;
        if ('policy' in outcome) {
          expect(policyProblems(outcome.policy)).toEqual([]);
          expect(combinations).toBeLessThanOrEqual(150);
        } else {
          expect(combinations).toBeGreaterThan(150);
          expect(outcome).toMatchObject({ tooComplex: { field: 'filter.alertType' } });
        }
      }),
    );
  });

  it('tells an officer how many alert types fit', () => {
    const officer: Official = { kind: 'official', role: 'officer', region: '11', officerId: 'o-1' };
    const alertType = Array.from({ length: 26 }, (_, i) => `TYPE_${i}`);
    const outcome = policyFor(officer, { severity: ['info', 'high', 'critical'], alertType });
    expect(outcome).toEqual({
      tooComplex: {
        field: 'filter.alertType',
        message: expect.stringContaining('makes 156 combinations') as unknown as string,
      },
    });
    expect(JSON.stringify(outcome)).toContain('list at most 25 alert types');
  });
});
