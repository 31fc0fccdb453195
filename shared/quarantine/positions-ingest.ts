import type { AlertSubject } from '../alerts/alert.ts';
import type { RaiseInput } from '../alerts/raise-alert.ts';
import type { Transition } from '../geo/geofence.ts';
import { applyBatch, type PositionsBatch } from './positions-batch.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseRecord } from './quarantine-case.ts';

export interface IngestCases {
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** The case over `expectedV`, with `items` of its events that must not exist yet, in one transaction. */
  saveWithNew(record: Omit<CaseRecord, 'regionState' | 'officerState'>, expectedV: number, items: readonly IngestEvent[]): Promise<'saved' | 'case-moved' | 'item-exists'>;
}

export interface IngestEvent {
  readonly caseId: string;
  readonly sk: string;
  readonly [attribute: string]: unknown;
}

export interface IngestEvents {
  getMany(caseId: string, sks: readonly string[]): Promise<IngestEvent[]>;
  putMany(events: readonly IngestEvent[]): Promise<void>;
}

export interface IngestAlerts {
  raise(input: RaiseInput): Promise<unknown>;
  /** Resolves the subject's unresolved alert of `type` as the system, with `note`. */
  resolve(request: { type: string; subject: AlertSubject; note: string; at: Date }): Promise<unknown>;
}

export type IngestOutcome =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'not-active'; readonly state: CaseRecord['state'] }
  | { readonly kind: 'reused'; readonly ids: readonly string[] }
  | { readonly kind: 'busy' }
  | { readonly kind: 'done'; readonly body: { accepted: number; duplicates: number; stale: number; fence: CaseRecord['geofence']['fence'] } };

const DAY_MS = 24 * 60 * 60_000;
/** Lost version races (a sweep or an official writing the case at the same moment): each reads again. */
const ATTEMPTS = 5;

const positionRequestKey = (id: string): string => `request#position#${id}`;
const iso = (at: number): string => new Date(at).toISOString();

const transitionEvent = (caseId: string, t: Transition, expiresAt: number): IngestEvent =>
  t.kind === 'return'
    ? { caseId, sk: `transition#${iso(t.at)}`, at: iso(t.at), kind: t.kind, from: 'OUTSIDE', to: 'INSIDE', expiresAt }
    : {
        caseId,
        sk: `transition#${iso(t.at)}`,
        at: iso(t.at),
        kind: t.kind,
        from: t.kind === 'exit' ? 'INSIDE' : 'UNKNOWN',
        to: 'OUTSIDE',
        permitted: t.permitted,
        // Distances and counts, no position: the kept positions are the evidence.
        evidence: t.evidence,
        expiresAt,
      };

/**
 * `POST /v1/quarantine/positions`: one read of the case (and, for a retry, of the request records of
 * its ids), the engine over the batch, alerts through the outbox, one transaction that writes the case
 * over the version read with the request records of the ids it applied, then the kept outside
 * positions and the transitions (each under its own key, so writing one again changes nothing).
 *
 * Alerts are raised before the case is written: a write lost to a race, or a function that dies after
 * raising, reads the case again and raises again, which the raiser counts as a repeat of the open
 * alert. The other order could lose an exit: a retry would find the transition already on the case.
 */
export class PositionsIngest {
  constructor(
    private readonly cases: IngestCases,
    private readonly events: IngestEvents,
    private readonly alerts: IngestAlerts,
    private readonly config: Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays'>,
  ) {}

  async submit(caseId: string, batch: PositionsBatch, now: number): Promise<IngestOutcome> {
    let lookUpAll = false;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const record = await this.cases.get(caseId);
      if (!record) return { kind: 'not-found' };
      if (record.state !== 'active' || Date.parse(record.endsAt) <= now) return { kind: 'not-active', state: record.state === 'active' ? 'ended' : record.state };
      // Only a fix no newer than the last one judged can have been sent before; for the others the write
      // itself checks (their request records must not exist yet), so a ping costs no read of its id.
      const lastAt = record.geofence.lastAt ?? Number.NEGATIVE_INFINITY;
      const maybeSeen = batch.positions.filter((p) => lookUpAll || Date.parse(p.at) <= lastAt).map((p) => positionRequestKey(p.id));
      const requests = maybeSeen.length > 0 ? await this.events.getMany(caseId, maybeSeen) : [];
      const known = new Map(requests.map((r) => [r.sk.slice('request#position#'.length), String(r.fingerprint)]));
      const outcome = applyBatch(record, batch, known, this.config, now);
      if (outcome.kind === 'reused') return outcome;
      const answer = { kind: 'done', body: { accepted: outcome.accepted, duplicates: outcome.duplicates, stale: outcome.stale, fence: outcome.fence } } as const;
      // A retried upload with nothing new: the first one already wrote all of it.
      if (outcome.fresh.length === 0 && !batch.heartbeat && !batch.location) return answer;

      const subject: AlertSubject = { kind: 'case', id: caseId };
      const about = { region: record.region, officerId: record.officerId, subject };
      for (const draft of outcome.alerts) {
        await this.alerts.raise({ type: draft.type, severity: draft.severity, message: draft.message, ...about });
        if (draft.resolves && draft.note) await this.alerts.resolve({ type: draft.resolves, subject, note: draft.note, at: new Date(now) });
      }
      if (outcome.locationOff) {
        const reason = batch.location?.status === 'denied' ? '위치 권한이 거부되었습니다' : '위치를 사용할 수 없습니다';
        await this.alerts.raise({ type: 'NO_SIGNAL', severity: 'high', message: `위치 꺼짐: 휴대전화 앱이 알림 — ${reason}.`, ...about });
      }

      // A backstop past the purge, which deletes explicitly (DynamoDB Local never expires items).
      const expiresAt = Math.floor((Date.parse(record.endsAt) + (this.config.purgeAfterDays + 30) * DAY_MS) / 1000);
      const saved = await this.cases.saveWithNew(
        outcome.record,
        record.v,
        outcome.fresh.map((f) => ({ caseId, sk: positionRequestKey(f.id), fingerprint: f.fingerprint, expiresAt })),
      );
      if (saved === 'case-moved') continue;
      if (saved === 'item-exists') {
        // An id newer than the case's last fix was sent before: judge again knowing every id of the batch.
        lookUpAll = true;
        continue;
      }
      const evidence = [
        ...outcome.keep.map((s) => ({ caseId, sk: `position#${iso(s.at)}#${s.id}`, at: iso(s.at), lat: s.lat, lng: s.lng, accuracyM: s.accuracyM, expiresAt })),
        ...outcome.transitions.map((t) => transitionEvent(caseId, t, expiresAt)),
      ];
      if (evidence.length > 0) await this.events.putMany(evidence);
      return answer;
    }
    return { kind: 'busy' };
  }
}
