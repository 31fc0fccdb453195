import { z } from 'zod';
import demoFile from '../../config/mask-rationing-demo.json' with { type: 'json' };
import timelineFile from '../../config/mask-rationing.json' with { type: 'json' };
import { koreanDate, koreanWeekday } from './korean-time.ts';

/**
 * The duplicate-purchase rule, as a dated timeline because it changed five times in 2020
 * (config/mask-rationing.json). Pure: the caller supplies the time and what the buyer already bought.
 */
const policySchema = z.object({
  from: z.iso.date(),
  birthYearWeekday: z.boolean(),
  weeklyLimit: z.number().int().positive().nullable(),
  youngerLimit: z.object({ bornFrom: z.number().int(), weeklyLimit: z.number().int().positive() }).optional(),
});
export type RationingPolicy = z.infer<typeof policySchema>;

const timelineOf = (file: unknown): readonly RationingPolicy[] =>
  z
    .object({ name: z.string(), description: z.string(), timeline: z.array(policySchema).min(1) })
    .parse(file)
    .timeline.toSorted((a, b) => a.from.localeCompare(b.from));

/** What was in force in 2020: AWS deploys and replays with MASK_RATIONING_AS_OF judge by it. */
export const rationingTimeline: readonly RationingPolicy[] = timelineOf(timelineFile);

/**
 * By today's date the 2020 rules have all ended, so `npm start` judges sales by a demo policy in force
 * now, modelled on 2020's first rule (config/mask-rationing-demo.json): a new user sees the rules.
 */
export const demoRationingTimeline: readonly RationingPolicy[] = timelineOf(demoFile);

export const RATIONING_POLICIES = ['2020', 'demo'] as const;
export type RationingPolicyName = (typeof RATIONING_POLICIES)[number];

/** A replay of a 2020 date (`asOf`) always follows the 2020 timeline, whichever policy is named. */
export const timelineFor = (settings: { readonly policy: RationingPolicyName; readonly asOf?: string }): readonly RationingPolicy[] =>
  settings.policy === 'demo' && !settings.asOf ? demoRationingTimeline : rationingTimeline;

/** Before the first entry nothing was rationed. */
export const policyOn = (at: Date, timeline: readonly RationingPolicy[] = rationingTimeline): RationingPolicy | undefined =>
  timeline.findLast((policy) => policy.from <= koreanDate(at));

/** Monday 1/6, Tuesday 2/7, Wednesday 3/8, Thursday 4/9, Friday 5/0; weekends were open to all. */
const WEEKDAY_DIGITS: Readonly<Record<number, readonly number[]>> = { 1: [1, 6], 2: [2, 7], 3: [3, 8], 4: [4, 9], 5: [5, 0] };
const WEEKDAY_NAMES = {
  ko: ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export const weekdayForBirthYear = (birthYear: number): number =>
  Number(Object.entries(WEEKDAY_DIGITS).find(([, digits]) => digits.includes(birthYear % 10))?.[0]);

export const weeklyLimitFor = (policy: RationingPolicy | undefined, birthYear: number): number | null => {
  if (!policy) return null;
  if (policy.youngerLimit && birthYear >= policy.youngerLimit.bornFrom) return policy.youngerLimit.weeklyLimit;
  return policy.weeklyLimit;
};

export interface Refusal {
  readonly kind: 'not-your-day' | 'weekly-limit';
  readonly detail: { readonly ko: string; readonly en: string };
}

export type PurchaseDecision = { readonly ok: true; readonly weeklyLimit: number | null } | { readonly ok: false; readonly refusal: Refusal };

export const decidePurchase = (input: {
  readonly at: Date;
  readonly birthYear: number;
  readonly quantity: number;
  readonly boughtThisWeek: number;
  readonly timeline?: readonly RationingPolicy[];
}): PurchaseDecision => {
  const policy = policyOn(input.at, input.timeline);
  const today = koreanWeekday(input.at);
  if (policy?.birthYearWeekday && today >= 1 && today <= 5) {
    const allowed = weekdayForBirthYear(input.birthYear);
    if (allowed !== today) {
      const digits = WEEKDAY_DIGITS[allowed]?.join('·') ?? '';
      return {
        ok: false,
        refusal: {
          kind: 'not-your-day',
          detail: {
            ko: `출생연도 끝자리가 ${digits}인 분은 ${WEEKDAY_NAMES.ko[allowed]}에 구매할 수 있습니다. 주말에는 누구나 구매할 수 있습니다.`,
            en: `People born in a year ending in ${digits.replace('·', ' or ')} buy on ${WEEKDAY_NAMES.en[allowed]}. Anyone may buy at the weekend.`,
          },
        },
      };
    }
  }
  const limit = weeklyLimitFor(policy, input.birthYear);
  if (limit !== null && input.boughtThisWeek + input.quantity > limit) {
    const left = Math.max(0, limit - input.boughtThisWeek);
    return {
      ok: false,
      refusal: {
        kind: 'weekly-limit',
        detail: {
          ko: `이번 주 구매 한도는 ${limit}매이며 이미 ${input.boughtThisWeek}매를 구매하셨습니다. ${left > 0 ? `${left}매까지 더 구매할 수 있습니다.` : '다음 주 월요일부터 다시 구매할 수 있습니다.'}`,
          en: `The limit is ${limit} a week and ${input.boughtThisWeek} were already bought this week. ${left > 0 ? `Up to ${left} more may be sold.` : 'Sales resume next Monday.'}`,
        },
      },
    };
  }
  return { ok: true, weeklyLimit: limit };
};
