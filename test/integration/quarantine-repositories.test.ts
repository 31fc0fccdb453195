import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { CaseWrite, QuarantineCasesRepository } from '../../shared/data/quarantine-cases-repository.ts';
import type { QuarantineEventsRepository } from '../../shared/data/quarantine-events-repository.ts';
import { newCaseId } from '../../shared/quarantine/case-id.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';

let runtime: LocalRuntime;
let cases: QuarantineCasesRepository;
let events: QuarantineEventsRepository;

beforeAll(async () => {
  runtime = await startTestRuntime({ demoStores: 0 });
  const [{ QuarantineCasesRepository }, { QuarantineEventsRepository }] = await Promise.all([
    import('../../shared/data/quarantine-cases-repository.ts'),
    import('../../shared/data/quarantine-events-repository.ts'),
  ]);
  cases = new QuarantineCasesRepository();
  events = new QuarantineEventsRepository();
});
afterAll(() => runtime.stop());

const aCase = (over: Partial<CaseWrite> = {}): CaseWrite => ({
  caseId: newCaseId(),
  region: '48',
  officerId: 'officer-repo-test',
  state: 'active',
  language: 'ko',
  startsAt: '2026-12-02T00:00:00Z',
  endsAt: '2026-12-16T00:00:00Z',
  createdAt: new Date().toISOString(),
  createdBy: 'officer-repo-test',
  geofence: { fence: 'UNKNOWN' },
  outings: [],
  v: 1,
  ...over,
});

describe('the quarantine cases table', () => {
  it('lets exactly one of two writers that read the same version win', async () => {
    const record = aCase();
    expect(await cases.create(record)).toBe(true);
    const [a, b] = await Promise.all([
      cases.save({ ...record, lastSeenAt: '2026-12-02T01:00:00Z', v: 2 }, 1),
      cases.save({ ...record, closedReason: 'x', v: 2 }, 1),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await cases.get(record.caseId))?.v).toBe(2);
  });

  it('lists an officer’s cases in one state newest first, page by page, and moves a case between states', async () => {
    const officerId = `officer-${newCaseId().slice(2, 10)}`;
    const made = [1, 2, 3].map((i) => aCase({ officerId, createdAt: `2026-12-02T0${i}:00:00.000Z` }));
    for (const record of made) await cases.create(record);
    const first = await cases.listOfOfficer('48', officerId, 'active', { limit: 2 });
    expect(first.items.map((c) => c.caseId)).toEqual([made[2]!.caseId, made[1]!.caseId]);
    const second = await cases.listOfOfficer('48', officerId, 'active', { limit: 2, cursor: first.cursor! });
    expect(second.items.map((c) => c.caseId)).toEqual([made[0]!.caseId]);

    expect(await cases.save({ ...made[0]!, state: 'ended', v: 2 }, 1)).toBe(true);
    expect((await cases.listOfOfficer('48', officerId, 'active', { limit: 10 })).items).toHaveLength(2);
    expect((await cases.listOfOfficer('48', officerId, 'ended', { limit: 10 })).items.map((c) => c.caseId)).toEqual([made[0]!.caseId]);
  });

  it('finds in a due shard only the cases due by a time, and refuses a forged cursor', async () => {
    const shard = `DUE#test-${newCaseId().slice(2, 8)}`;
    const early = aCase({ dueShard: shard, nextDueAt: '2026-12-02T03:00:00.000Z', dueReason: 'no-signal' });
    const late = aCase({ dueShard: shard, nextDueAt: '2026-12-02T09:00:00.000Z', dueReason: 'case-end' });
    await Promise.all([cases.create(early), cases.create(late)]);
    expect((await cases.dueBy(shard, '2026-12-02T04:00:00.000Z', 50)).map((c) => c.caseId)).toEqual([early.caseId]);
    await expect(cases.listOfRegion('48', 'active', { limit: 5, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(/not a cursor/);
  });
});

describe('the quarantine events table', () => {
  it('reads one kind of a case’s events in time order and the purge deletes them all', async () => {
    const caseId = newCaseId();
    const { dynamo } = await import('../../shared/data/dynamo-client.ts');
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { config } = await import('../../shared/config.ts');
    const items = [
      ...Array.from({ length: 30 }, (_, i) => ({ caseId, sk: `position#2026-12-02T01:${String(i).padStart(2, '0')}:00Z#p${i}` })),
      { caseId, sk: 'checkin#2026-12-02T00:10:00Z#k1' },
    ];
    for (let i = 0; i < items.length; i += 25) {
      await dynamo.send(new BatchWriteCommand({ RequestItems: { [config.tableName('quarantine-events')]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    const positions = await events.ofKind(caseId, 'position');
    expect(positions).toHaveLength(30);
    expect(positions[0]?.sk).toMatch(/01:00:00Z/);
    expect((await events.ofKind(caseId, 'position', { limit: 3, newestFirst: true })).map((e) => e.sk.slice(9, 29))).toEqual([
      '2026-12-02T01:29:00Z',
      '2026-12-02T01:28:00Z',
      '2026-12-02T01:27:00Z',
    ]);
    expect(await events.deleteAll(caseId)).toBe(31);
    expect(await events.ofKind(caseId, 'checkin')).toHaveLength(0);
  });
});
