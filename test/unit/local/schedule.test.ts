import { describe, expect, it } from 'vitest';
import { nextRun } from '../../../infra/local/schedule.ts';

const at = new Date('2020-03-09T08:59:30Z');

describe('EventBridge schedule expressions', () => {
  it('fire a rate after its period', () => {
    expect(nextRun('rate(5 minutes)', at).toISOString()).toBe('2020-03-09T09:04:30.000Z');
    expect(nextRun('rate(1 hour)', at).toISOString()).toBe('2020-03-09T09:59:30.000Z');
    expect(nextRun('rate(1 day)', at).toISOString()).toBe('2020-03-10T08:59:30.000Z');
  });

  it('fire a cron at its next matching minute in UTC, with ? for any', () => {
    expect(nextRun('cron(0 9 * * ? *)', at).toISOString()).toBe('2020-03-09T09:00:00.000Z');
    expect(nextRun('cron(30 0 ? * MON *)', at).toISOString()).toBe('2020-03-16T00:30:00.000Z');
  });

  it('refuse what EventBridge would refuse', () => {
    expect(() => nextRun('every 5 minutes', at)).toThrow(/Not an EventBridge schedule/);
    expect(() => nextRun('cron(0 9 * * ?)', at)).toThrow(/six fields/);
  });
});
