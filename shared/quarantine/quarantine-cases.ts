import { randomUUID } from 'node:crypto';
import { renderSVG } from 'uqr';
import type { AuditActor, AuditEvent } from '../audit/audit-trail.ts';
import { seesRegion, type Official } from '../auth/principal.ts';
import { validateFence, type Fence, type FenceInput } from '../geo/fence-shape.ts';
import type { LatLng } from '../geo/distance.ts';
import { GeocodingUnavailable } from '../ports/geocoder.ts';
import type { PersonalDataCipher } from '../ports/personal-data-cipher.ts';
import { dueAttributes } from './case-due.ts';
import { newCaseId } from './case-id.ts';
import { formatEnrollmentCode } from './enrollment-code.ts';
import { issueEnrollmentCode, type IssuedCode } from './enrollment.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseLanguage, CaseOuting, CaseRecord, CaseState } from './quarantine-case.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** An official's clock and the server's differ a little; a start this far back is "now". */
const PAST_SLACK_MS = 10 * 60 * 1000;

type CaseWrite = Omit<CaseRecord, 'regionState' | 'officerState'>;

export interface CasesStore {
  get(caseId: string): Promise<CaseRecord | undefined>;
  create(record: CaseWrite): Promise<boolean>;
  save(record: CaseWrite, expectedV: number): Promise<boolean>;
}

export interface CodesStore {
  putNew(locator: string, record: IssuedCode): Promise<boolean>;
  supersede(locator: string, caseId: string, at: string): Promise<boolean>;
}

export interface DeviceTokens {
  revoke(kind: 'device', caseId: string): Promise<boolean>;
}

export interface Audit {
  append(event: AuditEvent): Promise<unknown>;
}

export interface CaseParts {
  readonly cases: CasesStore;
  readonly codes: CodesStore;
  readonly tokens: DeviceTokens;
  readonly cipher: PersonalDataCipher;
  readonly audit: Audit;
  readonly geocode: (address: string) => Promise<LatLng | undefined>;
  readonly pepper: () => Promise<string>;
  readonly config: Pick<QuarantineConfig, 'checkinWindows' | 'missedCheckinGraceMinutes' | 'noSignalMinutes' | 'purgeAfterDays' | 'maxCaseDays'>;
  readonly actorOf: (official: Official) => AuditActor;
  readonly now?: () => Date;
}

export interface NewCase {
  readonly person: { readonly name: string; readonly phone: string; readonly language: CaseLanguage };
  readonly home: { readonly lat?: number | undefined; readonly lng?: number | undefined; readonly address?: string | undefined };
  readonly fence: { readonly type: 'circle'; readonly radiusM?: number | undefined } | { readonly type: 'polygon'; readonly coordinates: readonly (readonly [number, number])[] };
  readonly startsAt: string;
  readonly endsAt: string;
  readonly officerId?: string | undefined;
  readonly region: string;
}

/** What an official did wrong, as field problems (422), or not allowed (403), or not found / not now (404, 409). */
export type Refused =
  | { readonly kind: 'invalid'; readonly problems: readonly { readonly field: string; readonly message: string }[] }
  | { readonly kind: 'forbidden'; readonly detail: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'conflict'; readonly detail: string };

export interface IssuedCodeView {
  readonly caseId: string;
  readonly enrollmentCode: string;
  readonly enrollmentUrl: string;
  readonly enrollmentQrSvg: string;
  readonly codeExpiresAt: string;
}

const invalid = (field: string, message: string): Refused => ({ kind: 'invalid', problems: [{ field, message }] });

/**
 * Which cases a listing reads: the region asked for (an official's own unless a national admin names
 * another) and, for an officer, their own cases unless they name a colleague of their region.
 */
export const caseListScope = (official: Official, query: { region?: string | undefined; officerId?: string | undefined }): { region: string; officerId?: string } | Refused => {
  const region = query.region ?? official.region;
  if (!seesRegion(official, region)) return { kind: 'forbidden', detail: `Region ${region} is outside your region ${official.region}.` };
  const officerId = query.officerId ?? (official.role === 'officer' ? official.officerId : undefined);
  return officerId ? { region, officerId } : { region };
};

/** Whether an official may change a case: its officer, an admin of its region, a national admin. */
export const mayChangeCase = (official: Official, record: Pick<CaseRecord, 'region' | 'officerId'>): boolean =>
  seesRegion(official, record.region) && (official.role !== 'officer' || official.officerId === record.officerId);

/**
 * An official reading a case: the person unsealed for the case's region only, each read audited as a
 * read of personal data. Apart from the writers, so a reading function holds no write permissions.
 */
export class CaseReader {
  constructor(private readonly parts: Pick<CaseParts, 'cases' | 'cipher' | 'audit' | 'actorOf'> & { readonly now?: () => Date }) {}

  async read(official: Official, caseId: string, requestId: string): Promise<{ kind: 'read'; record: CaseRecord; person?: { name: string; phone: string } } | Refused> {
    const record = await this.parts.cases.get(caseId);
    if (!record) return { kind: 'not-found' };
    if (!seesRegion(official, record.region)) return { kind: 'forbidden', detail: `This case belongs to region ${record.region}, outside your region ${official.region}.` };
    const person = record.personSealed ? await this.parts.cipher.decrypt(record.personSealed, { caseId, region: record.region }) : undefined;
    await this.parts.audit.append({
      actor: this.parts.actorOf(official),
      action: 'case.read',
      subject: { kind: 'case', id: caseId },
      region: record.region,
      at: (this.parts.now?.() ?? new Date()).toISOString(),
      requestId,
    });
    return { kind: 'read', record, ...(person ? { person: { name: person.name, phone: person.phone } } : {}) };
  }
}

/**
 * Officials' side of self-quarantine: registering a person, and what their case officer does to the
 * case afterwards. Every write is conditional on the version read and recomputes what falls due next.
 */
export class QuarantineCases {
  readonly #now: () => Date;

  constructor(private readonly parts: CaseParts) {
    this.#now = parts.now ?? (() => new Date());
  }

  /** `checkinApp`: the check-in app's address; the link is it with the code in the fragment. */
  async create(official: Official, input: NewCase, checkinApp: string, requestId?: string): Promise<{ kind: 'created'; view: IssuedCodeView } | Refused> {
    if (!seesRegion(official, input.region)) return { kind: 'forbidden', detail: `Region ${input.region} is outside your region ${official.region}.` };
    const officerId = input.officerId ?? official.officerId;
    if (official.role === 'officer' && officerId !== official.officerId) return { kind: 'forbidden', detail: 'An officer registers cases for themself; an admin assigns them to another officer.' };

    const now = this.#now();
    const startsAt = Date.parse(input.startsAt);
    const endsAt = Date.parse(input.endsAt);
    if (endsAt <= startsAt) return invalid('body.endsAt', 'must be after startsAt');
    if (endsAt <= now.getTime()) return invalid('body.endsAt', 'must be in the future');
    if (startsAt < now.getTime() - DAY_MS) return invalid('body.startsAt', 'may be at most a day in the past');
    if (endsAt - startsAt > this.parts.config.maxCaseDays * DAY_MS) return invalid('body.endsAt', `a quarantine lasts at most ${this.parts.config.maxCaseDays} days`);

    const home = await this.#homeOf(input.home);
    if ('kind' in home) return home;
    const fence = this.#fenceOf(input.fence, home);
    if ('kind' in fence) return fence;

    const caseId = newCaseId();
    const personSealed = await this.parts.cipher.encrypt({ name: input.person.name, phone: input.person.phone }, { caseId, region: input.region });
    const at = now.toISOString();
    const draft: CaseWrite = {
      caseId,
      region: input.region,
      officerId,
      state: 'active',
      personSealed,
      language: input.person.language,
      home: { lat: home.lat, lng: home.lng, ...(input.home.address ? { address: input.home.address } : {}) },
      fence,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      createdAt: at,
      createdBy: official.officerId,
      geofence: { fence: 'UNKNOWN' },
      outings: [],
      v: 1,
    };
    const { view, locator } = await this.#issueCode(caseId, now, checkinApp);
    const record: CaseWrite = { ...draft, enrollmentLocator: locator, ...dueAttributes(draft, this.parts.config, now.getTime() - 1) };
    if (!(await this.parts.cases.create(record))) throw new Error(`case id ${caseId} collided`);
    await this.#audit(official, 'case.create', record, `ends ${record.endsAt}`, requestId);
    return { kind: 'created', view };
  }

  close(official: Official, caseId: string, reason: string | undefined, requestId: string) {
    if (!reason) return Promise.resolve(invalid('body.reason', 'say why the case closes'));
    return this.#change(official, caseId, requestId, 'case.close', reason, async (record, now) => {
      if (record.state !== 'active') return { kind: 'conflict', detail: `The case is already ${record.state}.` } as const;
      const ended = { ...record, state: 'ended' as CaseState, endedAt: now.toISOString(), closedBy: official.officerId, closedReason: reason };
      return { record: ended, after: () => this.parts.tokens.revoke('device', caseId) };
    });
  }

  extend(official: Official, caseId: string, endsAtText: string | undefined, requestId: string) {
    if (!endsAtText) return Promise.resolve(invalid('body.endsAt', 'give the new end'));
    const endsAt = Date.parse(endsAtText);
    return this.#change(official, caseId, requestId, 'case.extend', `until ${new Date(endsAt).toISOString()}`, async (record) => {
      if (record.state !== 'active') return { kind: 'conflict', detail: `The case is ${record.state}; an ended case is not extended.` } as const;
      if (endsAt <= Date.parse(record.endsAt)) return invalid('body.endsAt', `must be after the current end, ${record.endsAt}`);
      if (endsAt - Date.parse(record.startsAt) > this.parts.config.maxCaseDays * DAY_MS) return invalid('body.endsAt', `a quarantine lasts at most ${this.parts.config.maxCaseDays} days`);
      return { record: { ...record, endsAt: new Date(endsAt).toISOString() } };
    });
  }

  async reissueCode(official: Official, caseId: string, requestId: string, checkinApp: string): Promise<{ kind: 'issued'; view: IssuedCodeView } | Refused> {
    let view: IssuedCodeView | undefined;
    const outcome = await this.#change(official, caseId, requestId, 'case.reissue-code', 'a new phone', async (record, now) => {
      if (record.state !== 'active') return { kind: 'conflict', detail: `The case is ${record.state}; it needs no new phone.` } as const;
      const issued = await this.#issueCode(caseId, now, checkinApp);
      view = issued.view;
      const previous = record.enrollmentLocator;
      return {
        record: { ...record, enrollmentLocator: issued.locator },
        after: async () => {
          await this.parts.tokens.revoke('device', caseId);
          if (previous) await this.parts.codes.supersede(previous, caseId, now.toISOString());
        },
      };
    });
    return outcome.kind === 'changed' && view ? { kind: 'issued', view } : (outcome as Refused);
  }

  async addOuting(official: Official, caseId: string, input: { from: string; to: string; reason: string }, requestId: string) {
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    let outing: CaseOuting | undefined;
    const outcome = await this.#change(official, caseId, requestId, 'case.outing', input.reason, async (record, now) => {
      if (record.state !== 'active') return { kind: 'conflict', detail: `The case is ${record.state}.` } as const;
      if (to <= from) return invalid('body.to', 'must be after from');
      if (to <= now.getTime() - PAST_SLACK_MS) return invalid('body.to', 'an outing that is over cannot be permitted');
      if (from < Date.parse(record.startsAt) || to > Date.parse(record.endsAt)) return invalid('body.from', `an outing lies within the quarantine, ${record.startsAt} to ${record.endsAt}`);
      if (to - from > DAY_MS) return invalid('body.to', 'an outing lasts at most a day');
      outing = { outingId: `o_${randomUUID()}`, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason: input.reason, grantedBy: official.officerId, grantedAt: now.toISOString() };
      return { record: { ...record, outings: [...record.outings, outing] } };
    });
    return outcome.kind === 'changed' && outing ? { kind: 'granted' as const, outing } : (outcome as Refused);
  }

  async #change(
    official: Official,
    caseId: string,
    requestId: string,
    action: string,
    note: string,
    decide: (record: CaseRecord, now: Date) => Promise<{ record: CaseWrite; after?: () => Promise<unknown> } | Refused>,
  ): Promise<{ kind: 'changed'; record: CaseWrite } | Refused> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const record = await this.parts.cases.get(caseId);
      if (!record) return { kind: 'not-found' };
      if (!seesRegion(official, record.region)) return { kind: 'forbidden', detail: `This case belongs to region ${record.region}, outside your region ${official.region}.` };
      if (!mayChangeCase(official, record)) return { kind: 'forbidden', detail: 'Only the case’s officer or an admin of its region changes a case.' };
      const now = this.#now();
      const decided = await decide(record, now);
      if ('kind' in decided) return decided;
      const { regionState: _r, officerState: _o, dueShard: _s, nextDueAt: _n, dueReason: _d, ...rest } = { ...decided.record, regionState: '', officerState: '' };
      const next: CaseWrite = { ...rest, v: record.v + 1, ...dueAttributes(rest, this.parts.config, now.getTime()) };
      if (!(await this.parts.cases.save(next, record.v))) continue;
      await decided.after?.();
      await this.#audit(official, action, next, note, requestId);
      return { kind: 'changed', record: next };
    }
    return { kind: 'conflict', detail: 'The case kept changing while this was applied; try again.' };
  }

  async #issueCode(caseId: string, now: Date, checkinApp: string): Promise<{ view: IssuedCodeView; locator: string }> {
    const pepper = await this.parts.pepper();
    for (let attempt = 1; attempt <= 8; attempt++) {
      const issued = issueEnrollmentCode(caseId, pepper, now);
      if (!(await this.parts.codes.putNew(issued.hashes.locator, issued.record))) continue;
      const enrollmentUrl = `${checkinApp}#code=${issued.code}`;
      return {
        locator: issued.hashes.locator,
        view: {
          caseId,
          enrollmentCode: formatEnrollmentCode(issued.code),
          enrollmentUrl,
          enrollmentQrSvg: renderSVG(enrollmentUrl, { ecc: 'M', border: 2 }),
          codeExpiresAt: issued.record.expiresAt,
        },
      };
    }
    throw new Error('no free enrolment code locator after 8 draws');
  }

  async #homeOf(home: NewCase['home']): Promise<LatLng | Refused> {
    if (home.lat !== undefined && home.lng !== undefined) return { lat: home.lat, lng: home.lng };
    if (!home.address) return invalid('body.home', 'give the home as lat and lng, or its address');
    try {
      const located = await this.parts.geocode(home.address);
      return located ?? invalid('body.home', 'the address could not be placed on the map: check it, or give lat and lng');
    } catch (error) {
      // The local runtime has no place index; on AWS Amazon Location failing is the same for the official: give the position.
      if (error instanceof GeocodingUnavailable) return invalid('body.home', `${error.message.replace(/ for this row/, '')}`);
      throw error;
    }
  }

  #fenceOf(input: NewCase['fence'], home: LatLng): Fence | Refused {
    const candidate: FenceInput = input.type === 'circle' ? { type: 'circle', center: home, ...(input.radiusM === undefined ? {} : { radiusM: input.radiusM }) } : { type: 'polygon', coordinates: input.coordinates };
    const checked = validateFence(candidate);
    return checked.ok ? checked.fence : { kind: 'invalid', problems: checked.problems.map((p) => ({ field: `body.fence.${p.field}`, message: p.message })) };
  }

  async #audit(official: Official, action: string, record: Pick<CaseRecord, 'caseId' | 'region'>, note?: string, requestId?: string): Promise<void> {
    await this.parts.audit.append({
      actor: this.parts.actorOf(official),
      action,
      subject: { kind: 'case', id: record.caseId },
      region: record.region,
      at: this.#now().toISOString(),
      ...(requestId ? { requestId } : {}),
      ...(note ? { note } : {}),
    });
  }
}
