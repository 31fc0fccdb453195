import { describe, expect, test } from 'vitest';
import { userPoolActions } from '../../infra/aws/defaults/user-pool.ts';
import type { FunctionSpec, Manifest } from '../../infra/manifest/index.ts';
import { PERSONAL_DATA_PURPOSE } from '../../shared/ports/personal-data-cipher.ts';
import { hasOfficialRoute } from '../../infra/manifest/officials.ts';
import { actionsOn, statementsOfRole } from './iam-statements.ts';
import { logicalIds } from './logical-ids.ts';
import type { Synthesized } from './synth.ts';
import { subscribeActions } from '../../infra/aws/crisis-response-stack.ts';

const writes = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];
const reads = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:PartiQLSelect'];
/** What a stream event source mapping needs on the stream it reads, whatever the function's `uses`. */
const streamReads = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
/** Actions AWS offers no resource-level permissions for; the only ones allowed on `*`. */
const resourceless = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams'];

const isWildcard = (action: string) => action === '*' || action.endsWith(':*');

/** IAM derived only from `uses`: each function may touch exactly what it declares, in the way it declares. */
export const describeLeastPrivilege = (manifest: Manifest, { stack, template }: Synthesized): void => {
  const ids = logicalIds(stack);
  const statementsOf = (spec: FunctionSpec) => statementsOfRole(template, ids.role(spec.name));
  const readsStreamOf = (spec: FunctionSpec, table: string) =>
    spec.triggers.some((trigger) => trigger.kind === 'stream' && trigger.table === table);
  const functions = manifest.functions.map((spec) => [spec.name, spec] as const);
  /** Conditions too, which `Statement` leaves out. */
  const rawStatementsOf = (spec: FunctionSpec) =>
    Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy['Properties'].Roles).includes(`"${ids.role(spec.name)}"`))
      .flatMap((policy) => policy['Properties'].PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[]);

  describe('least privilege', () => {
    test.each(functions)('%s: roles carry no managed or inline policies', (name) => {
      const role = template.toJSON()['Resources'][ids.role(name)];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.Policies).toBeUndefined();
    });

    test.each(functions)('%s: no wildcard actions; only resource-less actions on *', (_name, spec) => {
      for (const statement of statementsOf(spec)) {
        expect(statement.actions.filter(isWildcard)).toEqual([]);
        if (statement.resources.includes('*')) {
          expect(statement.actions.filter((action) => !resourceless.includes(action))).toEqual([]);
        }
      }
    });

    test.each(functions)('%s: table actions match the declared access', (_name, spec) => {
      const statements = statementsOf(spec);
      for (const table of manifest.tables) {
        const access = spec.uses.tables?.[table.name];
        const actions = actionsOn(statements, ids.table(table.name));
        const context = `${spec.name} on table ${table.name} (${access ?? 'not declared'})`;
        if (access === undefined) {
          const allowed = readsStreamOf(spec, table.name) ? streamReads : [];
          expect(actions.filter((action) => !allowed.includes(action)), context).toEqual([]);
          continue;
        }
        if (access === 'read') expect(actions.filter((a) => writes.includes(a)), context).toEqual([]);
        if (access === 'write') expect(actions.filter((a) => reads.includes(a)), context).toEqual([]);
        if (access !== 'write') expect(actions, context).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
        if (access !== 'read') expect(actions, context).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
      }
    });

    test.each(functions)('%s: DynamoDB actions only if it declares tables or reads a stream', (_name, spec) => {
      if (Object.keys(spec.uses.tables ?? {}).length > 0) return;
      const dynamo = statementsOf(spec).flatMap((s) => s.actions).filter((a) => a.startsWith('dynamodb:'));
      const allowed = spec.triggers.some((t) => t.kind === 'stream') ? [...streamReads, 'dynamodb:ListStreams'] : [];
      expect(dynamo.filter((action) => !allowed.includes(action))).toEqual([]);
    });

    test.each(functions)('%s: publishes only to its declared topics, and subscribes only to those it declares', (_name, spec) => {
      const statements = statementsOf(spec);
      for (const topic of manifest.topics) {
        const publishes = spec.uses.topics?.includes(topic.name) ?? false;
        const subscribes = spec.uses.subscribes?.includes(topic.name) ?? false;
        const expected = [...(publishes ? ['sns:Publish'] : []), ...(subscribes ? subscribeActions : [])];
        expect(actionsOn(statements, ids.topic(topic.name)).sort(), `${spec.name} → ${topic.name}`).toEqual(expected.sort());
      }
      const sns = statements.flatMap((s) => s.actions).filter((a) => a.startsWith('sns:'));
      expect(sns.length > 0).toBe((spec.uses.topics ?? []).length + (spec.uses.subscribes ?? []).length > 0);
      // Subscribing is allowed on the named topics only, never on every topic.
      for (const statement of statements.filter((s) => s.actions.some((a) => subscribeActions.includes(a)))) {
        expect(statement.resources.every((r) => r !== '*')).toBe(true);
      }
    });

    test.each(functions)('%s: reads only its declared secrets', (_name, spec) => {
      const statements = statementsOf(spec);
      for (const secret of manifest.secrets) {
        const declared = spec.uses.secrets?.includes(secret.name) ?? false;
        const actions = actionsOn(statements, ids.secret(secret.name));
        if (declared) expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
        else expect(actions, `${spec.name} → ${secret.name}`).toEqual([]);
      }
      const secrets = statements.flatMap((s) => s.actions).filter((a) => a.startsWith('secretsmanager:'));
      expect(secrets.length > 0).toBe((spec.uses.secrets ?? []).length > 0);
    });

    test.each(functions)('%s: replaces only the secrets it declares it writes, with PutSecretValue alone', (_name, spec) => {
      const statements = statementsOf(spec);
      for (const secret of manifest.secrets) {
        const writes = spec.uses.writesSecrets?.includes(secret.name) ?? false;
        const actions = actionsOn(statements, ids.secret(secret.name)).filter((a) => !['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'].includes(a));
        expect(actions, `${spec.name} → ${secret.name}`).toEqual(writes ? ['secretsmanager:PutSecretValue'] : []);
      }
    });

    test.each(functions)('%s: puts events on the bus only if it declares events', (_name, spec) => {
      const statements = statementsOf(spec);
      const putEvents = statements.flatMap((s) => s.actions).filter((a) => a.startsWith('events:'));
      expect(putEvents).toEqual(spec.uses.events ? ['events:PutEvents'] : []);
      if (spec.uses.events) expect(actionsOn(statements, ids.bus())).toEqual(['events:PutEvents']);
    });

    test.each(functions)('%s: uses the personal-data key only as declared, only for personal data, and no other key for it', (_name, spec) => {
      const key = ids.personalDataKey();
      const granted = { encrypt: ['kms:GenerateDataKey'], decrypt: ['kms:Decrypt'], both: ['kms:GenerateDataKey', 'kms:Decrypt'] };
      const expected = spec.uses.personalData ? granted[spec.uses.personalData] : [];
      const onKey = key ? rawStatementsOf(spec).filter((statement) => JSON.stringify(statement.Resource).includes(`"${key}"`)) : [];
      expect(onKey.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([...expected].sort());
      for (const statement of onKey) {
        expect(statement.Effect).toBe('Allow');
        expect(statement.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:purpose': PERSONAL_DATA_PURPOSE } });
      }
      // Topic publishers hold data-key rights on the topics' key; those never name the personal-data key.
      const kmsElsewhere = statementsOf(spec).filter((s) => s.actions.some((a) => a.startsWith('kms:')) && !(key && JSON.stringify(s.resources).includes(`"${key}"`)));
      if (!(spec.uses.topics ?? []).length) expect(kmsElsewhere).toEqual([]);
    });

    test.each(functions)('%s: manages officials’ accounts only as it declares, on the officials’ user pool only', (_name, spec) => {
      const statements = statementsOf(spec);
      const cognito = statements.flatMap((s) => s.actions).filter((a) => a.startsWith('cognito-idp:'));
      const declared = [...new Set((spec.uses.userPool ?? []).flatMap((access) => userPoolActions[access]))];
      expect(cognito.sort()).toEqual([...declared].sort());
      if (declared.length > 0) expect(actionsOn(statements, ids.userPool()).sort()).toEqual([...declared].sort());
    });

    test.each(functions)('%s: reads the officials directory if it answers official routes', (_name, spec) => {
      if (!hasOfficialRoute(spec)) return;
      expect(actionsOn(statementsOf(spec), ids.table('officials'))).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    });

    test.each(functions)('%s: geocodes only if it declares the geocoder, and only by text search', (_name, spec) => {
      const geo = statementsOf(spec).flatMap((s) => s.actions).filter((a) => a.startsWith('geo:'));
      expect(geo).toEqual(spec.uses.geocoder ? ['geo:SearchPlaceIndexForText'] : []);
    });
  });
};
