import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chained, koreanDayOf, verifyChain, type AuditEntry, type AuditEvent } from '../../../shared/audit/audit-trail.ts';

const LOG = '11#2020-03-09#0';

const eventArb: fc.Arbitrary<AuditEvent> = fc.record({
  actor: fc.oneof(
    fc.record({ kind: fc.constant('official' as const), officerId: fc.string({ minLength: 1 }), role: fc.constantFrom('officer' as const, 'admin' as const, 'national-admin' as const), region: fc.constantFrom('11', '26', '41') }),
    fc.record({ kind: fc.constant('system' as const), name: fc.constantFrom('escalate-alerts', 'purge-cases') }),
  ),
  action: fc.constantFrom('case.read', 'alert.acknowledge', 'alert.resolve', 'official.disable'),
  subject: fc.record({ kind: fc.constantFrom('case', 'alert', 'official'), id: fc.string({ minLength: 1 }) }),
  region: fc.constant('11'),
  at: fc.integer({ min: Date.parse('2020-03-09T00:00:00Z'), max: Date.parse('2020-03-09T14:00:00Z') }).map((ms) => new Date(ms).toISOString()),
  requestId: fc.option(fc.uuid(), { nil: undefined }),
});

const chainOf = (events: readonly AuditEvent[]): AuditEntry[] => {
  const entries: AuditEntry[] = [];
  for (const event of events) entries.push(chained(LOG, entries.at(-1), event));
  return entries;
};

describe('the audit trail', () => {
  it('verifies a chain appended entry by entry', () => {
    fc.assert(fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
      expect(verifyChain(LOG, chainOf(events))).toEqual({ intact: true, entries: events.length });
    }));
  });

  it('names the first entry that was changed, removed or moved, however the chain was altered', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 2, maxLength: 20 }), fc.nat(), fc.constantFrom('edit', 'remove', 'swap', 'rehash'), (events, pick, how) => {
        const entries = chainOf(events);
        const at = pick % (entries.length - 1);
        const altered = [...entries];
        const target = entries[at] as AuditEntry;
        if (how === 'edit') altered[at] = { ...target, action: `${target.action}!` };
        if (how === 'remove') altered.splice(at, 1);
        if (how === 'swap') [altered[at], altered[at + 1]] = [entries[at + 1] as AuditEntry, target];
        // Someone who rewrites an entry and its hash still breaks the next link.
        if (how === 'rehash') altered[at] = chained(LOG, entries[at - 1], { ...target, note: 'changed' });
        const check = verifyChain(LOG, altered);
        expect(check.intact).toBe(false);
        // An edited entry breaks at itself; otherwise at the entry that follows the gap, the swap or the rewrite.
        expect(check.intact === false && check.brokenAt).toBe(how === 'edit' ? at + 1 : at + 2);
      }),
    );
  });

  it('files an event under its Korean day', () => {
    expect(koreanDayOf('2020-03-09T14:59:59.999Z')).toBe('2020-03-09');
    expect(koreanDayOf('2020-03-09T15:00:00.000Z')).toBe('2020-03-10');
  });
});
