import { createHash } from 'node:crypto';
import { koreanDate } from '../../../shared/masks/korean-time.ts';
import { checkResidentNumber } from '../../../shared/people/resident-number.ts';
import { judgeApplication } from '../../../shared/relief/application.ts';
import type { Merchant } from '../../../shared/relief/authorization.ts';
import { grantAmountFor, type ReliefProgram } from '../../../shared/relief/relief-program.ts';
import { daysBetween } from '../../../shared/relief/stats.ts';
import type { DemoHousehold } from './relief-registry.ts';

/**
 * What the demo's past holds, decided before anything is written: who applied through which card
 * company on which day, what they donated, where they paid and what was reversed. Pure and drawn from
 * the data directory's seed, so the same seed and day give the same history.
 */
export interface HistoryApplication {
  readonly householdId: string;
  readonly regionCode: string;
  readonly partnerId: string;
  readonly webhookId: string;
  readonly applicationId: string;
  readonly applicantResidentId: string;
  readonly cardToken: string;
  readonly donate?: number;
  readonly at: Date;
  /** What the program grants the household, less the donation: what its payments may spend. */
  readonly points: number;
}

export interface HistoryPayment {
  readonly kind: 'authorization';
  readonly webhookId: string;
  readonly authorizationId: string;
  readonly amount: number;
  readonly merchant: Merchant;
  readonly at: Date;
}

export interface HistoryReversal {
  readonly kind: 'reversal';
  readonly webhookId: string;
  readonly reversalId: string;
  readonly authorizationId: string;
  readonly amount: number;
  readonly at: Date;
}

/** One household's grant and what followed it, in time order (a reversal after the payment it reverses). */
export interface HistoryGrant {
  readonly application: HistoryApplication;
  readonly movements: readonly (HistoryPayment | HistoryReversal)[];
}

export interface ReliefHistoryPlan {
  /** Korean days from the opening to yesterday: the days the history fills. */
  readonly days: readonly string[];
  readonly grants: readonly HistoryGrant[];
  /** Households left without a grant: every one a newcomer may be handed, and a few percent of the rest. */
  readonly unapplied: number;
}

/**
 * The households the registry seed may list in demo-credentials.json as not yet applied: the history
 * never applies for them, so a newcomer can. Twice what is listed, so a newcomer who used some still
 * finds others on the next start.
 */
export const KEPT_FOR_NEWCOMERS = 40;
/** 2020: about 46 % of households were paid in the first five days (the weekday rotation's week). */
export const FIRST_FIVE_DAYS_SHARE = 0.46;
/** Households of the rest that never apply in the history: the curve ends near, never at, 100 %. */
const NEVER_APPLIED_PERCENT = 4;
/** After the first week the daily applications taper off, each day this much of the day before. */
const TAPER = 0.8;
/** Where 2020's grants were spent: never an excluded category (checked against the program). */
const SHOPS: readonly { readonly mcc: string; readonly name: string }[] = [
  { mcc: '5411', name: '동네 마트' },
  { mcc: '5411', name: '정육점' },
  { mcc: '5812', name: '한식당' },
  { mcc: '5814', name: '분식집' },
  { mcc: '5912', name: '약국' },
  { mcc: '5462', name: '빵집' },
  { mcc: '5641', name: '아동복 가게' },
  { mcc: '7230', name: '미용실' },
  { mcc: '5942', name: '서점' },
  { mcc: '8043', name: '안경점' },
  { mcc: '5251', name: '철물점' },
  { mcc: '8011', name: '동네 의원' },
];
/** The nine card companies' rough 2020 shares, as weights. */
const PARTNER_WEIGHTS: Readonly<Record<string, number>> = { shinhan: 3, 'kb-kookmin': 3, samsung: 2, hyundai: 2, bc: 2, nh: 2, woori: 1, hana: 1, lotte: 1 };
const HOUR_MS = 3_600_000;

/** A stream of numbers in [0, 1) for one thing of the history, from the seed. */
const draws = (seed: string, what: string) => {
  let counter = 0;
  return () => createHash('sha256').update(`${seed}#${what}#${counter++}`).digest().readUInt32BE(0) / 2 ** 32;
};

const weighted = <T>(items: readonly T[], weightOf: (item: T) => number, u: number): T => {
  const total = items.reduce((sum, item) => sum + weightOf(item), 0);
  let left = u * total;
  for (const item of items) if ((left -= weightOf(item)) < 0) return item;
  return items[items.length - 1] as T;
};

/** An instant of the Korean day between 07:00 and 22:00, when people shop and apply. */
const duringDay = (day: string, u: number): Date => new Date(Date.parse(`${day}T07:00:00+09:00`) + Math.floor(u * 15 * 60) * 60_000);

const roundTo = (won: number, step: number) => Math.max(step, Math.round(won / step) * step);

export interface HistoryInput {
  readonly seed: string;
  readonly households: readonly DemoHousehold[];
  readonly program: ReliefProgram;
  readonly partners: readonly string[];
  readonly now: Date;
  /** Payments per grant, at most (each grant gets one to this many). */
  readonly paymentsPerGrant?: number;
}

/**
 * Applications on the 2020 shape: about 46 % of the registry in the first five days, each head on
 * the day the program's own rule (`judgeApplication`) lets them apply, then fewer each day; payments at
 * allowed shops of the household's region, spread over the days since its grant; a few reversals.
 */
export const planReliefHistory = ({ seed, households, program, partners, now, paymentsPerGrant = 3 }: HistoryInput): ReliefHistoryPlan => {
  const startOfToday = Date.parse(`${koreanDate(now)}T00:00:00+09:00`);
  const yesterday = koreanDate(new Date(startOfToday - HOUR_MS));
  const days = program.application.opens <= yesterday ? daysBetween(program.application.opens, yesterday < program.application.closes ? yesterday : program.application.closes) : [];
  const excluded = new Set(program.excludedCategories.map((c) => c.mcc));
  const shops = SHOPS.filter((shop) => !excluded.has(shop.mcc));
  const first = days.slice(0, 5);
  const later = days.slice(5);

  const approvedOn = (household: DemoHousehold, at: Date): boolean => {
    const resident = checkResidentNumber(household.members[0] ?? '', at);
    if (!resident.ok) return false;
    const match = { householdId: household.householdId, members: household.members.length, regionCode: household.regionCode, isHead: true };
    return judgeApplication({ program, at, birthYear: resident.birthYear, household: match, alreadyGranted: false }).decision === 'approved';
  };

  const applicants = households.slice(KEPT_FOR_NEWCOMERS).filter((h) => draws(seed, `never:${h.householdId}`)() * 100 >= NEVER_APPLIED_PERCENT);
  // Who may apply in the first five days at all: the rotation leaves out the digits of its weekend days.
  const early = new Map(applicants.map((h) => [h.householdId, first.filter((day) => approvedOn(h, duringDay(day, 0.5)))] as const));
  const eligibleEarly = applicants.filter((h) => (early.get(h.householdId) ?? []).length > 0).length;
  const earlyChance = eligibleEarly > 0 ? Math.min(1, (FIRST_FIVE_DAYS_SHARE * households.length) / eligibleEarly) : 0;
  const laterWeights = later.map((_, i) => TAPER ** i);

  const grants: HistoryGrant[] = [];
  for (const household of applicants) {
    const draw = draws(seed, household.householdId);
    const allowed = early.get(household.householdId) ?? [];
    const day = allowed.length > 0 && draw() < earlyChance ? allowed[Math.floor(draw() * allowed.length)] : later.length > 0 ? weighted(later, (d) => laterWeights[later.indexOf(d)] ?? 0, draw()) : undefined;
    if (!day) continue;
    const at = duringDay(day, draw());
    if (at.getTime() >= startOfToday || !approvedOn(household, at)) continue;

    const index = household.householdId;
    const partnerId = weighted(partners, (p) => PARTNER_WEIGHTS[p] ?? 1, draw());
    const grant = grantAmountFor(program, household.members.length);
    // About one household in twelve gave some of it back, in the program's steps (2020: ~0.2 % of the money).
    const donate = draw() < 1 / 12 ? program.donationStepWon * (1 + Math.floor(draw() * 10)) : undefined;
    const points = grant - (donate ?? 0);
    const application: HistoryApplication = {
      householdId: household.householdId,
      regionCode: household.regionCode,
      partnerId,
      webhookId: `msg_demo-history-${index}`,
      applicationId: `demo-history-${index}`,
      applicantResidentId: household.members[0] ?? '',
      cardToken: `tok_demo_${createHash('sha256').update(`${seed}#card#${index}`).digest('base64url').slice(0, 16)}`,
      ...(donate ? { donate } : {}),
      at,
      points,
    };

    // A share of the points spent so far, more the longer ago the grant (2020: most was spent by July).
    // Paid on the days since the grant, before today: today is the newcomer's.
    const sinceGrant = startOfToday - at.getTime();
    const share = Math.min(0.9, 0.15 + (sinceGrant / (days.length * 24 * HOUR_MS)) * 0.5 * (0.5 + draw()));
    const count = 1 + Math.floor(draw() * paymentsPerGrant);
    const movements: (HistoryPayment | HistoryReversal)[] = [];
    for (let k = 0; k < count; k++) {
      const payAt = new Date(at.getTime() + Math.floor(draw() * sinceGrant));
      const shop = shops[Math.floor(draw() * shops.length)] ?? SHOPS[0]!;
      const amount = roundTo((points * share) / count, 100);
      const authorizationId = `demo-history-${index}-${k + 1}`;
      movements.push({
        kind: 'authorization',
        webhookId: `msg_${authorizationId}`,
        authorizationId,
        amount,
        merchant: { id: `demo-${household.regionCode}-${shops.indexOf(shop)}`, name: shop.name, mcc: shop.mcc, regionCode: household.regionCode, online: false },
        at: payAt,
      });
      // About one payment in thirty came back (a return, a wrong amount), a few hours later the same day.
      if (draw() < 1 / 30) {
        const back = new Date(Math.min(payAt.getTime() + Math.floor(draw() * 4 * HOUR_MS), Date.parse(`${koreanDate(payAt)}T23:59:59+09:00`)));
        movements.push({ kind: 'reversal', webhookId: `msg_${authorizationId}-back`, reversalId: `${authorizationId}-back`, authorizationId, amount: draw() < 0.5 ? amount : roundTo(amount / 2, 100), at: back });
      }
    }
    grants.push({ application, movements: movements.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.kind === 'reversal' ? 1 : -1)) });
  }
  grants.sort((a, b) => a.application.at.getTime() - b.application.at.getTime());
  return { days, grants, unapplied: households.length - grants.length };
};
