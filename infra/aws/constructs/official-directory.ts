import { ClientAttributes, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { OFFICIAL_ROLES } from '../../../shared/auth/principal.ts';
import { consoleClientDefaults, userPoolDefaults } from '../defaults/user-pool.ts';

/**
 * The claims an official's ID token carries and handlers read (`cognito:groups`, `custom:region`,
 * `custom:officer_id`); the local issuer mints tokens with the same names.
 */
export const officialGroups = OFFICIAL_ROLES;
export const officialAttributes = { region: 'region', officerId: 'officer_id' } as const;

/**
 * The Cognito user pool of case officers and administrators, and the client the officials' console
 * signs in with.
 */
export class OfficialDirectory extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      ...userPoolDefaults,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Mutable so an administrator can move an officer; the console client cannot write them.
        [officialAttributes.region]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        [officialAttributes.officerId]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
    });

    // Precedence (lower wins): an official in several groups is taken for the widest role.
    officialGroups.forEach((groupName, index) =>
      this.userPool.addGroup(`Group-${groupName}`, {
        groupName,
        precedence: officialGroups.length - index,
        description: `Officials with the ${groupName} role.`,
      }),
    );

    const custom = Object.values(officialAttributes);
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      ...consoleClientDefaults,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(...custom),
      // An official must not be able to move themselves to another region or take another's officer id.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
