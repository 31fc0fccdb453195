import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  CognitoIdentityProviderServiceException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CognitoOfficialAccounts } from '../../../shared/adapters/cognito-officials.ts';
import { AccountExistsError, AccountMissingError, AccountsBusyError } from '../../../shared/ports/official-accounts.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const POOL = 'ap-northeast-2_Officials';
const account = { officerId: 'officer-seoul-03', role: 'officer' as const, region: '11', name: '홍길동', email: 'gildong@example.org' };
const accounts = () => new CognitoOfficialAccounts(POOL, new CognitoIdentityProviderClient({ maxAttempts: 1 }));

const serviceError = (name: string, status = 400) =>
  new CognitoIdentityProviderServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });

beforeEach(() => cognito.reset());

describe('creating an official’s account in Cognito', () => {
  it('creates the user with region, officer id and e-mail invitation, then puts them in their role’s group', async () => {
    await accounts().create(account);
    expect(cognito.commandCalls(AdminCreateUserCommand).map((call) => call.args[0].input)).toEqual([
      {
        UserPoolId: POOL,
        Username: 'gildong@example.org',
        UserAttributes: [
          { Name: 'email', Value: 'gildong@example.org' },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: '홍길동' },
          { Name: 'custom:region', Value: '11' },
          { Name: 'custom:officer_id', Value: 'officer-seoul-03' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      },
    ]);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: POOL, Username: 'gildong@example.org', GroupName: 'officer' },
    ]);
  });

  it('says the account exists when another official’s account has the address (409 upstream)', async () => {
    cognito.on(AdminCreateUserCommand).rejects(serviceError('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({ Username: 'x', UserAttributes: [{ Name: 'custom:officer_id', Value: 'someone-else' }] });
    await expect(accounts().create(account)).rejects.toBeInstanceOf(AccountExistsError);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
  });

  it('carries on when the account that exists is this official’s own, from a create that failed at the group', async () => {
    cognito.on(AdminCreateUserCommand).rejects(serviceError('UsernameExistsException'));
    cognito.on(AdminGetUserCommand).resolves({ Username: 'x', UserAttributes: [{ Name: 'custom:officer_id', Value: 'officer-seoul-03' }] });
    await accounts().create(account);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(1);
  });

  it('reports throttling and server faults as busy (503 upstream), at either step', async () => {
    cognito.on(AdminCreateUserCommand).rejects(serviceError('TooManyRequestsException'));
    await expect(accounts().create(account)).rejects.toBeInstanceOf(AccountsBusyError);
    cognito.reset();
    cognito.on(AdminAddUserToGroupCommand).rejects(serviceError('InternalErrorException', 500));
    await expect(accounts().create(account)).rejects.toBeInstanceOf(AccountsBusyError);
  });

  it('lets other failures through as they are', async () => {
    cognito.on(AdminCreateUserCommand).rejects(serviceError('InvalidParameterException'));
    await expect(accounts().create(account)).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});

describe('disabling and enabling an official’s account', () => {
  it('disables the user, then signs them out everywhere', async () => {
    await accounts().disable(account);
    expect(cognito.commandCalls(AdminDisableUserCommand).map((call) => call.args[0].input)).toEqual([{ UserPoolId: POOL, Username: 'gildong@example.org' }]);
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand).map((call) => call.args[0].input)).toEqual([{ UserPoolId: POOL, Username: 'gildong@example.org' }]);
  });

  it('takes an account that is not there as disabled, and throttling as busy', async () => {
    cognito.on(AdminDisableUserCommand).rejects(serviceError('UserNotFoundException'));
    await expect(accounts().disable(account)).resolves.toBeUndefined();
    cognito.reset();
    cognito.on(AdminUserGlobalSignOutCommand).rejects(serviceError('TooManyRequestsException'));
    await expect(accounts().disable(account)).rejects.toBeInstanceOf(AccountsBusyError);
  });

  it('enables the user, and says when there is no account to enable', async () => {
    await accounts().enable(account);
    expect(cognito.commandCalls(AdminEnableUserCommand).map((call) => call.args[0].input)).toEqual([{ UserPoolId: POOL, Username: 'gildong@example.org' }]);
    cognito.on(AdminEnableUserCommand).rejects(serviceError('UserNotFoundException'));
    await expect(accounts().enable(account)).rejects.toBeInstanceOf(AccountMissingError);
  });
});
