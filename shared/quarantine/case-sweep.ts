import type { RaiseInput } from '../alerts/raise-alert.ts';
import type { AuditEvent } from '../audit/audit-trail.ts';
import { dueAttributes, dueShardOf } from './case-due.ts';
import { purged, watchCase } from './case-watch.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import { DUE_SHARDS, type CaseRecord } from './quarantine-case.ts';

type CaseWrite = Omit<CaseRecord, 'regionState' | 'officerState'>;

export interface SweepCases {
  dueBy(shard: string, until: string, limit: number): Promise<CaseRecord[]>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  save(record: CaseWrite, expectedV: number): Promise<boolean>;
}

export interface SweepEvents {
  countOfKind(caseId: string, kind: 'checkin' | 'position'): Promise<number>;
  deleteAll(caseId: string): Promise<number>;
}

export interface SweepPorts {
  readonly cases: SweepCases;
  readonly events: SweepEvents;
  raise(input: RaiseInput): Promise<unknown>;
  /** The case's alerts by type, for the purge's summary. */
  alertsByType(record: CaseRecord): Promise<Record<string, number>>;
  /** Deletes the case's enrolment code record (by its locator, only if it is still this case's). */
  deleteEnrollmentCode(locator: string, caseId: string): Promise<unknown>;
  /** Ends the case's device token (idempotent). */
  revokeDevice(caseId: string): Promise<unknown>;
  audit(event: AuditEvent): Promise<unknown>;
}

export interface SweepResult {
  checked: number;
  alerts: number;
  ended: number;
  purged: number;
}

/** A page of one shard; the next page is what is still due after this one was handled. */
const PAGE = 100;
/** Pages a shard may take in one run (5,000 cases): the next minute's run takes the rest. */
const MAX_PAGES = 50;
const ATTEMPTS = 5;

const withoutDue = (record: CaseRecord): CaseWrite => {
  const { regionState: _r, officerState: _o, dueShard: _s, nextDueAt: _n, dueReason: _d, ...rest } = record;
  return rest;
};

/**
 * The quarantine sweep, every minute: the 16 shards of the `due` index in parallel, the cases whose
 * next deadline has passed, each judged by `watchCase` and written back with its next deadline.
 * Alerts are raised before the write, so a run that dies in between raises again next minute (a
 * repeat of the open alert), never not at all.
 */
export class CaseSweep {
  constructor(
    private readonly ports: SweepPorts,
    private readonly config: Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays'>,
  ) {}

  async sweep(now: Date): Promise<SweepResult> {
    const result: SweepResult = { checked: 0, alerts: 0, ended: 0, purged: 0 };
    const until = now.toISOString();
    await Promise.all(
      Array.from({ length: DUE_SHARDS }, async (_, shard) => {
        for (let page = 0; page < MAX_PAGES; page++) {
          const due = await this.ports.cases.dueBy(`DUE#${shard}`, until, PAGE);
          let moved = 0;
          for (const record of due) if (await this.#judge(record, now, result)) moved += 1;
          // A page none of whose cases could be moved on (each lost every race) would be read again forever.
          if (due.length < PAGE || moved === 0) return;
        }
      }),
    );
    return result;
  }

  /** One case: true when it was written with its next deadline. */
  async #judge(found: CaseRecord, now: Date, result: SweepResult): Promise<boolean> {
    let record: CaseRecord | undefined = found;
    for (let attempt = 1; attempt <= ATTEMPTS && record; attempt++) {
      result.checked += attempt === 1 ? 1 : 0;
      // A purge that stopped after the summary was written: finish deleting.
      if (record.state === 'purged') return this.#finishPurge(record);
      const watch = watchCase(record, this.config, now.getTime());
      const about = { region: record.region, officerId: record.officerId, subject: { kind: 'case' as const, id: record.caseId } };
      for (const alert of watch.alerts) await this.ports.raise({ type: alert.type, severity: alert.severity, message: alert.message, ...about });

      let next: CaseWrite = { ...withoutDue(record), v: record.v + 1 };
      if (watch.purge) {
        const [checkins, keptPositions, alertsByType] = await Promise.all([
          this.ports.events.countOfKind(record.caseId, 'checkin'),
          this.ports.events.countOfKind(record.caseId, 'position'),
          this.ports.alertsByType(record),
        ]);
        // Still due until the events are gone: a run that dies after this write finishes the deletion next minute.
        const summary = withoutDue({ ...purged(record, { checkins, keptPositions, alertsByType }, now.getTime()), v: record.v + 1 } as CaseRecord);
        const stillDue = { ...summary, dueShard: dueShardOf(record.caseId), nextDueAt: now.toISOString(), dueReason: 'purge' as const };
        if (!(await this.ports.cases.save(stillDue, record.v))) {
          record = await this.ports.cases.get(record.caseId);
          continue;
        }
        await this.ports.audit({
          actor: { kind: 'system', name: 'purge' },
          action: 'case.purge',
          subject: { kind: 'case', id: record.caseId },
          region: record.region,
          at: now.toISOString(),
          note: `person, home, fence, check-ins and positions deleted ${this.config.purgeAfterDays} days after the end; summary kept`,
        });
        result.purged += 1;
        result.alerts += watch.alerts.length;
        return this.#finishPurge({ ...stillDue, regionState: record.regionState, officerState: record.officerState } as CaseRecord);
      }
      if (watch.end) {
        await this.ports.revokeDevice(record.caseId);
        next = { ...next, state: 'ended', endedAt: record.endsAt };
      }
      const due = dueAttributes(next, this.config, now.getTime());
      if (await this.ports.cases.save({ ...next, ...due }, record.v)) {
        result.alerts += watch.alerts.length;
        if (watch.end) result.ended += 1;
        return true;
      }
      record = await this.ports.cases.get(record.caseId);
    }
    return false;
  }

  async #finishPurge(record: CaseRecord): Promise<boolean> {
    await this.ports.events.deleteAll(record.caseId);
    if (record.enrollmentLocator) await this.ports.deleteEnrollmentCode(record.enrollmentLocator, record.caseId);
    return this.ports.cases.save({ ...withoutDue(record), v: record.v + 1 }, record.v);
  }
}
