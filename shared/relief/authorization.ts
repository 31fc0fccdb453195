import type { ReliefProgram } from './relief-program.ts';

export interface Merchant {
  readonly id: string;
  readonly name: string;
  /** ISO 18245 merchant category code, 4 digits. */
  readonly mcc: string;
  /** 2-digit province code of the merchant's address. */
  readonly regionCode: string;
  readonly online: boolean;
}

/** What the ledger knows of a grant when a card company asks to spend from it. */
export interface GrantStanding {
  readonly regionCode: string;
  readonly expiresAt: string;
  readonly balance: number;
}

export type DeclineReason = 'unknown-grant' | 'expired' | 'other-region' | 'excluded-category' | 'online' | 'no-balance' | 'deadline';

export type AuthorizationDecision =
  | { readonly decision: 'approved' | 'partial'; readonly approvedAmount: number; readonly remainingBalance: number }
  | { readonly decision: 'declined'; readonly approvedAmount: 0; readonly remainingBalance: number; readonly reason: DeclineReason; readonly detail?: string };

export interface AuthorizationInput {
  readonly program: Pick<ReliefProgram, 'region' | 'online' | 'excludedCategories'>;
  readonly grant: GrantStanding | undefined;
  readonly amount: number;
  readonly merchant: Merchant;
  readonly at: Date;
}

const declined = (reason: DeclineReason, remainingBalance: number, detail?: string): AuthorizationDecision => ({
  decision: 'declined',
  approvedAmount: 0,
  remainingBalance,
  reason,
  ...(detail ? { detail } : {}),
});

/**
 * Whether a payment may spend a grant's points, and how much of it: all of it, or the balance when the
 * payment is larger (`partial`: the card pays the rest, as card companies did in 2020). The ledger
 * commits the debit; this says what to ask it for.
 */
export const judgeAuthorization = ({ program, grant, amount, merchant, at }: AuthorizationInput): AuthorizationDecision => {
  if (!grant) return declined('unknown-grant', 0);
  if (at.getTime() > Date.parse(grant.expiresAt)) return declined('expired', 0);
  if (program.region === 'residence' && merchant.regionCode !== grant.regionCode) return declined('other-region', grant.balance);
  const excluded = program.excludedCategories.find((category) => category.mcc === merchant.mcc);
  if (excluded) return declined('excluded-category', grant.balance, `${excluded.name} (MCC ${excluded.mcc})`);
  if (merchant.online && !program.online) return declined('online', grant.balance);
  if (grant.balance <= 0) return declined('no-balance', 0);
  const approvedAmount = Math.min(amount, grant.balance);
  return { decision: approvedAmount < amount ? 'partial' : 'approved', approvedAmount, remainingBalance: grant.balance - approvedAmount };
};
