import { afterFailure, mayAttempt, PER_CLIENT, PER_CODE, type AttemptWindow } from './attempt-limit.ts';
import { codeHashes, newEnrollmentCode, verifierMatches, type CodeHashes, type Draw, type EnrollmentCode } from './enrollment-code.ts';

/** A code works for 48 hours from its issue, once. */
export const CODE_LIFETIME_SECONDS = 48 * 60 * 60;

/** What is stored of an issued code, under its locator hash: no code, no person. */
export interface IssuedCode {
  readonly caseId: string;
  readonly verifier: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  /** Set by the one redemption that enrolled a phone; a second one finds it. */
  readonly usedAt?: string;
  /** Set when the case got a newer code (a new phone): this one stops working. */
  readonly supersededAt?: string;
  readonly failures?: AttemptWindow;
}

export interface Issued {
  /** Shown once to the official, who gives it to the person (a link with it in the fragment, or read aloud). */
  readonly code: EnrollmentCode;
  readonly hashes: CodeHashes;
  readonly record: IssuedCode;
}

/**
 * The store must put the record only where no live code has the same locator (a conditional put), and
 * draw again when one has: 810,000 locators hold 100,000 live codes with room to spare.
 */
export const issueEnrollmentCode = (caseId: string, pepper: string, now: Date, draw?: Draw): Issued => {
  const code = newEnrollmentCode(draw);
  const hashes = codeHashes(pepper, code);
  return {
    code,
    hashes,
    record: { caseId, verifier: hashes.verifier, issuedAt: now.toISOString(), expiresAt: new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000).toISOString() },
  };
};

export interface RedemptionInput {
  /** The record under the presented code's locator, if any. */
  readonly record: IssuedCode | undefined;
  readonly presented: CodeHashes;
  /** Failed guesses from this client (a keyed hash of its address), if any. */
  readonly client: AttemptWindow | undefined;
  readonly now: Date;
}

/**
 * What a redemption does. `enrol`: mark the code used (conditionally, so two phones cannot both win) and
 * issue the case's device token, which revokes any earlier one. `wrong-code`: store the new counters.
 * Expired, used and superseded are said only to whoever holds the whole code: to anyone else they are a
 * wrong code, so a guesser learns nothing about which codes exist.
 */
export type Redemption =
  | { readonly outcome: 'enrol'; readonly caseId: string }
  | { readonly outcome: 'too-many-attempts'; readonly scope: 'client' | 'code'; readonly retryAfterSeconds: number }
  | { readonly outcome: 'wrong-code'; readonly client: AttemptWindow; readonly code?: AttemptWindow }
  | { readonly outcome: 'expired' | 'used' | 'superseded' };

export const judgeRedemption = ({ record, presented, client, now }: RedemptionInput): Redemption => {
  const byClient = mayAttempt(client, PER_CLIENT, now);
  if (!byClient.allowed) return { outcome: 'too-many-attempts', scope: 'client', retryAfterSeconds: byClient.retryAfterSeconds };
  if (!record) return { outcome: 'wrong-code', client: afterFailure(client, PER_CLIENT, now) };
  const byCode = mayAttempt(record.failures, PER_CODE, now);
  if (!byCode.allowed) return { outcome: 'too-many-attempts', scope: 'code', retryAfterSeconds: byCode.retryAfterSeconds };
  if (!verifierMatches(record.verifier, presented.verifier)) {
    return { outcome: 'wrong-code', client: afterFailure(client, PER_CLIENT, now), code: afterFailure(record.failures, PER_CODE, now) };
  }
  if (record.supersededAt) return { outcome: 'superseded' };
  if (record.usedAt) return { outcome: 'used' };
  if (now.getTime() >= Date.parse(record.expiresAt)) return { outcome: 'expired' };
  return { outcome: 'enrol', caseId: record.caseId };
};
