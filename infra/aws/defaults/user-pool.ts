import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { UserPoolAccess } from '../../manifest/types.ts';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
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
 * The console is a public client (a browser holds no secret) signing in with SRP; no OAuth flows
 * until a hosted domain exists, so no implicit grant is open. Short access tokens bound how long a
 * disabled official keeps access.
 */
export const consoleClientDefaults = {
  generateSecret: false,
  authFlows: { userSrp: true },
  disableOAuth: true,
  preventUserExistenceErrors: true,
  enableTokenRevocation: true,
  accessTokenValidity: Duration.minutes(30),
  idTokenValidity: Duration.minutes(30),
  refreshTokenValidity: Duration.hours(12),
} as const satisfies Partial<UserPoolClientOptions>;

/**
 * The Cognito admin actions behind each user-pool access a function may declare, and no others: creating
 * an account looks it up only to tell a retry of its own create from someone else's account.
 */
export const userPoolActions: Readonly<Record<UserPoolAccess, readonly string[]>> = {
  create: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup'],
  'enable-disable': ['cognito-idp:AdminDisableUser', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminEnableUser'],
};
