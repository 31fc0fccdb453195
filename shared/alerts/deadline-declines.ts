import type { AlertConfig } from './alert-config.ts';
import { NATIONAL_REGION } from './alert.ts';
import type { RaiseInput } from './raise-alert.ts';
import { minuteOf, type RejectionCounter } from './signature-rejections.ts';

/**
 * The relief ledger's alert source: a card company whose authorizations keep missing their `respondBy`
 * is declining its customers' payments (the ledger is slow, or the company's deadline too tight). Raised
 * once per minute in which one company's `deadline` declines go over the threshold, as signature rejections are.
 */
export const deadlineAlertOf = (partnerId: string, count: number, minute: string, config: AlertConfig['deadlineDeclines']): RaiseInput | undefined =>
  count === config.perMinute + 1
    ? {
        type: 'DEADLINE_DECLINES',
        severity: config.severity,
        region: NATIONAL_REGION,
        subject: { kind: 'partner', id: partnerId },
        message: `재난지원금 승인 시한 초과 거절 급증: ${partnerId}, ${minute} UTC 1분 동안 ${config.perMinute}건 초과. 원장 지연 또는 카드사 응답 시한 설정을 확인하십시오.`,
      }
    : undefined;

export class DeadlineDeclines {
  constructor(
    private readonly counter: RejectionCounter,
    private readonly raise: (input: RaiseInput) => Promise<unknown>,
    private readonly config: AlertConfig['deadlineDeclines'],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(partnerId: string): Promise<void> {
    const minute = minuteOf(this.now());
    const alert = deadlineAlertOf(partnerId, await this.counter.increment(partnerId, minute), minute, this.config);
    if (alert) await this.raise(alert);
  }
}
