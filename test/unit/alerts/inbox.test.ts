import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../shared/alerts/alert.ts';
import { inboxPage, type InboxKey, type InboxReader } from '../../../shared/alerts/inbox.ts';
import { INBOX_INDEXES, type InboxSource } from '../../../shared/alerts/inbox-plan.ts';
import type { Official } from '../../../shared/auth/principal.ts';

/** DynamoDB's Query as the inbox uses it: one partition newest first, Limit counting items read, filters after. */
class MemoryInbox implements InboxReader {
  constructor(readonly alerts: readonly AlertRecord[]) {}

  partitionOf(source: InboxSource, alert: AlertRecord): string | undefined {
    switch (source.index) {
      case 'byRegion':
        return alert.region;
      case 'byRegionState':
        return `${alert.region}#${alert.state}`;
      case 'byOfficer':
        return alert.officerId && `${alert.region}#${alert.officerId}`;
      case 'byOfficerState':
        return alert.officerId && `${alert.region}#${alert.officerId}#${alert.state}`;
    }
  }

  async read(source: InboxSource, options: { after?: InboxKey; want: number; budget: number; type?: string }) {
    const attribute = INBOX_INDEXES[source.index];
    // Newest first; ties in the table's own (arbitrary but fixed) order, as DynamoDB leaves them.
    const partition = this.alerts.filter((a) => this.partitionOf(source, a) === source.partition).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const keyOf = (a: AlertRecord): InboxKey => ({ pk: `alert#${a.alertId}`, [attribute]: source.partition, createdAt: a.createdAt });
    let i = options.after ? partition.findIndex((a) => `alert#${a.alertId}` === options.after?.pk) + 1 : 0;
    const rows: { record: AlertRecord; key: InboxKey }[] = [];
    let evaluated = 0;
    while (i < partition.length && rows.length < options.want && evaluated < options.budget) {
      const alert = partition[i++] as AlertRecord;
      evaluated++;
      const passes = (!options.type || alert.type === options.type) && (!source.excludeOfficer || alert.officerId !== source.excludeOfficer);
      if (passes) rows.push({ record: alert, key: keyOf(alert) });
    }
    const last = partition[i - 1];
    return { rows, ...(i < partition.length && last ? { next: keyOf(last) } : {}), evaluated };
  }
}

const alertArb = fc.record({
  minute: fc.integer({ min: 0, max: 20 }),
  region: fc.constantFrom('11', '27', '41'),
  officer: fc.constantFrom(undefined, 'officer-1', 'officer-2'),
  type: fc.constantFrom('SYMPTOMS', 'GEOFENCE_EXIT'),
  state: fc.constantFrom('open', 'acknowledged', 'resolved' as const),
});

type AlertSpec = { minute: number; region: string; officer?: string | undefined; type: string; state: AlertRecord['state'] };

const recordsOf = (specs: readonly AlertSpec[]): AlertRecord[] =>
  specs.map((s, i) => {
    const at = new Date(Date.UTC(2020, 2, 9, 0, s.minute)).toISOString();
    return {
      alertId: `a-${String(i).padStart(3, '0')}`,
      type: s.type,
      severity: 'info',
      region: s.region,
      ...(s.officer ? { officerId: s.officer } : {}),
      subject: { kind: 'case', id: `c-${i}` },
      message: '',
      createdAt: at,
      state: s.state,
      count: 1,
      lastSeenAt: at,
      history: [],
      changedAt: at,
      v: 1,
    };
  });

const officials: Record<string, Official> = {
  officer: { kind: 'official', role: 'officer', region: '11', officerId: 'officer-1' },
  admin: { kind: 'official', role: 'admin', region: '27', officerId: 'admin-1' },
  national: { kind: 'official', role: 'national-admin', region: '11', officerId: 'n-1' },
};

const newestFirst = (alerts: AlertRecord[]) => alerts.every((a, i) => i === 0 || (alerts[i - 1] as AlertRecord).createdAt >= a.createdAt);

describe('the inbox pages', () => {
  it('hand out every alert the official sees exactly once, newest first (an officer’s own first), whatever the page size and filters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(alertArb, { maxLength: 60, size: 'large' }),
        fc.constantFrom('officer', 'admin', 'national'),
        fc.integer({ min: 1, max: 7 }),
        fc.option(fc.constantFrom('SYMPTOMS', 'GEOFENCE_EXIT'), { nil: undefined }),
        fc.option(fc.constantFrom('open', 'resolved' as const), { nil: undefined }),
        // Small read budgets: partitions stop early and hold the merge back, as a rare filter does on a big region.
        fc.integer({ min: 1, max: 12 }),
        async (specs, who, limit, type, state, budget) => {
          const alerts = recordsOf(specs);
          const reader = new MemoryInbox(alerts);
          const official = officials[who] as Official;
          const filter = { ...(type ? { type } : {}), ...(state ? { state } : {}) };
          const handed: AlertRecord[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages < 2000; pages++) {
            const page = await inboxPage(reader, official, filter, cursor, limit, budget);
            if (page.kind !== 'page') throw new Error(page.detail);
            expect(page.items.length).toBeLessThanOrEqual(limit);
            handed.push(...page.items);
            if (!page.cursor) break;
            cursor = page.cursor;
          }
          const visible = alerts.filter(
            (a) => (official.role === 'national-admin' || a.region === official.region) && (!type || a.type === type) && (!state || a.state === state),
          );
          expect(handed.map((a) => a.alertId).sort()).toEqual(visible.map((a) => a.alertId).sort());
          if (who === 'officer') {
            const own = handed.filter((a) => a.officerId === 'officer-1');
            expect(handed.slice(0, own.length)).toEqual(own);
            expect(newestFirst(own) && newestFirst(handed.slice(own.length))).toBe(true);
          } else {
            expect(newestFirst(handed)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an officer asking for another region, and a cursor of another filter', async () => {
    const reader = new MemoryInbox(recordsOf([{ minute: 1, region: '11', type: 'SYMPTOMS', state: 'open' }, { minute: 2, region: '11', type: 'SYMPTOMS', state: 'open' }]));
    const officer = officials.officer as Official;
    expect(await inboxPage(reader, officer, { region: '27' }, undefined, 1)).toMatchObject({ kind: 'forbidden' });
    const first = await inboxPage(reader, officer, {}, undefined, 1);
    if (first.kind !== 'page' || !first.cursor) throw new Error('expected a cursor');
    expect(await inboxPage(reader, officer, { type: 'SYMPTOMS' }, first.cursor, 1)).toMatchObject({ kind: 'bad-cursor' });
  });
});
