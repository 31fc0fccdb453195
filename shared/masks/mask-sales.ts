import { keyedHash } from '../auth/keyed-hash.ts';
import { HttpProblem, validationFailed, type Problem } from '../http/problem.ts';
import { rationingWeekOf } from './korean-time.ts';
import { decidePurchase, policyOn, rationingTimeline, weeklyLimitFor, type RationingPolicy } from './rationing.ts';
import { checkResidentNumber } from './resident-number.ts';

/** The first answer to a sale, kept so that a retry with the same saleId gets it again. */
export interface SaleAnswer {
  readonly status: number;
  readonly body: unknown;
}

export type SaleOutcome = { readonly kind: 'sold' | 'duplicate' | 'insufficient-stock' | 'weekly-limit' };

/** Everything the sale transaction writes or checks. */
export interface SaleRecord {
  readonly storeCode: string;
  readonly saleId: string;
  readonly buyerHash: string;
  /** The rationing week, named by its Monday. */
  readonly week: string;
  readonly quantity: number;
  readonly weeklyLimit: number | null;
  readonly soldAt: string;
  readonly answer: SaleAnswer;
}

export interface SalesStore {
  lookup(storeCode: string, saleId: string, buyerHash: string, week: string): Promise<{ answer?: SaleAnswer; boughtThisWeek: number }>;
  sell(sale: SaleRecord): Promise<SaleOutcome>;
  recordRefusal(storeCode: string, saleId: string, answer: SaleAnswer, at: string): Promise<SaleAnswer>;
}

export interface StockReader {
  get(code: string): Promise<{ remaining?: number; onBreak?: boolean } | undefined>;
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

/**
 * A rationed sale. The domain decides what it can from the buyer's history (weekday, limit), and the
 * transaction decides for good (stock and weekly count under concurrency), so two pharmacies selling
 * to one person at the same moment cannot both exceed the limit.
 */
export class MaskSales {
  constructor(
    private readonly sales: SalesStore,
    private readonly stores: StockReader,
    private readonly pepper: () => Promise<string>,
    private readonly clock: () => Date,
    private readonly timeline: readonly RationingPolicy[] = rationingTimeline,
  ) {}

  async sell(request: SaleRequest): Promise<SaleAnswer> {
    const resident = checkResidentNumber(request.buyerId);
    if (!resident.ok) {
      throw validationFailed([{ field: 'body.buyerId', message: `not a valid resident registration number (${resident.problem})` }]);
    }
    const at = this.clock();
    const week = rationingWeekOf(at);
    const buyerHash = keyedHash(await this.pepper(), resident.digits);
    const { answer, boughtThisWeek } = await this.sales.lookup(request.storeCode, request.saleId, buyerHash, week);
    if (answer) return answer;

    const decision = decidePurchase({ at, birthYear: resident.birthYear, quantity: request.quantity, boughtThisWeek, timeline: this.timeline });
    if (!decision.ok) {
      const status = 422;
      const title = decision.refusal.kind === 'not-your-day' ? 'Not this buyer’s day' : 'Weekly limit reached';
      const refused = refusal(status, decision.refusal.kind, title, decision.refusal.detail[request.language], { boughtThisWeek });
      return this.sales.recordRefusal(request.storeCode, request.saleId, refused, at.toISOString());
    }

    const soldAt = at.toISOString();
    const weeklyLimit = weeklyLimitFor(policyOn(at, this.timeline), resident.birthYear);
    const store = await this.stores.get(request.storeCode);
    const sold: SaleAnswer = {
      status: 201,
      body: {
        saleId: request.saleId,
        code: request.storeCode,
        quantity: request.quantity,
        remaining: (store?.remaining ?? 0) - request.quantity,
        boughtThisWeek: boughtThisWeek + request.quantity,
        weeklyLimit,
        soldAt,
      },
    };
    const outcome = await this.sales.sell({ ...request, buyerHash, week, weeklyLimit, soldAt, answer: sold });
    switch (outcome.kind) {
      case 'sold':
        return sold;
      case 'duplicate':
        return (await this.sales.lookup(request.storeCode, request.saleId, buyerHash, week)).answer ?? sold;
      case 'weekly-limit': {
        // Another sale to the same person landed between our read and our write.
        const now = await this.sales.lookup(request.storeCode, request.saleId, buyerHash, week);
        const decision = decidePurchase({ at, birthYear: resident.birthYear, quantity: request.quantity, boughtThisWeek: now.boughtThisWeek, timeline: this.timeline });
        const detail = decision.ok ? text(request.language, '이번 주 구매 한도를 넘습니다.', 'This would exceed the weekly limit.') : decision.refusal.detail[request.language];
        return this.sales.recordRefusal(request.storeCode, request.saleId, refusal(422, 'weekly-limit', 'Weekly limit reached', detail, { boughtThisWeek: now.boughtThisWeek }), soldAt);
      }
      case 'insufficient-stock': {
        const current = await this.stores.get(request.storeCode);
        const refused = current?.onBreak
          ? refusal(409, 'sales-stopped', 'Sales stopped', text(request.language, '이 판매처는 판매를 중단했습니다. 재고를 다시 등록한 뒤 판매하세요.', 'This store has stopped selling; report stock again to resume.'))
          : refusal(
              409,
              'insufficient-stock',
              'Not enough stock',
              text(
                request.language,
                `남은 재고가 ${current?.remaining ?? 0}매뿐이라 ${request.quantity}매를 판매할 수 없습니다.`,
                `Only ${current?.remaining ?? 0} left; ${request.quantity} cannot be sold.`,
              ),
              { remaining: current?.remaining ?? 0 },
            );
        // Not recorded: once stock arrives, the same sale may go through.
        return refused;
      }
    }
  }
}

export const answerToProblem = (answer: SaleAnswer): HttpProblem => new HttpProblem(answer.body as Problem);
