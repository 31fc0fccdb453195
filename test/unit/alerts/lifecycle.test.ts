import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertState, HistoryEntry } from '../../../shared/alerts/alert.ts';
import { transition, type AlertCommand } from '../../../shared/alerts/lifecycle.ts';

const rank: Record<AlertState, number> = { open: 0, acknowledged: 1, resolved: 2 };

const command = fc.record({
  action: fc.constantFrom<AlertCommand['action']>('acknowledge', 'resolve'),
  by: fc.constantFrom('officer-1', 'officer-2', 'admin-1'),
  note: fc.option(fc.constantFrom('전화 연결됨', '자택 복귀 확인', '  ', ''), { nil: undefined }),
});

const replay = (commands: readonly Omit<AlertCommand, 'at'>[]) => {
  let alert: { state: AlertState; history: HistoryEntry[] } = { state: 'open', history: [] };
  const outcomes = commands.map((c, i) => {
    const before = alert;
    const outcome = transition(alert, { ...c, at: new Date(Date.UTC(2020, 2, 9, 0, i)).toISOString() });
    if (outcome.kind === 'changed') alert = { state: outcome.state, history: [...alert.history, outcome.entry] };
    return { command: c, before, outcome, after: alert };
  });
  return { alert, outcomes };
};

describe('the alert lifecycle', () => {
  it('only ever moves forward, one history entry per change, whatever officials ask in whatever order', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const { alert, outcomes } = replay(commands);
        for (const { before, outcome, after } of outcomes) {
          expect(rank[after.state]).toBeGreaterThanOrEqual(rank[before.state]);
          expect(after.history.length - before.history.length).toBe(outcome.kind === 'changed' ? 1 : 0);
        }
        expect(alert.history.length).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('never resolves without a note, and keeps the note it was resolved with', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const { alert, outcomes } = replay(commands);
        for (const { command: c, outcome } of outcomes) if (c.action === 'resolve' && !c.note?.trim()) expect(outcome.kind).toBe('needs-note');
        if (alert.state === 'resolved') expect(alert.history.findLast((e) => e.action === 'resolve')?.note?.trim()).toBeTruthy();
      }),
    );
  });

  it('answers the same official asking the same again with the first answer, never a second change', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 10 }), (commands) => {
        const { alert, outcomes } = replay(commands);
        const last = outcomes.findLast((o) => o.outcome.kind === 'changed');
        if (!last) return;
        const again = transition(alert, { ...last.command, at: '2020-03-10T00:00:00.000Z' });
        if (last.after === alert) expect(again.kind).toBe('same');
      }),
    );
  });

  it('goes straight from open to resolved, and refuses to acknowledge what is resolved', () => {
    const resolved = transition({ state: 'open', history: [] }, { action: 'resolve', by: 'officer-1', at: '2020-03-09T00:00:00Z', note: '오경보' });
    expect(resolved).toMatchObject({ kind: 'changed', state: 'resolved' });
    if (resolved.kind !== 'changed') return;
    const late = transition({ state: 'resolved', history: [resolved.entry] }, { action: 'acknowledge', by: 'officer-2', at: '2020-03-09T00:01:00Z' });
    expect(late).toMatchObject({ kind: 'conflict' });
    expect(late.kind === 'conflict' && late.detail).toContain('officer-1');
  });

  it('tells a second official who acknowledged first', () => {
    const first = transition({ state: 'open', history: [] }, { action: 'acknowledge', by: 'officer-1', at: '2020-03-09T00:00:00Z' });
    if (first.kind !== 'changed') throw new Error('expected a change');
    const second = transition({ state: 'acknowledged', history: [first.entry] }, { action: 'acknowledge', by: 'officer-2', at: '2020-03-09T00:00:05Z' });
    expect(second.kind === 'conflict' && second.detail).toMatch(/already acknowledged by officer-1/);
  });
});
