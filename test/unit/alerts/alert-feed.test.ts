import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../shared/alerts/alert.ts';
import { changedKeyOf, checkFeedCursor, readChanges, SETTLE_MS, type ChangesReader } from '../../../shared/alerts/alert-feed.ts';
import type { Official } from '../../../shared/auth/principal.ts';

/** The `changes` index as a poller sees it: a change shows only once its write has reached the index. */
class LaggingIndex implements ChangesReader {
  now = 0;
  constructor(readonly changes: readonly { record: AlertRecord; visibleAt: number }[]) {}
  async changesAfter(region: string, after: string, limit: number) {
    const visible = this.changes
      .filter((c) => c.visibleAt <= this.now && c.record.region === region && changedKeyOf(c.record) > after)
      .map((c) => c.record)
      .sort((a, b) => changedKeyOf(a).localeCompare(changedKeyOf(b)));
    return { records: visible.slice(0, limit), truncated: visible.length > limit };
  }
}

const t0 = Date.parse('2020-03-09T00:00:00Z');
const officer: Official = { kind: 'official', role: 'officer', region: '11', officerId: 'officer-seoul-01' };

const recordAt = (i: number, changedMs: number, region: string): AlertRecord => {
  const at = new Date(t0 + changedMs).toISOString();
  return { alertId: `a-${i}`, type: 'SYMPTOMS', severity: 'high', region, subject: { kind: 'case', id: `c-${i}` }, message: '', createdAt: at, state: 'open', count: 1, lastSeenAt: at, history: [], changedAt: at, v: 1 };
};

describe('the live feed', () => {
  it('hands out each change once, even when writes reach the index late (within the settle time) and polls come at any moment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 1000, max: 20_000 }), lag: fc.integer({ min: 0, max: SETTLE_MS - 1 }), region: fc.constantFrom('11', '11', '27') }), { maxLength: 40, size: 'large' }),
        fc.array(fc.integer({ min: 50, max: 1500 }), { minLength: 1, maxLength: 80 }),
        async (writes, gaps) => {
          const index = new LaggingIndex(writes.map((w, i) => ({ record: recordAt(i, w.at, w.region), visibleAt: t0 + w.at + w.lag })));
          index.now = t0;
          let { cursor } = await readChanges(index, officer, undefined, new Date(index.now));
          const handed: string[] = [];
          const poll = async () => {
            const check = checkFeedCursor(cursor, officer);
            if (check.kind !== 'ok') throw new Error(check.detail);
            const page = await readChanges(index, officer, check.cursor, new Date(index.now));
            handed.push(...page.items.map((a) => a.alertId));
            cursor = page.cursor;
          };
          for (const gap of gaps) {
            index.now += gap;
            await poll();
          }
          // Long after the last write, one more poll: everything has settled.
          index.now = t0 + 60_000;
          await poll();
          const expected = writes.flatMap((w, i) => (w.region === '11' ? [`a-${i}`] : []));
          expect(handed.sort()).toEqual(expected.sort());
        },
      ),
    );
  });

  it('gives no items with the first cursor, only where to start', async () => {
    const index = new LaggingIndex([{ record: recordAt(1, 0, '11'), visibleAt: t0 }]);
    index.now = t0 + 1000;
    expect((await readChanges(index, officer, undefined, new Date(index.now))).items).toEqual([]);
  });
});
