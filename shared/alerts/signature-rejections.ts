import type { AlertConfig } from './alert-config.ts';
import { NATIONAL_REGION } from './alert.ts';
import type { RaiseInput } from './raise-alert.ts';

/** The minute a rejection is counted in (UTC, `2020-03-09T09:01`). */
export const minuteOf = (at: Date): string => at.toISOString().slice(0, 16);

/** Counts rejections per partner per minute: an atomic counter in DynamoDB, a map in tests. */
export interface RejectionCounter {
  /** Adds one and says how many this partner has in this minute, this one included. */
  increment(partnerId: string, minute: string): Promise<number>;
}

/**
 * The platform's alert source: a card company whose webhook signatures keep failing has a leaked or
 * misconfigured key, or someone is forging its calls. Raised once per minute in which the count goes
 * over the threshold; within the open alert, each such minute counts as a repeat.
 */
export const rejectionAlertOf = (partnerId: string, count: number, minute: string, config: AlertConfig['signatureRejections']): RaiseInput | undefined =>
  count === config.perMinute + 1
    ? {
        type: 'SIGNATURE_REJECTIONS',
        severity: config.severity,
        region: NATIONAL_REGION,
        subject: { kind: 'partner', id: partnerId },
        message: `웹훅 서명 거부 급증: ${partnerId}, ${minute} UTC 1분 동안 ${config.perMinute}건 초과. 키 유출·설정 오류·위조 시도를 확인하십시오.`,
      }
    : undefined;

export class SignatureRejections {
  constructor(
    private readonly counter: RejectionCounter,
    private readonly raise: (input: RaiseInput) => Promise<unknown>,
    private readonly config: AlertConfig['signatureRejections'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(partnerId: string): Promise<void> {
    const minute = minuteOf(this.now());
    const alert = rejectionAlertOf(partnerId, await this.counter.increment(partnerId, minute), minute, this.config);
    if (alert) await this.raise(alert);
  }
}
