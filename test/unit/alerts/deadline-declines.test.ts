import { describe, expect, it } from 'vitest';
import { alertConfig } from '../../../shared/alerts/alert-config.ts';
import { DeadlineDeclines } from '../../../shared/alerts/deadline-declines.ts';
import type { RaiseInput } from '../../../shared/alerts/raise-alert.ts';

/** The counter as the idempotency table keeps it: per partner and minute. */
const counter = () => {
  const counts = new Map<string, number>();
  return {
    increment: async (partnerId: string, minute: string) => {
      const key = `${partnerId}#${minute}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts.get(key) ?? 0;
    },
  };
};

describe('deadline declines of one card company', () => {
  it('raise one national alert in the minute they pass the threshold, naming the company, and none for another', async () => {
    const raised: RaiseInput[] = [];
    const config = alertConfig.deadlineDeclines;
    let now = new Date('2020-05-18T01:00:10Z');
    const declines = new DeadlineDeclines(counter(), async (input) => raised.push(input), config, () => now);
    for (let i = 0; i < config.perMinute; i++) await declines.record('card-kb');
    expect(raised).toEqual([]);
    await declines.record('card-kb');
    await declines.record('card-kb');
    await declines.record('card-nh');
    expect(raised).toEqual([expect.objectContaining({ type: 'DEADLINE_DECLINES', region: '00', severity: 'high', subject: { kind: 'partner', id: 'card-kb' } })]);
    // A new minute starts counting again.
    now = new Date('2020-05-18T01:01:10Z');
    for (let i = 0; i < config.perMinute + 1; i++) await declines.record('card-kb');
    expect(raised).toHaveLength(2);
  });
});
