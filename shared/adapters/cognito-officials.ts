import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { AccountExistsError, AccountMissingError, AccountsBusyError, type OfficialAccount, type OfficialAccounts } from '../ports/official-accounts.ts';

/** Cognito's words for "not now": the request was fine, the service was not. */
const BUSY = new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalErrorException', 'ThrottlingException']);

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : '');

const translated = (error: unknown): unknown => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  if (BUSY.has(nameOf(error)) || status >= 500) return new AccountsBusyError(`The user pool is busy: ${nameOf(error)}`, { cause: error });
  return error;
};

const translating = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw translated(error);
  }
};

/**
 * Officials' accounts in the Cognito user pool, through its admin API. The pool signs in by e-mail, so the
 * e-mail is the username the admin calls name; the officer id and region travel as custom attributes into
 * the ID token (`custom:officer_id`, `custom:region`) and the role as the group (`cognito:groups`).
 */
export class CognitoOfficialAccounts implements OfficialAccounts {
  constructor(
    private readonly userPoolId: string,
    private readonly client: CognitoIdentityProviderClient = new CognitoIdentityProviderClient({}),
  ) {}

  async create(account: OfficialAccount): Promise<void> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: account.email,
          UserAttributes: [
            { Name: 'email', Value: account.email },
            // The admin vouches for the address, and the invitation with the temporary password goes there.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: account.name },
            { Name: 'custom:region', Value: account.region },
            { Name: 'custom:officer_id', Value: account.officerId },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
    } catch (error) {
      // A retry after the group step failed finds its own account: carry on. Anyone else's is a conflict.
      if (!['UsernameExistsException', 'AliasExistsException'].includes(nameOf(error))) throw translated(error);
      if (!(await this.#isAccountOf(account))) throw new AccountExistsError(`An account already signs in as ${account.email}.`, { cause: error });
    }
    await translating(() =>
      this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: account.email, GroupName: account.role })),
    );
  }

  async disable(account: OfficialAccount): Promise<void> {
    try {
      await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: account.email }));
      // Revokes refresh tokens; ID tokens already issued still verify until they expire, which is why every
      // request also checks the directory.
      await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: account.email }));
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') return;
      throw translated(error);
    }
  }

  async enable(account: OfficialAccount): Promise<void> {
    try {
      await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: account.email }));
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') throw new AccountMissingError(`The user pool has no account ${account.email}.`, { cause: error });
      throw translated(error);
    }
  }

  async #isAccountOf(account: OfficialAccount): Promise<boolean> {
    const user = await translating(() => this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: account.email })));
    return user.UserAttributes?.some((attribute) => attribute.Name === 'custom:officer_id' && attribute.Value === account.officerId) ?? false;
  }
}
