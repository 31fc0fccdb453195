import { keyedHash } from '../auth/keyed-hash.ts';
import { HttpProblem, validationFailed, type Problem } from '../http/problem.ts';
import { checkResidentNumber } from '../people/resident-number.ts';
import { requestFingerprint } from '../platform/request-fingerprint.ts';
import { rationingWeekOf } from './korean-time.ts';
import { decidePurchase, policyOn, rationingTimeline, weeklyLimitFor, type RationingPolicy } from './rationing.ts';

/** The first answer to a sale, kept so that a retry with the same saleId gets it again. */
export interface SaleAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The first answer to a saleId and what it was for (the request's fingerprint; absent on old records). */
export interface FirstAnswer {
  readonly answer: SaleAnswer;
  readonly fingerprint?: string;
}

/** `stale`: the stock or the buyer's weekly count changed since they were read; read again and retry. */
export type SaleOutcome = { readonly kind: 'sold' | 'duplicate' | 'stale' };

/** Everything the sale transaction writes or checks. */
export interface SaleRecord {
  readonly storeCode: string;
  readonly saleId: string;
  readonly buyerHash: string;
  readonly fingerprint: string;
  /** The rationing week, named by its Monday. */
  readonly week: string;
  readonly quantity: number;
  /** The stock and the buyer's weekly count as read: the sale commits only if both are still so. */
  readonly seen: { readonly remaining: number; readonly bought: number };
  readonly soldAt: string;
  readonly answer: SaleAnswer;
}

export interface SalesStore {
  lookup(storeCode: string, saleId: string, buyerHash: string, week: string): Promise<{ first?: FirstAnswer; boughtThisWeek: number }>;
  sell(sale: SaleRecord): Promise<SaleOutcome>;
  /** Records a refusal as the first answer; returns the first answer that won if another got there first. */
  recordRefusal(storeCode: string, saleId: string, first: FirstAnswer, at: string): Promise<FirstAnswer>;
}

export interface StockReader {
  /** A strongly consistent read: the sale commits only against the stock it saw. */
  currentStock(code: string): Promise<{ remaining?: number; onBreak?: boolean } | undefined>;
}

export interface SaleRequest {
  readonly storeCode: string;
  readonly saleId: string;
  readonly buyerId: string;
  readonly quantity: number;
  readonly language: 'ko' | 'en';
}

type Lang = SaleRequest['language'];
const text = (lang: Lang, ko: string, en: string) => (lang === 'ko' ? ko : en);

const refusal = (status: number, type: string, title: string, detail: string, extra: Record<string, unknown> = {}): SaleAnswer => ({
  status,
  body: { type: `https://crisis-response.go.kr/problems/${type}`, title, status, detail, ...extra } satisfies Problem,
});

/** Each lost race means another sale of this store or buyer committed; a few rounds settle a rush. */
const MAX_ATTEMPTS = 12;

/**
 * A rationed sale. The domain decides from the stock and the buyer's week as read, and the transaction
 * commits only if both are still as read (else it reads again), so two pharmacies selling to one person
 * at the same moment cannot both exceed the limit, and the figures in the answer include this sale exactly.
 */
export class MaskSales {
  constructor(
    private readonly sales: SalesStore,
    private readonly stores: StockReader,
    private readonly pepper: () => Promise<string>,
    /** The rationing clock (it may replay 2020). */
    private readonly clock: () => Date,
    /** The policies in force over time: 2020's timeline, or the demo's. */
    private readonly timeline: readonly RationingPolicy[] = rationingTimeline,
    /** The real date, for what must not lie in the future (a buyer's birth). */
    private readonly today: () => Date = () => new Date(),
  ) {}

  async sell(request: SaleRequest): Promise<SaleAnswer> {
    const resident = checkResidentNumber(request.buyerId, this.today());
    if (!resident.ok) {
      const why = resident.problem === 'future' ? 'the birth date is after today' : resident.problem === 'date' ? 'no such birth date' : 'not 13 digits as YYMMDD-GNNNNNN';
      throw validationFailed([{ field: 'body.buyerId', message: `not a valid resident registration number (${why})` }]);
    }
    const at = this.clock();
    const week = rationingWeekOf(at);
    const buyerHash = keyedHash(await this.pepper(), resident.digits);
    const fingerprint = requestFingerprint({ buyerHash, quantity: request.quantity });
    const firstAnswer = (first: FirstAnswer): SaleAnswer =>
      first.fingerprint === undefined || first.fingerprint === fingerprint
        ? first.answer
        : refusal(
            409,
            'idempotency-key-reused',
            'This saleId was used for another sale',
            text(request.language, `판매 번호 ${request.saleId}는 다른 구매자나 수량으로 이미 쓰였습니다. 새 판매 번호로 보내세요.`, `saleId ${request.saleId} was already used with another buyer or quantity; send this sale with a new saleId.`),
          );

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [{ first, boughtThisWeek }, store] = await Promise.all([
        this.sales.lookup(request.storeCode, request.saleId, buyerHash, week),
        this.stores.currentStock(request.storeCode),
      ]);
      if (first) return firstAnswer(first);

      const decision = decidePurchase({ at, birthYear: resident.birthYear, quantity: request.quantity, boughtThisWeek, timeline: this.timeline });
      if (!decision.ok) {
        const title = decision.refusal.kind === 'not-your-day' ? 'Not this buyer’s day' : 'Weekly limit reached';
        const refused = refusal(422, decision.refusal.kind, title, decision.refusal.detail[request.language], { boughtThisWeek });
        return firstAnswer(await this.sales.recordRefusal(request.storeCode, request.saleId, { answer: refused, fingerprint }, at.toISOString()));
      }
      // Stock refusals are not recorded: once stock arrives, the same sale may go through.
      if (store?.onBreak) {
        return refusal(409, 'sales-stopped', 'Sales stopped', text(request.language, '이 판매처는 판매를 중단했습니다. 재고를 다시 등록한 뒤 판매하세요.', 'This store has stopped selling; report stock again to resume.'));
      }
      const remaining = store?.remaining ?? 0;
      if (remaining < request.quantity) {
        return refusal(
          409,
          'insufficient-stock',
          'Not enough stock',
          text(request.language, `남은 재고가 ${remaining}매뿐이라 ${request.quantity}매를 판매할 수 없습니다.`, `Only ${remaining} left; ${request.quantity} cannot be sold.`),
          { remaining },
        );
      }

      const soldAt = at.toISOString();
      const sold: SaleAnswer = {
        status: 201,
        body: {
          saleId: request.saleId,
          code: request.storeCode,
          quantity: request.quantity,
          remaining: remaining - request.quantity,
          boughtThisWeek: boughtThisWeek + request.quantity,
          weeklyLimit: weeklyLimitFor(policyOn(at, this.timeline), resident.birthYear),
          soldAt,
        },
      };
      const record = { ...request, buyerHash, fingerprint, week, soldAt, answer: sold, seen: { remaining, bought: boughtThisWeek } };
      const outcome = await this.sales.sell(record);
      if (outcome.kind === 'sold') return sold;
      // 'duplicate' and 'stale': read again; the next round answers from what is there now.
    }
    return refusal(503, 'busy', 'The service is busy', text(request.language, '같은 판매처나 구매자에게 동시에 판매가 몰렸습니다. 같은 판매 번호로 다시 보내세요.', 'Too many sales to this store or buyer at once; nothing was sold. Send it again with the same saleId.'));
  }
}

export const answerToProblem = (answer: SaleAnswer): HttpProblem =>
  new HttpProblem(answer.body as Problem, answer.status === 503 ? { 'retry-after': '1' } : {});
