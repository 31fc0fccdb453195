import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { eventBusEnv } from '../../infra/aws/crisis-response-stack.ts';
import { PERSONAL_DATA_KEY_ENV, PLACE_INDEX_ENV, RELIEF_PROGRAM_ENV, USER_POOL_ENV, UPLOADS_ENV, queueEnv } from '../../infra/manifest/environment.ts';
import { defaultMemoryMb, defaultTimeoutSeconds } from '../../infra/aws/defaults/function.ts';
import { operatorFilledSecrets } from '../../infra/aws/defaults/secret.ts';
import { RUNTIME_ENV, secretEnv, subscriptionDeadLetterEnv, tableEnv, topicEnv } from '../../infra/manifest/environment.ts';
import type { FunctionSpec, IndexSpec, KeySpec, Manifest, TableSpec } from '../../infra/manifest/index.ts';
import { logicalIds } from './logical-ids.ts';
import type { Synthesized } from './synth.ts';

const keySchema = (partitionKey: KeySpec, sortKey?: KeySpec) => [
  { AttributeName: partitionKey.name, KeyType: 'HASH' },
  ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' }] : []),
];

const gsi = (index: IndexSpec) => ({
  IndexName: index.name,
  KeySchema: keySchema(index.partitionKey, index.sortKey),
  Projection: { ProjectionType: index.projection ?? 'ALL' },
});

const byName = <T extends { readonly name: string }>(items: readonly T[]) => items.map((item) => [item.name, item] as const);

/** Tables, topics, secrets and functions: one AWS resource per manifest entry, with the secure defaults. */
export const describeResources = (manifest: Manifest, { stack, template }: Synthesized): void => {
  const ids = logicalIds(stack);
  const resources = template.toJSON()['Resources'] as Record<string, { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>>;
  const resource = (logicalId: string) => {
    const found = resources[logicalId];
    if (!found) throw new Error(`No resource ${logicalId} in the template`);
    return found;
  };

  describe('tables', () => {
    test('one DynamoDB table per manifest table', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', manifest.tables.length);
    });

    test.each(byName(manifest.tables))('%s: keys, GSIs, TTL and stream as declared; on-demand, PITR, SSE, retained', (name, spec: TableSpec) => {
      const table = resource(ids.table(name));
      expect(table.Type).toBe('AWS::DynamoDB::Table');
      expect(table['DeletionPolicy']).toBe('Retain');
      expect(table['UpdateReplacePolicy']).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: keySchema(spec.partitionKey, spec.sortKey),
      });
      expect(table.Properties['TimeToLiveSpecification']).toEqual(
        spec.ttlAttribute ? { AttributeName: spec.ttlAttribute, Enabled: true } : undefined,
      );
      expect(table.Properties['StreamSpecification']).toEqual(spec.stream ? { StreamViewType: spec.stream } : undefined);
      expect(table.Properties['GlobalSecondaryIndexes']).toEqual(spec.indexes?.length ? spec.indexes.map(gsi) : undefined);
    });
  });

  describe('topics', () => {
    test('one SNS topic per manifest topic', () => {
      template.resourceCountIs('AWS::SNS::Topic', manifest.topics.length);
    });

    test.each(byName(manifest.topics))('%s: KMS-encrypted with a rotated customer key, TLS only', (name) => {
      const topic = resource(ids.topic(name));
      expect(topic.Type).toBe('AWS::SNS::Topic');
      const keyId = (topic.Properties['KmsMasterKeyId'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(resource(keyId).Properties).toMatchObject({ EnableKeyRotation: true });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: ids.topic(name) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });
  });

  describe('secrets', () => {
    test('one Secrets Manager secret per manifest secret', () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', manifest.secrets.length);
    });

    test.each(byName(manifest.secrets))('%s: named per stage, retained, generated or a JSON placeholder', (name) => {
      const secret = resource(ids.secret(name));
      expect(secret.Type).toBe('AWS::SecretsManager::Secret');
      expect(secret['DeletionPolicy']).toBe('Retain');
      expect(secret.Properties['Name']).toBe(`${manifest.service}/test/${name}`);
      if (operatorFilledSecrets.has(name)) {
        expect(secret.Properties['SecretString']).toBe('{}');
      } else {
        expect(secret.Properties['GenerateSecretString']).toMatchObject({ PasswordLength: 64 });
      }
    });
  });

  describe('the personal-data key', () => {
    const users = manifest.functions.filter((spec) => spec.uses.personalData);
    test('exists only when a function uses personal data: a customer key, rotated yearly, retained', () => {
      const id = ids.personalDataKey();
      expect(id !== undefined).toBe(users.length > 0);
      if (!id) return;
      const key = resource(id);
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
      expect(key['DeletionPolicy']).toBe('Retain');
    });
  });

  describe('functions', () => {
    const expectedEnvironment = (spec: FunctionSpec) => ({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: manifest.service,
      POWERTOOLS_METRICS_NAMESPACE: 'CrisisResponse',
      [RUNTIME_ENV]: 'aws',
      ...Object.fromEntries(Object.keys(spec.uses.tables ?? {}).map((t) => [tableEnv(t), { Ref: ids.table(t) }])),
      ...Object.fromEntries((spec.uses.topics ?? []).map((t) => [topicEnv(t), { Ref: ids.topic(t) }])),
      ...Object.fromEntries((spec.uses.subscribes ?? []).map((t) => [topicEnv(t), { Ref: ids.topic(t) }])),
      // The queue itself is checked in subscriptions-dead-letters.test.ts.
      ...Object.fromEntries((spec.uses.subscribes ?? []).map((t) => [subscriptionDeadLetterEnv(t), { 'Fn::GetAtt': [expect.any(String), 'Arn'] }])),
      ...Object.fromEntries((spec.uses.secrets ?? []).map((s) => [secretEnv(s), { Ref: ids.secret(s) }])),
      ...(spec.uses.events ? { [eventBusEnv]: { Ref: ids.bus() } } : {}),
      ...(spec.uses.geocoder ? { [PLACE_INDEX_ENV]: expect.anything() } : {}),
      ...(spec.uses.personalData ? { [PERSONAL_DATA_KEY_ENV]: { 'Fn::GetAtt': [ids.personalDataKey(), 'Arn'] } } : {}),
      ...(spec.uses.userPool?.length ? { [USER_POOL_ENV]: { Ref: ids.userPool() } } : {}),
      // The relief program a deployment runs (`-c reliefProgram=…`), for every function on the relief tables.
      ...(Object.keys(spec.uses.tables ?? {}).some((t) => t.startsWith('relief-')) ? { [RELIEF_PROGRAM_ENV]: 'relief-2020' } : {}),
      ...Object.fromEntries((spec.uses.queues ?? []).map((q) => [queueEnv(q), { Ref: ids.queue(q) }])),
      ...(spec.uses.uploads?.length ? { [UPLOADS_ENV]: { Ref: ids.uploads() } } : {}),
    });

    test('one Lambda function per manifest function, and CDK’s deploy-time handlers (pages upload; uploads bucket notifications)', () => {
      template.resourceCountIs('AWS::Lambda::Function', manifest.functions.length + 1 + (manifest.uploads ? 1 : 0));
      // Two uploads through that one handler: the pages, and the check-in app's fixed-name files with `no-cache`.
      expect(Object.keys(template.findResources('Custom::CDKBucketDeployment'))).toHaveLength(2);
    });

    test.each(byName(manifest.functions))('%s: nodejs24.x on arm64, traced, sized, with exactly its variables', (name, spec: FunctionSpec) => {
      const fn = resource(ids.function(name));
      expect(fn.Type).toBe('AWS::Lambda::Function');
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        Timeout: spec.timeoutSeconds ?? defaultTimeoutSeconds,
        MemorySize: spec.memoryMb ?? defaultMemoryMb,
        Description: spec.description,
        Role: { 'Fn::GetAtt': [ids.role(name), 'Arn'] },
      });
      expect((fn.Properties['Environment'] as { Variables: unknown }).Variables).toEqual(expectedEnvironment(spec));
    });

    test.each(byName(manifest.functions))('%s: logs to its own log group, with a retention', (name) => {
      const { LogGroup } = resource(ids.function(name)).Properties['LoggingConfig'] as { LogGroup: { Ref: string } };
      const logGroup = resource(LogGroup.Ref);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties['RetentionInDays']).toBeGreaterThan(0);
    });
  });

  describe('officials’ user pool', () => {
    test('MFA required, strong passwords, admin-created accounts, threat protection', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: Match.objectLike({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
        },
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'region', AttributeDataType: 'String' }),
          Match.objectLike({ Name: 'officer_id', AttributeDataType: 'String' }),
        ]),
      });
    });

    test.each(['officer', 'admin', 'national-admin'])('group %s', (group) => {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    });

    test('the console client reads the custom claims but cannot write them', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ReadAttributes: Match.arrayWith(['custom:officer_id', 'custom:region']),
        WriteAttributes: ['email'],
      });
    });

    test('the second factor is TOTP only, never SMS', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
      const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
      expect(pool?.['Properties']['SmsConfiguration']).toBeUndefined();
    });

    test('managed login (v2) on a Cognito domain named after the stage, with Cognito’s look for the console', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: `${manifest.service}-test`,
        ManagedLoginVersion: 2,
        UserPoolId: { Ref: ids.userPool() },
      });
      template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true, UserPoolId: { Ref: ids.userPool() } });
    });

    test('the console signs in with the authorization code only, from Cognito accounts, back to the console under CloudFront', () => {
      const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
      const properties = client?.['Properties'];
      expect(properties).toMatchObject({
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
        SupportedIdentityProviders: ['COGNITO'],
        GenerateSecret: false,
      });
      expect(properties['AllowedOAuthScopes']).toHaveLength(3);
      // The console's address is CloudFront's, known only when deployed.
      const callback = JSON.stringify(properties['CallbackURLs']);
      expect(callback).toContain('/console/');
      expect(callback).toContain('DomainName');
      expect(properties['LogoutURLs']).toEqual(properties['CallbackURLs']);
    });
  });

  test('outputs: API URL, user pool id and client id, the managed login domain and the console', () => {
    for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'AuthDomainUrl', 'ConsoleUrl']) template.hasOutput(output, {});
  });
};
