import { CfnManagedLoginBranding, ClientAttributes, ManagedLoginVersion, StringAttribute, UserPool, UserPoolDomain, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { OFFICIAL_ROLES } from '../../../shared/auth/principal.ts';
import { consoleClientDefaults, consoleOAuthDefaults, userPoolDefaults } from '../defaults/user-pool.ts';

/**
 * The claims an official's ID token carries and handlers read (`cognito:groups`, `custom:region`,
 * `custom:officer_id`); the local issuer mints tokens with the same names.
 */
export const officialGroups = OFFICIAL_ROLES;
export const officialAttributes = { region: 'region', officerId: 'officer_id' } as const;

export interface OfficialDirectoryProps {
  /** The console's address: where managed login returns after sign-in and after sign-out. */
  readonly consoleUrl: string;
  /** The managed login domain, `https://<prefix>.auth.<region>.amazoncognito.com`; unique per region across AWS. */
  readonly domainPrefix: string;
}

/**
 * The Cognito user pool of case officers and administrators, its managed login (Hosted UI) domain, and
 * the client the officials' console signs in with.
 */
export class OfficialDirectory extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: OfficialDirectoryProps) {
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
      oAuth: { ...consoleOAuthDefaults, scopes: [...consoleOAuthDefaults.scopes], callbackUrls: [props.consoleUrl], logoutUrls: [props.consoleUrl] },
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...custom),
      // An official must not be able to move themselves to another region or take another's officer id.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login (v2) shows its pages for a client only once the client has a branding: Cognito's own look.
    new CfnManagedLoginBranding(this, 'ConsoleLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.consoleClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }
}
