import { CognitoOfficialAccounts } from './adapters/cognito-officials.ts';
import { LocalOfficialAccounts } from './adapters/local-official-accounts.ts';
import { config } from './config.ts';
import type { OfficialAccounts } from './ports/official-accounts.ts';

/** The Cognito user pool on AWS; locally the directory alone. */
export const officialAccounts = (): OfficialAccounts =>
  config.runtime === 'aws' ? new CognitoOfficialAccounts(config.userPoolId()) : new LocalOfficialAccounts();
