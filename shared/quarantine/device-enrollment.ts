import { keyedHash } from '../auth/keyed-hash.ts';
import { dueAttributes } from './case-due.ts';
import type { AttemptWindow } from './attempt-limit.ts';
import { codeHashes, parseEnrollmentCode } from './enrollment-code.ts';
import { judgeRedemption, type IssuedCode } from './enrollment.ts';
import type { QuarantineConfig } from './quarantine-config.ts';
import type { CaseRecord } from './quarantine-case.ts';

export interface EnrollmentCodes {
  get(locator: string): Promise<IssuedCode | undefined>;
  markUsed(locator: string, verifier: string, at: string): Promise<boolean>;
  recordCodeFailure(locator: string, failures: AttemptWindow): Promise<void>;
  clientFailures(client: string): Promise<AttemptWindow | undefined>;
  recordClientFailure(client: string, failures: AttemptWindow): Promise<void>;
}

export interface EnrollingCases {
  get(caseId: string): Promise<CaseRecord | undefined>;
  save(record: Omit<CaseRecord, 'regionState' | 'officerState'>, expectedV: number): Promise<boolean>;
}

export type Enrolment =
  | {
      readonly kind: 'enrolled';
      readonly body: {
        caseId: string;
        deviceToken: string;
        language: CaseRecord['language'];
        startsAt: string;
        endsAt: string;
        checkin: { windows: QuarantineConfig['checkinWindows']; timeZone: 'Asia/Seoul' };
        pingIntervalSeconds: number;
        heartbeatSeconds: number;
      };
    }
  | { readonly kind: 'malformed'; readonly message: string }
  | { readonly kind: 'refused'; readonly reason: 'wrong-code' | 'expired' | 'used' | 'superseded' | 'ended' }
  | { readonly kind: 'too-many-attempts'; readonly retryAfterSeconds: number };

/**
 * A phone enrols with the code its case officer gave: the one redemption marks the code used
 * (conditionally: two phones cannot both win) and issues the case's device token, which replaces any
 * earlier one. Wrong guesses are counted per code and per client (a keyed hash of its address).
 */
export class DeviceEnrollment {
  constructor(
    private readonly codes: EnrollmentCodes,
    private readonly cases: EnrollingCases,
    private readonly issueToken: (caseId: string) => Promise<string>,
    private readonly pepper: () => Promise<string>,
    private readonly config: QuarantineConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async enrol(typed: string, sourceIp: string): Promise<Enrolment> {
    const parsed = parseEnrollmentCode(typed);
    if (!parsed.ok) {
      return {
        kind: 'malformed',
        message:
          parsed.problem === 'wrong-length'
            ? `a code has 10 letters and digits; this has ${parsed.length}`
            : `a code has no ${parsed.symbols.split('').join(', ')}: codes never use 0, 1, I, L, O or U, which look alike`,
      };
    }
    const pepper = await this.pepper();
    const now = this.now();
    const presented = codeHashes(pepper, parsed.code);
    const client = keyedHash(pepper, `enrolment-client:${sourceIp}`);
    const [record, clientWindow] = await Promise.all([this.codes.get(presented.locator), this.codes.clientFailures(client)]);
    const verdict = judgeRedemption({ record, presented, client: clientWindow, now });
    switch (verdict.outcome) {
      case 'too-many-attempts':
        return { kind: 'too-many-attempts', retryAfterSeconds: verdict.retryAfterSeconds };
      case 'wrong-code':
        await Promise.all([
          this.codes.recordClientFailure(client, verdict.client),
          ...(verdict.code && record ? [this.codes.recordCodeFailure(presented.locator, verdict.code)] : []),
        ]);
        return { kind: 'refused', reason: 'wrong-code' };
      case 'expired':
      case 'used':
      case 'superseded':
        return { kind: 'refused', reason: verdict.outcome };
      case 'enrol':
        break;
    }
    const found = await this.cases.get(verdict.caseId);
    if (!found || found.state !== 'active' || Date.parse(found.endsAt) <= now.getTime()) return { kind: 'refused', reason: 'ended' };
    if (!(await this.codes.markUsed(presented.locator, presented.verifier, now.toISOString()))) return { kind: 'refused', reason: 'used' };
    const deviceToken = await this.issueToken(found.caseId);
    await this.#markEnrolled(found.caseId, now);
    return {
      kind: 'enrolled',
      body: {
        caseId: found.caseId,
        deviceToken,
        language: found.language,
        startsAt: found.startsAt,
        endsAt: found.endsAt,
        checkin: { windows: this.config.checkinWindows, timeZone: 'Asia/Seoul' },
        pingIntervalSeconds: this.config.pingIntervalSeconds,
        heartbeatSeconds: this.config.heartbeatSeconds,
      },
    };
  }

  /** `enrolledAt` starts the silence clock: the sweep's next due time may now be the silence deadline. */
  async #markEnrolled(caseId: string, now: Date): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const record = await this.cases.get(caseId);
      if (!record) return;
      const { regionState: _r, officerState: _o, dueShard: _s, nextDueAt: _n, dueReason: _d, ...rest } = record;
      const enrolled = { ...rest, enrolledAt: now.toISOString(), lastSeenAt: now.toISOString(), v: record.v + 1 };
      if (await this.cases.save({ ...enrolled, ...dueAttributes(enrolled, this.config, now.getTime()) }, record.v)) return;
    }
  }
}
