import type { RaiseInput } from '../alerts/raise-alert.ts';
import { requestFingerprint } from '../platform/request-fingerprint.ts';
import { dueAttributes } from './case-due.ts';
import { currentOrNextWindow, windowAt, windowId, windowsWithin, type CheckinWindow } from './checkin-window.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseRecord } from './quarantine-case.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Checkin {
  readonly checkinId: string;
  readonly at: string;
  readonly temperatureC: number;
  readonly symptoms: { readonly fever: boolean; readonly cough: boolean; readonly soreThroat: boolean; readonly shortnessOfBreath: boolean };
  readonly position?: { readonly lat: number; readonly lng: number; readonly accuracyM: number } | undefined;
}

export interface CheckinAnswer {
  readonly checkinId: string;
  readonly window: string | null;
  readonly recorded: true;
  readonly symptomatic: boolean;
}

export interface CheckinStore {
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  /** The first answer to this check-in id, and the fingerprint of its body, if it was applied. */
  getRequest(caseId: string, checkinId: string): Promise<{ fingerprint: string; answer: CheckinAnswer } | undefined>;
  /** The check-in, its request record and the case in one transaction; false if the case moved on or the id was taken meanwhile. */
  record(next: Omit<CaseRecord, 'regionState' | 'officerState'>, expectedV: number, checkin: Checkin & { window: string | null; symptomatic: boolean }, fingerprint: string, answer: CheckinAnswer): Promise<boolean>;
}

export type CheckinOutcome =
  | { readonly kind: 'recorded' | 'repeated'; readonly answer: CheckinAnswer }
  | { readonly kind: 'not-found' | 'ended' | 'reused' | 'busy' };

/** Whether a self-diagnosis calls for the case officer: KDCA's 37.5 °C, or any of the four symptoms. */
export const isSymptomatic = (checkin: Pick<Checkin, 'temperatureC' | 'symptoms'>, feverCelsius: number): boolean =>
  checkin.temperatureC >= feverCelsius || Object.values(checkin.symptoms).some(Boolean);

const SYMPTOM_WORDS = { fever: '발열감', cough: '기침', soreThroat: '인후통', shortnessOfBreath: '호흡곤란' } as const;

/** The officer's message: the facts of the diagnosis, no name, no position. */
export const symptomsMessage = (checkin: Pick<Checkin, 'temperatureC' | 'symptoms'>): string => {
  const named = (Object.keys(SYMPTOM_WORDS) as (keyof typeof SYMPTOM_WORDS)[]).filter((s) => checkin.symptoms[s]).map((s) => SYMPTOM_WORDS[s]);
  return `자가진단 이상: 체온 ${checkin.temperatureC.toFixed(1)}°C${named.length ? `, ${named.join(', ')}` : ''}.`;
};

/** The later of two windows by when they open (`2026-12-02/afternoon` after `…/morning`, which names do not sort). */
const laterWindow = (specs: QuarantineConfig['checkinWindows'], record: CaseRecord, window: CheckinWindow): string => {
  if (!record.lastCheckinWindow) return windowId(window);
  const all = windowsWithin(specs, Date.parse(record.startsAt) - DAY_MS, Date.parse(record.endsAt) + DAY_MS);
  const previous = all.find((w) => windowId(w) === record.lastCheckinWindow);
  return previous && previous.opensAt > window.opensAt ? record.lastCheckinWindow : windowId(window);
};

const later = (a: string | undefined, b: string): string => (a && a > b ? a : b);

/**
 * The twice-daily self-diagnosis, applied once by its client-made id: a retry (the app's offline
 * queue) gets the first answer, the same id with another body is refused. `SYMPTOMS` is raised before
 * the write, so a write lost to a race raises again as a repeat of the open alert, never not at all.
 */
export class CaseCheckins {
  constructor(
    private readonly store: CheckinStore,
    private readonly raise: (input: RaiseInput) => Promise<unknown>,
    private readonly config: QuarantineConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(caseId: string, checkin: Checkin): Promise<CheckinOutcome> {
    const fingerprint = requestFingerprint(checkin);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [record, earlier] = await Promise.all([this.store.getCase(caseId), this.store.getRequest(caseId, checkin.checkinId)]);
      if (earlier) return earlier.fingerprint === fingerprint ? { kind: 'repeated', answer: earlier.answer } : { kind: 'reused' };
      if (!record) return { kind: 'not-found' };
      const now = this.now();
      if (record.state !== 'active' || Date.parse(record.endsAt) <= now.getTime()) return { kind: 'ended' };

      const at = Date.parse(checkin.at);
      const window = windowAt(this.config.checkinWindows, at);
      const symptomatic = isSymptomatic(checkin, this.config.feverCelsius);
      const answer: CheckinAnswer = { checkinId: checkin.checkinId, window: window ? windowId(window) : null, recorded: true, symptomatic };
      if (symptomatic) {
        await this.raise({ type: 'SYMPTOMS', severity: 'high', region: record.region, officerId: record.officerId, subject: { kind: 'case', id: caseId }, message: symptomsMessage(checkin) });
      }
      const { regionState: _r, officerState: _o, dueShard: _s, nextDueAt: _n, dueReason: _d, ...rest } = record;
      const iso = new Date(at).toISOString();
      const changed = {
        ...rest,
        lastCheckinAt: later(record.lastCheckinAt, iso),
        lastSeenAt: later(record.lastSeenAt, iso),
        ...(window ? { lastCheckinWindow: laterWindow(this.config.checkinWindows, record, window) } : {}),
        v: record.v + 1,
      };
      const next = { ...changed, ...dueAttributes(changed, this.config, now.getTime()) };
      if (await this.store.record(next, record.v, { ...checkin, window: answer.window, symptomatic }, fingerprint, answer)) return { kind: 'recorded', answer };
    }
    return { kind: 'busy' };
  }
}

/** What the check-in app shows the person: no name, no phone, nothing the phone does not already know. */
export const statusOf = (record: CaseRecord, config: QuarantineConfig, now: Date) => {
  const endsAt = Date.parse(record.endsAt);
  const next = currentOrNextWindow(config.checkinWindows, Math.max(now.getTime(), Date.parse(record.startsAt)));
  return {
    caseId: record.caseId,
    state: record.state,
    language: record.language,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    daysLeft: Math.max(0, Math.ceil((endsAt - now.getTime()) / DAY_MS)),
    nextCheckin:
      record.state === 'active' && next.opensAt < endsAt
        ? { window: windowId(next), name: next.name, opensAt: new Date(next.opensAt).toISOString(), closesAt: new Date(next.closesAt).toISOString(), done: record.lastCheckinWindow === windowId(next) }
        : null,
    atHome: record.geofence.fence,
    outings: record.outings.filter((o) => Date.parse(o.to) > now.getTime()).map(({ from, to, reason }) => ({ from, to, reason })),
    ...(record.lastCheckinAt ? { lastCheckinAt: record.lastCheckinAt } : {}),
  };
};
