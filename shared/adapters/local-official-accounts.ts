import type { OfficialAccounts } from '../ports/official-accounts.ts';

/**
 * Locally the directory is the whole record: the local sign-in page lists it and the local issuer signs
 * for whoever it holds enabled, so there is no separate account to create or disable.
 */
export class LocalOfficialAccounts implements OfficialAccounts {
  async create(): Promise<void> {}
  async disable(): Promise<void> {}
  async enable(): Promise<void> {}
}
