import type { DirectoryOfficial } from '../officials/official.ts';

/** The account an official signs in with, as far as the account service needs to know them. */
export type OfficialAccount = Pick<DirectoryOfficial, 'officerId' | 'role' | 'region' | 'name' | 'email'>;

/**
 * Officials' sign-in accounts: the Cognito user pool on AWS (sign-in, passwords, MFA); locally nothing,
 * as the local sign-in page signs in whoever the directory lists. The directory table stays the record of
 * who exists and is enabled in both runtimes.
 */
export interface OfficialAccounts {
  /** Creates the account, invited by e-mail, in its role's group. Throws `AccountExistsError`, `AccountsBusyError`. */
  create(account: OfficialAccount): Promise<void>;
  /** Stops sign-in and revokes the account's refresh tokens. An account that does not exist is as good as disabled. */
  disable(account: OfficialAccount): Promise<void>;
  /** Lets the account sign in again. Throws `AccountMissingError` when there is no account to enable. */
  enable(account: OfficialAccount): Promise<void>;
}

/** Another account already signs in with this e-mail address. */
export class AccountExistsError extends Error {
  override name = 'AccountExistsError';
}

/** The account service is throttling or briefly unavailable: nothing was done, try again. */
export class AccountsBusyError extends Error {
  override name = 'AccountsBusyError';
}

/** The directory lists an official whose account the account service does not have. */
export class AccountMissingError extends Error {
  override name = 'AccountMissingError';
}
