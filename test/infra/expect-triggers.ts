import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { operationsTopicName } from '../../infra/aws/crisis-response-stack.ts';
import { RUNBOOKS } from '../../infra/aws/runbooks.ts';
import { allowsAnyOrigin } from '../../infra/manifest/cors.ts';
import type {
  AuthKind,
  EventTrigger,
  FunctionSpec,
  HttpTrigger,
  Manifest,
  ScheduleTrigger,
  StreamTrigger,
  Trigger,
} from '../../infra/manifest/index.ts';
import { logicalIds } from './logical-ids.ts';
import type { Synthesized } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const triggersOf = <K extends Trigger['kind']>(manifest: Manifest, kind: K) =>
  manifest.functions.flatMap((fn) =>
    fn.triggers
      .filter((trigger): trigger is Extract<Trigger, { kind: K }> => trigger.kind === kind)
      .map((trigger) => [fn.name, trigger, fn] as [string, Extract<Trigger, { kind: K }>, FunctionSpec]),
  );

/**
 * One test per trigger. A manifest without triggers of a kind adds none: the coverage manifest
 * (coverage-manifest.ts) has every kind, so no kind goes unchecked.
 */
const eachTrigger = <T extends [string, Trigger, FunctionSpec]>(_kind: string, cases: readonly T[], check: (...args: T) => void) => {
  if (cases.length > 0) test.each<T>([...cases])('%s: %o', check);
};

const authorizationType: Record<AuthKind, string> = {
  public: 'NONE',
  'partner-signature': 'NONE',
  'store-key': 'CUSTOM',
  'device-token': 'CUSTOM',
  official: 'JWT',
};

/** Routes, schedules, streams, events and alarms: one wired trigger per manifest trigger. */
export const describeTriggers = (manifest: Manifest, { stack, template }: Synthesized): void => {
  const ids = logicalIds(stack);
  const resources = template.toJSON()['Resources'] as Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const targetsFunction = (name: string) => ({ 'Fn::GetAtt': [ids.function(name), 'Arn'] });

  describe('http triggers', () => {
    const http = triggersOf(manifest, 'http');

    test('one HTTP API with one route per http trigger (and a preflight per public read), throttled and access-logged', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      template.resourceCountIs('AWS::ApiGatewayV2::Route', http.length + http.filter(([, trigger]) => allowsAnyOrigin(trigger)).length);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
      });
    });

    eachTrigger('http', http, (name, trigger: HttpTrigger) => {
      const routes = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties['RouteKey'] === `${trigger.method} ${trigger.path}`);
      expect(routes).toHaveLength(1);
      const route = routes[0]![1].Properties;
      expect(route['AuthorizationType']).toBe(authorizationType[trigger.auth]);

      // The route reaches this function, with the v2 payload the local gateway also produces.
      const integrationId = JSON.stringify(route['Target']).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      expect(resources[integrationId]?.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: targetsFunction(name),
        PayloadFormatVersion: '2.0',
      });

      const authorizerId = (route['AuthorizerId'] as { Ref: string } | undefined)?.Ref;
      if (trigger.auth === 'store-key' || trigger.auth === 'device-token') {
        const authorizerFunction = manifest.authorizers.find((a) => a.auth === trigger.auth)?.function ?? '';
        const authorizer = resources[authorizerId ?? '']?.Properties ?? {};
        expect(authorizer).toMatchObject({
          AuthorizerType: 'REQUEST',
          AuthorizerPayloadFormatVersion: '2.0',
          EnableSimpleResponses: true,
          Name: trigger.auth,
        });
        // Every request reaches the authorizer (no identity source, no cache): a missing key gets the
        // handler's problem+json 401 and a rotated key stops at once.
        expect(authorizer['IdentitySource'] ?? []).toEqual([]);
        expect(authorizer['AuthorizerResultTtlInSeconds'] ?? 0).toBe(0);
        expect(JSON.stringify(authorizer['AuthorizerUri'])).toContain(`"${ids.function(authorizerFunction)}"`);
      } else if (trigger.auth === 'official') {
        expect(resources[authorizerId ?? '']?.Properties).toMatchObject({
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
        });
      } else {
        expect(authorizerId).toBeUndefined();
      }
    });
  });

  describe('schedule triggers', () => {
    const schedules = triggersOf(manifest, 'schedule');
    eachTrigger('schedule', schedules, (name, trigger: ScheduleTrigger) => {
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: trigger.expression,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: targetsFunction(name),
            DeadLetterConfig: { Arn: Match.anyValue() },
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: Match.anyValue() }),
          }),
        ],
      });
    });
  });

  describe('stream triggers', () => {
    const streams = triggersOf(manifest, 'stream');
    eachTrigger('stream', streams, (name, trigger: StreamTrigger) => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.table(trigger.table), 'StreamArn'] },
        FunctionName: { Ref: ids.function(name) },
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: Match.anyValue(),
        ...(trigger.batchSize !== undefined && { BatchSize: trigger.batchSize }),
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    });
  });

  const events = triggersOf(manifest, 'event');
  if (events.length > 0) describe('event triggers', () => {
    eachTrigger('event', events, (name, trigger: EventTrigger) => {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: { Ref: ids.bus() },
        EventPattern: {
          source: trigger.pattern.source,
          ...(trigger.pattern['detail-type'] && { 'detail-type': trigger.pattern['detail-type'] }),
          ...(trigger.pattern.detail && { detail: trigger.pattern.detail }),
        },
        Targets: [Match.objectLike({ Arn: targetsFunction(name), DeadLetterConfig: { Arn: Match.anyValue() } })],
      });
    });
  });

  describe('failures reach operators', () => {
    const operations = { Ref: ids.topic(operationsTopicName) };
    const alarmsOn = (metricName: string, dimension: unknown) =>
      ofType('AWS::CloudWatch::Alarm').filter(
        ([, alarm]) =>
          alarm.Properties['MetricName'] === metricName &&
          JSON.stringify(alarm.Properties['Dimensions']).includes(JSON.stringify(dimension)),
      );

    test.each(manifest.functions.map((fn) => fn.name))('%s: one alarm on its errors and throttles together notifies operations', (name) => {
      const alarms = ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) => {
        const metrics = (alarm.Properties['Metrics'] ?? []) as { MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } } }[];
        const on = (metricName: string) =>
          metrics.some((m) => m.MetricStat?.Metric.MetricName === metricName && JSON.stringify(m.MetricStat.Metric.Dimensions).includes(JSON.stringify({ Ref: ids.function(name) })));
        return on('Errors') && on('Throttles');
      });
      expect(alarms).toHaveLength(1);
      expect(alarms[0]![1].Properties['AlarmActions']).toEqual([operations]);
      const expression = ((alarms[0]![1].Properties['Metrics'] ?? []) as { Expression?: string }[]).find((m) => m.Expression)?.Expression;
      expect(expression).toBe('FILL(errors, 0) + FILL(throttles, 0)');
    });

    test('every queue is encrypted, TLS-only, and has a depth alarm (a manifest queue: a backlog alarm) that notifies operations', () => {
      const queues = ofType('AWS::SQS::Queue');
      for (const [queueId, queue] of queues) {
        expect(queue.Properties['SqsManagedSseEnabled'] ?? queue.Properties['KmsMasterKeyId']).toBeTruthy();
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
          },
        });
        if (queue.Properties['RedrivePolicy']) {
          // A work queue is deep by design during an import; what must alarm is a message left waiting, and its DLQ.
          expect(queue.Properties['SqsManagedSseEnabled']).toBeTruthy();
          const stuck = alarmsOn('ApproximateAgeOfOldestMessage', { 'Fn::GetAtt': [queueId, 'QueueName'] });
          expect(stuck, queueId).toHaveLength(1);
          expect(stuck[0]![1].Properties['AlarmActions']).toEqual([operations]);
          const deadLetters = (queue.Properties['RedrivePolicy'] as { deadLetterTargetArn: { 'Fn::GetAtt': [string, string] } }).deadLetterTargetArn['Fn::GetAtt'][0];
          expect(alarmsOn('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [deadLetters, 'QueueName'] }), deadLetters).toHaveLength(1);
          continue;
        }
        const alarms = alarmsOn('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [queueId, 'QueueName'] });
        expect(alarms, queueId).toHaveLength(1);
        expect(alarms[0]![1].Properties['AlarmActions']).toEqual([operations]);
      }
    });

    test('every alarm names its runbook, and every runbook it names is in docs/runbooks.md', () => {
      const runbooks = readFileSync(resolve(import.meta.dirname, '../../docs/runbooks.md'), 'utf8');
      const anchors = new Set([...runbooks.matchAll(/<a id="([a-z0-9-]+)"><\/a>\n## /g)].map((m) => m[1]));
      // Alarms made only with some context (the operators' e-mail queue) are checked through the list of runbooks.
      expect(RUNBOOKS.filter((runbook) => !anchors.has(runbook))).toEqual([]);
      const alarms = ofType('AWS::CloudWatch::Alarm');
      expect(alarms.length).toBeGreaterThan(0);
      for (const [alarmId, alarm] of alarms) {
        const named = /Runbook: docs\/runbooks\.md#([a-z0-9-]+)$/.exec(String(alarm.Properties['AlarmDescription']))?.[1];
        expect(named, alarmId).toBeDefined();
        expect(anchors.has(named), `${alarmId} names #${named}`).toBe(true);
      }
    });

    test('asynchronously invoked functions send failed invocations to a queue', () => {
      for (const fn of manifest.functions.filter((f) => f.triggers.some((t) => t.kind === 'schedule' || t.kind === 'event'))) {
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: ids.function(fn.name) },
          DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
        });
      }
    });
  });
};
