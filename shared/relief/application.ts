import { koreanDate, koreanWeekday } from '../masks/korean-time.ts';
import { weekdayForBirthYear } from '../masks/rationing.ts';
import { grantAmountFor, type ReliefProgram } from './relief-program.ts';

export type ApplicationRejection = 'not-head-of-household' | 'not-in-registry' | 'already-granted' | 'outside-application-period' | 'not-your-day';

/** What the registry says of the applicant's household: looked up by the keyed hash of their resident number. */
export interface RegistryMatch {
  readonly householdId: string;
  readonly members: number;
  readonly regionCode: string;
  /** The applicant is the household's head; a member may not apply for it. */
  readonly isHead: boolean;
}

export interface ApplicationInput {
  readonly program: ReliefProgram;
  readonly at: Date;
  /** The applicant's birth year, read from the resident number before it is hashed. */
  readonly birthYear: number;
  readonly household: RegistryMatch | undefined;
  /** The household already has a grant, through this card company or another. */
  readonly alreadyGranted: boolean;
  /** Won to donate, a multiple of the program's step (checked as input); `all` donates the whole grant. */
  readonly donate?: number | 'all' | undefined;
}

export type ApplicationDecision =
  | { readonly decision: 'approved'; readonly householdId: string; readonly amount: number; readonly donated: number; readonly regionCode: string; readonly expiresAt: string }
  | { readonly decision: 'rejected'; readonly reason: ApplicationRejection };

const KOREA_OFFSET = '+09:00';

/** The last moment of a Korean day, as an instant. */
export const endOfKoreanDay = (day: string): string => new Date(Date.parse(`${day}T23:59:59.999${KOREA_OFFSET}`)).toISOString();

/**
 * Whether a head of household gets the grant now, and how much of it as points. The order is the
 * order a call centre would explain it in: who you are, then when, then whether it was already paid.
 */
export const judgeApplication = ({ program, at, birthYear, household, alreadyGranted, donate }: ApplicationInput): ApplicationDecision => {
  if (!household) return { decision: 'rejected', reason: 'not-in-registry' };
  if (!household.isHead) return { decision: 'rejected', reason: 'not-head-of-household' };
  const today = koreanDate(at);
  if (today < program.application.opens || today > program.application.closes) return { decision: 'rejected', reason: 'outside-application-period' };
  const rotationUntil = program.application.birthYearWeekdayUntil;
  if (rotationUntil && today <= rotationUntil && koreanWeekday(at) !== weekdayForBirthYear(birthYear)) return { decision: 'rejected', reason: 'not-your-day' };
  if (alreadyGranted) return { decision: 'rejected', reason: 'already-granted' };

  const grant = grantAmountFor(program, household.members);
  const donated = donate === 'all' ? grant : Math.min(donate ?? 0, grant);
  return {
    decision: 'approved',
    householdId: household.householdId,
    amount: grant - donated,
    donated,
    regionCode: household.regionCode,
    expiresAt: endOfKoreanDay(program.spending.until),
  };
};
