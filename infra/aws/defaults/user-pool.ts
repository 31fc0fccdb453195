import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { UserPoolAccess } from '../../manifest/types.ts';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPoolClientIdentityProvider,
  type UserPoolClientOptions,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';

/**
 * Officials see people's health and whereabouts: accounts are made by administrators (no sign-up),
 * need a strong password and a TOTP second factor, and Cognito's threat protection blocks credential
 * stuffing and risky sign-ins. The Plus plan costs per active user, and officials are few.
 */
export const userPoolDefaults = {
  selfSignUpEnabled: false,
  signInAliases: { email: true, username: false },
  signInCaseSensitive: false,
  passwordPolicy: {
    minLength: 14,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    tempPasswordValidity: Duration.days(3),
  },
  mfa: Mfa.REQUIRED,
  // TOTP only: SMS codes can be intercepted by SIM swap and need an SNS role and a spending limit.
  mfaSecondFactor: { otp: true, sms: false },
  accountRecovery: AccountRecovery.EMAIL_ONLY,
  featurePlan: FeaturePlan.PLUS,
  standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
  deletionProtection: true,
  removalPolicy: RemovalPolicy.RETAIN,
} as const satisfies Partial<UserPoolProps>;

/**
 * The console is a public client (a browser holds no secret) that signs in through managed login with
 * the authorization-code grant; the console sends a PKCE challenge (S256), which Cognito checks at the
 * token endpoint (it has no switch to demand one, so a client without PKCE is the console's bug, not a
 * door: there is no secret to steal and no implicit grant). Only Cognito's own accounts sign in, no social
 * providers. Short ID tokens bound how long a disabled official's token verifies; the directory check
 * refuses it before that.
 */
export const consoleClientDefaults = {
  generateSecret: false,
  authFlows: { userSrp: true },
  supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  accessTokenValidity: Duration.minutes(30),
  idTokenValidity: Duration.minutes(30),
  refreshTokenValidity: Duration.hours(12),
} as const satisfies Partial<UserPoolClientOptions>;

/** What the console asks for at managed login: the ID token's claims, the e-mail and the name. */
export const consoleOAuthDefaults = {
  flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
  scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
} as const;

/**
 * The Cognito admin actions behind each user-pool access a function may declare, and no others: creating
 * an account looks it up only to tell a retry of its own create from someone else's account.
 */
export const userPoolActions: Readonly<Record<UserPoolAccess, readonly string[]>> = {
  create: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup'],
  'enable-disable': ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminEnableUser'],
};
